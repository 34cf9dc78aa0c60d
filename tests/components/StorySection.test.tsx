import { describe, expect, it } from 'vitest';
import { StorySection } from '../../components/options/StorySection';
import { optionsMessages } from '../../lib/i18n/options-messages';
import type { ArticleSummary } from '../../platform/protocol';
import { useDom } from './dom';

const { mount } = useDom();
const t = optionsMessages('en');

const articles: ArticleSummary[] = Array.from({ length: 30 }, (_, i) => ({
  id: `a${i}`, outlet: `Outlet ${i}`, title: `Title ${i}`, language: 'en', date: '2025-05-01', url: null, source: 'user', addedAt: 0, length: 100, storyId: 's',
}));
const section = (from?: number, to?: number) => (
  <StorySection n={3} articles={articles} from={from} to={to} profiles={undefined} onOpen={() => {}} onSave={async () => null} onDelete={() => {}} t={t} />
);
const titles = (root: HTMLElement) => Array.from(root.querySelectorAll('tbody td.title')).map((td) => td.textContent);

describe('StorySection', () => {
  it('shows every row with the heading, the timeline and the column widths when shown whole', () => {
    const root = mount(section());
    expect(titles(root)).toEqual(articles.map((a) => a.title));
    expect(root.querySelector('section.story')!.getAttribute('aria-label')).toBe('Story 3');
    expect(root.querySelector('h2')!.textContent).toContain('30');
    expect(root.querySelector('.story-timeline')).not.toBeNull();
    expect(Array.from(root.querySelectorAll('col')).map((c) => c.className)).toEqual(['outlet', 'title', 'date', 'url', 'num', 'actions']);
    expect(root.querySelector('.story')!.className).toBe('story');
  });

  it('as the first piece of a long story: the heading with the whole story count, only its rows, its box open below', () => {
    const root = mount(section(0, 12));
    expect(titles(root)).toEqual(articles.slice(0, 12).map((a) => a.title));
    expect(root.querySelector('h2')!.textContent).toContain('30');
    expect(root.querySelector('thead')).not.toBeNull();
    expect(root.querySelector('.story')!.className).toBe('story cut-below');
  });

  it('as a later piece: only its rows, in a table named by the story with the columns set, no heading nor timeline', () => {
    const middle = mount(section(12, 24));
    expect(titles(middle)).toEqual(articles.slice(12, 24).map((a) => a.title));
    expect(middle.querySelector('section, h2, thead, .story-timeline')).toBeNull();
    expect(middle.querySelector('table')!.getAttribute('aria-label')).toBe('Story 3');
    expect(middle.querySelectorAll('col').length).toBe(6);
    expect(middle.querySelector('.story')!.className).toBe('story cut-above cut-below');
    const last = mount(section(24, 30));
    expect(titles(last)).toEqual(articles.slice(24).map((a) => a.title));
    expect(last.querySelector('.story')!.className).toBe('story cut-above');
  });
});
