import { beforeAll, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { StorySection } from '../../components/options/StorySection';
import { VirtualList } from '../../components/options/VirtualList';
import { optionsMessages } from '../../lib/i18n/options-messages';
import type { ArticleSummary } from '../../platform/protocol';
import { useDom } from './dom';

const { mount, window } = useDom();

// jsdom lays nothing out: each item (the list's wrappers carry data-index) is given the height its
// row would have, 40 px, and scrolling is a no-op, so the list can measure what it shows.
beforeAll(() => {
  const proto = window.HTMLElement.prototype;
  const plain = Object.getOwnPropertyDescriptor(proto, 'offsetHeight')!;
  Object.defineProperty(proto, 'offsetHeight', {
    configurable: true,
    get(this: HTMLElement) {
      return this.hasAttribute('data-index') ? 40 : plain.get!.call(this);
    },
  });
  window.scrollTo = () => undefined;
});

describe('VirtualList', () => {
  it('puts a screenful of 50,000 items in the DOM, on a list as tall as all of them, and says which are shown', () => {
    const items = Array.from({ length: 50_000 }, (_, i) => ({ id: `a-${i}`, title: `Article ${i}` }));
    let shown: string[] = [];
    const root = mount(
      <VirtualList
        items={items}
        keyOf={(a) => a.id}
        estimate={() => 40}
        render={(a) => <p class="row">{a.title}</p>}
        onShown={(list) => (shown = list.map((a) => a.id))}
      />,
    );
    const rows = Array.from(root.querySelectorAll('p.row')).map((p) => p.textContent);
    // jsdom's window is 768 px high: about 20 rows of 40 px, and a few more around them.
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]).toBe('Article 0');
    expect(shown).toEqual(items.slice(0, rows.length).map((a) => a.id));
    const list = root.querySelector('.virtual-list') as HTMLElement;
    expect(list.style.height).toBe(`${50_000 * 40}px`);
  });

  it('follows its items: a filtered list shows what is left', () => {
    const items = Array.from({ length: 1000 }, (_, i) => ({ id: `b-${i}`, title: `Story ${i}` }));
    const list = (shownItems: typeof items) => (
      <VirtualList items={shownItems} keyOf={(a) => a.id} estimate={() => 40} render={(a) => <p class="row">{a.title}</p>} />
    );
    const root = mount(list(items));
    act(() => undefined);
    const filtered = items.filter((a) => a.title.endsWith('7'));
    const again = mount(list(filtered));
    expect(Array.from(again.querySelectorAll('p.row')).map((p) => p.textContent)[0]).toBe('Story 7');
    expect((root.querySelector('.virtual-list') as HTMLElement).style.height).toBe(`${filtered.length * 40}px`);
    expect(window.document.querySelectorAll('p.row').length).toBeLessThan(30);
  });

  it('asks each item its key and guess once per items, not again for every item after one measured', () => {
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: `k-${i}`, title: `Piece ${i}` }));
    let keys = 0;
    let guesses = 0;
    const root = mount(
      <VirtualList
        items={items}
        keyOf={(a) => (keys++, a.id)}
        // Far from the 40 px each measures: every item shown changes the places of all after it.
        estimate={() => (guesses++, 300)}
        render={(a) => <p class="row">{a.title}</p>}
      />,
    );
    act(() => undefined);
    expect(root.querySelectorAll('p.row').length).toBeGreaterThan(1);
    // The measured items are in the list's height: their places were worked out again, from the keys made once.
    expect((root.querySelector('.virtual-list') as HTMLElement).style.height).not.toBe(`${2000 * 300}px`);
    expect(keys).toBe(items.length);
    expect(guesses).toBe(items.length);
  });

  it('guesses the items not measured yet by what those of their kind measured', () => {
    // 2,000 items guessed at 20 px that measure 40 (as the bench's rows wrap to twice the guess), every third of another kind
    // guessed right at 40: the list's height is what the measured ones say of the rest, 40 px each.
    const items = Array.from({ length: 2000 }, (_, i) => ({ id: `g-${i}`, title: `Piece ${i}`, wide: i % 3 === 0 }));
    const root = mount(
      <VirtualList
        items={items}
        keyOf={(a) => a.id}
        estimate={(a) => (a.wide ? 40 : 20)}
        kindOf={(a) => (a.wide ? 'wide' : 'narrow')}
        render={(a) => <p class="row">{a.title}</p>}
      />,
    );
    act(() => undefined);
    const shown = root.querySelectorAll('p.row').length;
    expect(shown).toBeGreaterThan(1);
    // Without the guesses learned: the rows after those measured at 20 or 40 as guessed, ~1,333 at half their height.
    expect((root.querySelector('.virtual-list') as HTMLElement).style.height).toBe(`${2000 * 40}px`);
    // A screen of 768 px holds ~20 rows of 40 px: guessed at 20, the list put twice as many in the DOM.
    expect(shown).toBeLessThan(30);
  });

  it('measures story rows with their timeline: the list is as tall as the rows measured plus the guesses for the rest', () => {
    const t = optionsMessages('en');
    const story = (i: number): ArticleSummary[] =>
      ['A', 'B'].map((outlet, j) => ({
        id: `s${i}-${j}`, outlet, title: `Story ${i}`, language: 'en', date: `2025-05-0${j + 1}`, url: null, source: 'user', addedAt: 0, length: 100, storyId: `s${i}`,
      }));
    const stories = Array.from({ length: 100 }, (_, i) => story(i));
    const root = mount(
      <VirtualList
        items={stories}
        keyOf={(s) => s[0].storyId!}
        // A guess far from the 40 px each row measures, so the total shows which rows were measured.
        estimate={() => 300}
        render={(s, i) => <StorySection n={i + 1} articles={s} profiles={undefined} onOpen={() => {}} onSave={async () => null} onDelete={() => {}} t={t} />}
      />,
    );
    const rows = root.querySelectorAll('[data-index]');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.querySelector('.story-timeline li')!.textContent).toBe('2025-05-01 A');
    const height = Number.parseInt((root.querySelector('.virtual-list') as HTMLElement).style.height, 10);
    const measured = (300 * stories.length - height) / (300 - 40);
    expect(Number.isInteger(measured)).toBe(true);
    expect(measured).toBeGreaterThanOrEqual(rows.length);
  });
});
