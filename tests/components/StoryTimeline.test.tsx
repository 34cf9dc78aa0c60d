import { describe, expect, it } from 'vitest';
import { StorySection } from '../../components/options/StorySection';
import { StoryTimeline, timelineDays } from '../../components/options/StoryTimeline';
import { optionsMessages } from '../../lib/i18n/options-messages';
import type { ArticleSummary } from '../../platform/protocol';
import { useDom } from './dom';

const { mount } = useDom();

let next = 0;
function article(outlet: string, date: string | null, addedAt = Date.UTC(2026, 11, 6, 12)): ArticleSummary {
  next += 1;
  return { id: `a${next}`, outlet, title: `${outlet} on the summit`, language: 'en', date, url: null, source: 'user', addedAt, length: 1000, storyId: 's1' };
}

const section = (articles: ArticleSummary[], locale: 'en' | 'de' = 'en') => (
  <StorySection n={1} articles={articles} profiles={undefined} onOpen={() => {}} onSave={async () => null} onDelete={() => {}} t={optionsMessages(locale)} />
);

describe('timelineDays', () => {
  it('puts each day once, earliest first, with each outlet of that day once, by name', () => {
    const days = timelineDays([article('Zeta', '2025-05-09'), article('Alpha', '2025-05-08'), article('Beta', '2025-05-09'), article('Zeta', '2025-05-09')]);
    expect(days).toEqual([
      { day: '2025-05-08', dated: true, outlets: ['Alpha'] },
      { day: '2025-05-09', dated: true, outlets: ['Beta', 'Zeta'] },
    ]);
  });

  it('places an undated article on the day it was added, apart from a published day of the same date', () => {
    const days = timelineDays([article('Late', null, Date.UTC(2025, 4, 8, 23)), article('Early', '2025-05-08'), article('Vague', '2025-05')]);
    expect(days).toEqual([
      { day: '2025-05', dated: true, outlets: ['Vague'] },
      { day: '2025-05-08', dated: true, outlets: ['Early'] },
      { day: '2025-05-08', dated: false, outlets: ['Late'] },
    ]);
  });
});

describe('StoryTimeline', () => {
  it('is a named list of days in text: a date, and who reported that day', () => {
    const root = mount(<StoryTimeline articles={[article('B', '2025-05-09'), article('A', '2025-05-08'), article('C', null, Date.UTC(2025, 4, 10))]} t={optionsMessages('en')} />);
    const list = root.querySelector('ol')!;
    expect(list.getAttribute('aria-label')).toBe('Which outlet reported when');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['2025-05-08 A', '2025-05-09 B', '2025-05-10 (added; no date given) C']);
    expect([...list.querySelectorAll('time')].map((x) => x.getAttribute('datetime'))).toEqual(['2025-05-08', '2025-05-09', '2025-05-10']);
  });

  it('speaks German', () => {
    const root = mount(<StoryTimeline articles={[article('A', null, Date.UTC(2025, 4, 10))]} t={optionsMessages('de')} />);
    expect(root.querySelector('.timeline-caption')!.textContent).toBe('Wer wann berichtete:');
    expect(root.querySelector('ol')!.getAttribute('aria-label')).toBe('Welches Medium wann berichtete');
    expect(root.querySelector('li')!.textContent).toBe('2025-05-10 (hinzugefügt; ohne Datum) A');
  });
});

describe('StorySection', () => {
  it('shows who reported when under a story of two or more articles, before its table', () => {
    const root = mount(section([article('A', '2025-05-08'), article('B', '2025-05-09')]));
    const story = root.querySelector('section.story')!;
    const timeline = story.querySelector('.story-timeline')!;
    expect(timeline).not.toBeNull();
    expect(timeline.compareDocumentPosition(story.querySelector('table')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect([...timeline.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['2025-05-08 A', '2025-05-09 B']);
  });

  it('shows no timeline for a single article', () => {
    const root = mount(section([article('A', '2025-05-08')]));
    expect(root.querySelector('section.story')).not.toBeNull();
    expect(root.querySelector('.story-timeline')).toBeNull();
  });
});
