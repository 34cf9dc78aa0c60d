import { useCallback, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { observeWindowOffset, observeWindowRect, Virtualizer, windowScroll, type VirtualizerOptions } from '@tanstack/virtual-core';
import { HeightGuesses } from './height-guesses';

export interface VirtualListProps<T> {
  items: readonly T[];
  keyOf: (item: T) => string;
  /** A first guess of an item's height (px); each item is measured once shown. */
  estimate: (item: T) => number;
  /** Items of one kind have their guesses scaled by what that kind's items measured (see HeightGuesses); one kind if absent. */
  kindOf?: (item: T) => string;
  render: (item: T, index: number) => ComponentChildren;
  /** Told the items now in the DOM (those on screen and a few around), e.g. to fetch what only they need. */
  onShown?: (items: readonly T[]) => void;
}

/**
 * A list scrolled with the page whose items are in the DOM only while on
 * screen or near it: a corpus of 50,000 articles renders a screenful of rows,
 * not 50,000. Heights may differ per item; each is measured as it is shown.
 */
export function VirtualList<T>({ items, keyOf, estimate, kindOf, render, onShown }: VirtualListProps<T>) {
  const list = useRef<HTMLDivElement>(null);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  // New only with new items: the virtualizer works out every item's place again (all 50,000) whenever its key function
  // changes, which a function made in each render (the progress, a message, a chart arriving, each scroll) did every time.
  const look = useRef({ keyOf, estimate, kindOf });
  look.current = { keyOf, estimate, kindOf };
  const [heights] = useState(() => new HeightGuesses());
  // Each item's key and guess made once per items: the virtualizer asks for them of every item from the one measured on, each
  // time one is measured (a key made per ask was seconds of script while the bench's 50,000 list scrolled).
  const keys = useMemo(() => items.map((item) => look.current.keyOf(item)), [items]);
  const guesses = useMemo(() => Float64Array.from(items, (item) => look.current.estimate(item)), [items]);
  const getItemKey = useMemo(() => (i: number) => keys[i], [keys]);
  const kinds = useMemo(() => Uint16Array.from(items, (item) => heights.kind(look.current.kindOf?.(item) ?? '')), [items, heights]);
  // Read when the virtualizer works out places, so the guesses of items after one measured follow what has been measured.
  const estimateSize = useMemo(() => (i: number) => heights.guess(kinds[i], guesses[i]), [heights, kinds, guesses]);
  // Where the list starts on the page (the window scrolls the tools above it too), read where layout is already done.
  const [scrollMargin, setScrollMargin] = useState(0);
  const options = (): VirtualizerOptions<Window, HTMLElement> => ({
    count: items.length,
    getScrollElement: () => window,
    estimateSize,
    getItemKey,
    observeElementRect: observeWindowRect,
    observeElementOffset: observeWindowOffset,
    scrollToFn: windowScroll,
    measureElement: (el, entry, instance) => {
      const index = instance.indexFromElement(el);
      const size = sizeOf(el, entry, instance);
      if (size === null) return instance.itemSizeCache.get(getItemKey(index)) ?? estimateSize(index);
      heights.learn(kinds[index], keys[index], guesses[index], size);
      return size;
    },
    // One item more each way: each is a story's table, which a frame lays out whole, and a scroll step of a screen or more
    // replaces every item shown.
    overscan: 1,
    scrollMargin,
    initialRect: { width: window.innerWidth, height: window.innerHeight },
    onChange: () => rerender(0),
  });
  const [virtualizer] = useState(() => new Virtualizer<Window, HTMLElement>(options()));
  virtualizer.setOptions(options());

  useLayoutEffect(() => virtualizer._didMount(), [virtualizer]);
  // The list's place, read when what holds it changes size: a resize observer runs after the frame's layout, so reading it
  // there costs nothing, where reading it in every render laid the page out again before each render's changes (a forced
  // layout per keystroke, per chart arriving and per scroll step).
  useLayoutEffect(() => {
    const el = list.current;
    const holder = el?.parentElement;
    if (!el || !holder || typeof ResizeObserver === 'undefined') return;
    // What is above the list is the holder less the list's height (its last item, its height set here): only when that
    // changes is the list's place read, since another resize observer (the items') may have changed the page just before
    // this one runs, and reading it then lays the page out again.
    let above: number | null = null;
    const observer = new ResizeObserver(([entry]) => {
      const now = Math.round(entry.contentRect.height - parseFloat(el.style.height || '0'));
      if (now === above) return;
      above = now;
      setScrollMargin(Math.round(el.getBoundingClientRect().top + window.scrollY));
    });
    observer.observe(holder);
    return () => observer.disconnect();
  }, []);
  // The same ref in every render: a new one is called again for every item shown, and each call measured its item, a
  // forced layout per render (on every scroll step); an item is measured once shown, then on resizing (a ResizeObserver).
  const measure = useCallback((el: HTMLElement | null) => {
    if (el) virtualizer.measureElement(el);
  }, [virtualizer]);
  useLayoutEffect(() => virtualizer._willUpdate());

  const shown = virtualizer.getVirtualItems();
  const margin = virtualizer.options.scrollMargin;
  const shownKey = shown.map((v) => v.key).join('\n');
  const told = useRef('');
  useLayoutEffect(() => {
    if (!onShown || told.current === shownKey) return;
    told.current = shownKey;
    onShown(shown.map((v) => items[v.index]));
  });

  return (
    <div ref={list} class="virtual-list" style={{ position: 'relative', height: `${virtualizer.getTotalSize()}px` }}>
      {shown.map((v) => (
        <div
          key={v.key}
          data-index={v.index}
          ref={measure}
          style={{ position: 'absolute', top: 0, left: 0, width: '100%', transform: `translateY(${v.start - margin}px)` }}
        >
          {render(items[v.index], v.index)}
        </div>
      ))}
    </div>
  );
}

/**
 * An item's height: from its resize observer's entry, which arrives after the
 * frame's layout, before it is painted. Asked as the item is mounted (no entry
 * yet), null: the caller answers the size known or estimated so far (the
 * virtualizer's own measure read offsetHeight there, a layout of the page
 * forced for every item shown).
 */
function sizeOf(el: HTMLElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<Window, HTMLElement>): number | null {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  // The item's wrapper has no padding nor border: its content box is its size.
  if (entry) return Math.round(entry.contentRect.height);
  // No resize observer to tell it later (jsdom): read now.
  if (!instance.targetWindow?.ResizeObserver) return el.offsetHeight;
  return null;
}
