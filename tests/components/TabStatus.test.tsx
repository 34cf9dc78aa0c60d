import { describe, expect, it } from 'vitest';
import { TabStatus } from '../../components/popup/TabStatus';
import { uiMessages } from '../../lib/i18n/ui-messages';
import { useDom } from './dom';
import type { EngineWarning } from '../../lib/i18n/problem-messages';

const { mount } = useDom();
const state = {
  status: 'notes' as const,
  outlets: ['Outlet B', 'Outlet C', 'Outlet D', 'Outlet E'],
  counts: { agree: 18, adds: 51, omits: 3, missing: 46, missingByMany: 6 },
  warnings: [] as EngineWarning[],
};

describe('the popup’s tab status', () => {
  it('says what it counts: sentences and points, not outlets as the notes do', () => {
    const root = mount(<TabStatus t={uiMessages('en')} state={state} />);
    expect([...root.querySelectorAll('.counts li')].map((li) => li.textContent)).toEqual([
      '18 sentences shared with other outlets',
      '51 details other outlets add',
      '3 sentences only in this article',
      '46 points of other outlets missing here (6 reported by 2+ outlets)',
    ]);
    expect(root.textContent).not.toMatch(/agree|omit/);
    const de = mount(<TabStatus t={uiMessages('de')} state={{ ...state, counts: { agree: 1, adds: 1, omits: 1, missing: 1 } }} />);
    expect([...de.querySelectorAll('.counts li')].map((li) => li.textContent)).toEqual([
      '1 Satz, den auch andere Medien berichten',
      '1 Detail, das andere Medien ergänzen',
      '1 Satz nur in diesem Artikel',
      '1 Punkt anderer Medien fehlt hier',
    ]);
  });

  it('shows the engine’s warnings in the reader’s language, below the reason or the counts', () => {
    const language: EngineWarning = { kind: 'unsupported-language', language: 'fr' };
    const root = mount(<TabStatus t={uiMessages('en')} state={{ status: 'other-language', outlets: [], counts: null, warnings: [language] }} />);
    expect(root.querySelector('p.status')!.textContent).toBe(uiMessages('en').reasons['other-language']);
    expect([...root.querySelectorAll('.warnings li')].map((li) => li.textContent)).toEqual([
      "The page's language (fr) is not supported; only German and English pages are annotated.",
    ]);
    const short: EngineWarning = { kind: 'few-sentences', count: 2 };
    const header: EngineWarning = { kind: 'header-bad-date', date: '<b>not markup</b>' };
    const withNotes = mount(<TabStatus t={uiMessages('de')} state={{ ...state, warnings: [short, header] }} />);
    expect(withNotes.querySelectorAll('.counts li')).toHaveLength(4);
    expect([...withNotes.querySelectorAll('.warnings li')].map((li) => li.textContent)).toEqual([
      'Die Seite hat nur 2 Sätze mit Inhalt: zu wenige, um zu erkennen, über welches Ereignis sie berichtet.',
      'Kopfdatum „<b>not markup</b>“ ist kein bekanntes Datum (JJJJ-MM-TT, TT.MM.JJJJ oder ISO-Zeitstempel); so übernommen, wie es steht',
    ]);
    expect(withNotes.querySelector('.warnings b')).toBeNull();
    expect(mount(<TabStatus t={uiMessages('en')} state={state} />).querySelector('.warnings')).toBeNull();
  });

  it('says the notes are off on this site, not what the tab showed before', () => {
    const root = mount(<TabStatus t={uiMessages('en')} state={state} offHere="news.example" />);
    expect(root.textContent).toBe('Notes are off on this site (news.example). Switch “Off on this site” off to see them again.');
    expect(root.querySelector('.counts')).toBeNull();
  });

  it('says why the notes wait while a new version updates the corpus, above the tab’s own state', () => {
    const pending = { status: 'pending' as const, outlets: [], counts: null, warnings: [] };
    const root = mount(<TabStatus t={uiMessages('en')} state={pending} update={{ what: 'database', from: 5, to: 8, articles: 10_000 }} />);
    const lines = [...root.querySelectorAll('p.status')].map((p) => p.textContent);
    expect(lines).toEqual(['crossread is updating your corpus (10,000 articles) for its new version. The notes follow when it is done; no article is lost.', 'Reading this page…']);
    expect(root.querySelector('[role="status"]')!.textContent).toBe(lines[0]);
    const de = mount(<TabStatus t={uiMessages('de')} state={pending} update={{ what: 'stories', from: null, to: null, articles: null }} />);
    expect(de.querySelector('p.updating')!.textContent).toBe('crossread ordnet Ihren Korpus für seine neue Version neu nach Ereignissen. Die Notizen folgen, sobald das fertig ist.');
    expect(mount(<TabStatus t={uiMessages('en')} state={pending} update={null} />).querySelector('p.updating')).toBeNull();
  });
});
