import { JSDOM } from 'jsdom';
import { afterAll, beforeAll } from 'vitest';
import { render, type ComponentChild } from 'preact';
import { act } from 'preact/test-utils';

/** A jsdom document for Preact components, installed as the globals for the file's tests. */
export function useDom(): { mount(node: ComponentChild): HTMLElement; window: JSDOM['window'] } {
  const dom = new JSDOM('<!doctype html><html><body><div id="root"></div></body></html>');
  const saved: Record<string, unknown> = {};
  const keys = ['document', 'window', 'Node', 'Element', 'HTMLElement', 'Event', 'KeyboardEvent', 'ResizeObserver'];
  beforeAll(() => {
    for (const key of keys) saved[key] = (globalThis as Record<string, unknown>)[key];
    Object.assign(globalThis, {
      document: dom.window.document,
      window: dom.window,
      Node: dom.window.Node,
      Element: dom.window.Element,
      HTMLElement: dom.window.HTMLElement,
      Event: dom.window.Event,
      KeyboardEvent: dom.window.KeyboardEvent,
      ResizeObserver: class {
        observe() {}
        disconnect() {}
      },
    });
  });
  afterAll(() => {
    render(null, dom.window.document.getElementById('root')!);
    Object.assign(globalThis, saved);
  });
  return {
    window: dom.window,
    mount(node) {
      const root = dom.window.document.getElementById('root')!;
      act(() => render(null, root));
      act(() => render(node, root));
      return root as unknown as HTMLElement;
    },
  };
}

/** Opens a <details> as a click would, firing its toggle event. */
export function openDetails(details: HTMLDetailsElement, window: JSDOM['window']): void {
  act(() => {
    details.open = true;
    details.dispatchEvent(new window.Event('toggle'));
  });
}
