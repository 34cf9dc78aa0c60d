import { describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { SummaryLine } from '../../components/SummaryLine';
import { Overlay } from '../../components/Overlay';
import { messages } from '../../lib/i18n/messages';
import { rankMissing, topCount } from '../../lib/notes/missing-ranking';
import type { MissingNote } from '../../lib/notes/page-notes';
import { openDetails, useDom } from './dom';

const { mount, window } = useDom();

/** 6 points made by two or three outlets, 40 by one, in the engine's order (not ranked). */
function missingPoints(): MissingNote[] {
  const out: MissingNote[] = [];
  for (let i = 0; i < 40; i++) out.push({ text: `Einzelpunkt ${i}.`, outlets: [`Outlet ${'BCDE'[i % 4]}`] });
  out.splice(3, 0, { text: 'Zwei sagen das.', outlets: ['Outlet B', 'Outlet C'] });
  out.splice(10, 0, { text: 'Drei sagen das.', outlets: ['Outlet B', 'Outlet C', 'Outlet D'] });
  out.splice(20, 0, { text: 'Auch zwei.', outlets: ['Outlet D', 'Outlet E'] });
  out.push({ text: 'Noch zwei.', outlets: ['Outlet B', 'Outlet E'], sources: 3 });
  out.push({ text: 'Wieder zwei.', outlets: ['Outlet C', 'Outlet E'] });
  out.push({ text: 'Zuletzt drei.', outlets: ['Outlet C', 'Outlet D', 'Outlet E'] });
  return out;
}
const summary = { outlets: 4, shared: 10, details: 3, onlyHere: 2, missing: 46 };

describe('rankMissing', () => {
  it('ranks points by how many outlets make them, keeping the engine order among equals', () => {
    const ranked = rankMissing(missingPoints());
    expect(ranked.many).toBe(6);
    expect(ranked.single).toBe(40);
    expect(ranked.points.map((p) => p.outlets.length).slice(0, 7)).toEqual([3, 3, 2, 2, 2, 2, 1]);
    expect(ranked.points.slice(0, 6).map((p) => p.text)).toEqual([
      'Drei sagen das.',
      'Zuletzt drei.',
      'Noch zwei.',
      'Zwei sagen das.',
      'Auch zwei.',
      'Wieder zwei.',
    ]);
    expect(ranked.points[6].text).toBe('Einzelpunkt 0.');
    expect(topCount(ranked)).toBe(6);
  });

  it('lists a point once with every outlet that makes it, also when the engine gives it twice', () => {
    const ranked = rankMissing([
      { text: 'Putin lud Trump nach Moskau ein.', outlets: ['B'] },
      { text: 'Anderes.', outlets: ['C'] },
      { text: '  putin lud Trump nach Moskau ein ', outlets: ['D', 'B'] },
    ]);
    expect(ranked.points).toEqual([
      { text: 'Putin lud Trump nach Moskau ein.', outlets: ['B', 'D'], sources: 2 },
      { text: 'Anderes.', outlets: ['C'], sources: 1 },
    ]);
    expect([ranked.many, ranked.single]).toEqual([1, 1]);
  });

  it('shows at least five points first where no point is made by two outlets', () => {
    const ranked = rankMissing(Array.from({ length: 12 }, (_, i) => ({ text: `P${i}`, outlets: ['B'] })));
    expect(topCount(ranked)).toBe(5);
    expect(topCount(rankMissing([{ text: 'P', outlets: ['B'] }]))).toBe(1);
  });
});

describe('the missing points in the overlay', () => {
  it('summarises them by how many outlets make them, in English and German', () => {
    const root = mount(<SummaryLine summary={summary} missing={rankMissing(missingPoints())} t={messages('en')} compact={false} />);
    expect(root.querySelector('summary')!.textContent).toBe(
      'Compared with 4 outlets: 10 points shared · 3 details others add · 2 points only here · 6 points reported by 2+ outlets are missing here · 40 more by one outlet',
    );
    const de = mount(<SummaryLine summary={summary} missing={rankMissing(missingPoints())} t={messages('de')} compact={false} />);
    expect(de.querySelector('summary')!.textContent).toContain('6 Punkte, die 2+ Medien berichten, fehlen hier · 40 weitere von einem Medium');
    expect(messages('en').missingSummary(1, 0)).toBe('1 point reported by 2+ outlets is missing here');
    expect(messages('en').missingSummary(0, 3)).toBe('3 points missing here, each reported by one outlet');
    expect(messages('de').missingSummary(1, 1)).toBe('1 Punkt, den 2+ Medien berichten, fehlt hier · 1 weiterer von einem Medium');
  });

  it('the compact marker never puts a minus sign before the count', () => {
    const root = mount(<SummaryLine summary={summary} missing={rankMissing(missingPoints())} t={messages('en')} compact />);
    const badge = root.querySelector('summary [aria-hidden="true"]')!.textContent!;
    expect(badge).toBe('⇄ 4 outlets · missing: 6 by 2+ outlets, 40 by one');
    for (const locale of ['en', 'de'] as const) {
      for (const [many, single] of [[0, 0], [0, 73], [6, 40], [1, 0]]) {
        expect(messages(locale).compactSummary(4, many, single)).not.toMatch(/[–-]\s*\d/);
      }
    }
    expect(messages('de').compactSummary(4, 6, 40)).toBe('⇄ 4 Medien · es fehlen: 6 von 2+ Medien, 40 von einem');
  });

  it('opens to the top points grouped by their outlets, and shows the rest on "show all"', () => {
    const root = mount(<SummaryLine summary={summary} missing={rankMissing(missingPoints())} t={messages('en')} compact={false} />);
    expect(root.querySelector('.missing')).toBeNull();
    openDetails(root.querySelector('details')!, window);
    const panel = root.querySelector<HTMLElement>('.missing')!;
    // A region the keyboard can reach and scroll.
    expect(panel.getAttribute('role')).toBe('region');
    expect(panel.getAttribute('tabindex')).toBe('0');
    expect(panel.querySelector('.missing-count')!.textContent).toBe('6 points reported by 2+ outlets are missing here · 40 more by one outlet');
    expect([...panel.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Reported by 3 outlets', 'Reported by 2 outlets']);
    const items = [...panel.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).toEqual([
      'Drei sagen das. — Outlet B, Outlet C, Outlet D',
      'Zuletzt drei. — Outlet C, Outlet D, Outlet E',
      'Noch zwei. — Outlet B, Outlet E (3 reports)',
      'Zwei sagen das. — Outlet B, Outlet C',
      'Auch zwei. — Outlet D, Outlet E',
      'Wieder zwei. — Outlet C, Outlet E',
    ]);
    const more = panel.querySelector<HTMLButtonElement>('button.show-all')!;
    expect(more.textContent).toBe('Show all 46 points');
    act(() => more.click());
    expect(panel.querySelectorAll('li').length).toBe(46);
    expect([...panel.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['Reported by 3 outlets', 'Reported by 2 outlets', 'Reported by one outlet']);
    expect(panel.querySelector('button.show-all')).toBeNull();
    // Each point once.
    const texts = [...panel.querySelectorAll('li q')].map((q) => q.textContent);
    expect(new Set(texts).size).toBe(texts.length);
  });

  it('says once for the page that an outlet\'s report is short, in the line and in the compact marker\'s panel', () => {
    const t = messages('en');
    const root = mount(<SummaryLine summary={summary} missing={rankMissing([])} t={t} compact={false} short={['Outlet E']} />);
    expect(root.querySelector('summary')!.textContent).toContain('Outlet E: a short report, not judged for what it leaves out');
    expect(root.querySelector('summary')!.textContent).toContain('no point of other outlets missing here');
    const compact = mount(<SummaryLine summary={summary} missing={rankMissing([])} t={t} compact short={['Outlet E', 'Outlet F']} />);
    openDetails(compact.querySelector('details')!, window);
    expect(compact.querySelector('.short-reports')!.textContent).toBe('Outlet E, Outlet F: short reports, not judged for what they leave out');
  });

  it('puts the marker by the headline above it where the page has room, else below it, and its panel below the headline', () => {
    const props = {
      t: messages('en'),
      theme: 'light' as const,
      notes: [],
      summary,
      missing: rankMissing(missingPoints()),
      related: null,
      onHighlight: () => {},
    };
    const marker = (headTop: number) => ({ mode: 'marker' as const, top: headTop - 26, left: 20, width: 360, head: { top: headTop, bottom: headTop + 80, pageTop: 0 }, panelWidth: 420 });
    // jsdom lays nothing out: the marker's height is 0 here, so "room" is the gap alone.
    let root = mount(<Overlay {...props} top={marker(200)} />);
    let top = root.querySelector<HTMLElement>('.top')!;
    expect(top.style.top).toBe('194px');
    expect(top.style.getPropertyValue('--panel-top')).toBe('92px');
    expect(top.style.getPropertyValue('--panel-width')).toBe('420px');
    root = mount(<Overlay {...props} top={marker(4)} />);
    top = root.querySelector<HTMLElement>('.top')!;
    expect(top.style.top).toBe('90px');
    // The related hint is placed the same way, and is not stacked with margin notes.
    root = mount(<Overlay {...props} summary={null} related={2} top={marker(4)} />);
    const hint = root.querySelector<HTMLElement>('.related-hint')!;
    expect(hint.style.top).toBe('90px');
    expect(hint.hasAttribute('data-stack')).toBe(false);
  });
});
