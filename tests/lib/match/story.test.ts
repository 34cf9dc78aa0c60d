import { describe, expect, it } from 'vitest';
import { articleFeatures } from '../../../lib/match/features';
import { analysePage } from '../../../lib/match/annotate';
import { compare } from '../../../lib/match/align';
import { dateSpan, DEFAULT_STORY_THRESHOLDS, eventsApart, eventTime, firstLook, isDuplicate, judgeCompared, judgeStory, quickShare, sharedFigures } from '../../../lib/match/story';
import { article, BRIDGE } from './fixtures';

const page = analysePage({ text: BRIDGE.page, date: '2025-03-10', language: 'de' }).features;

describe('judgeStory', () => {
  it('judges another outlet telling the same event as the same story', () => {
    const j = judgeStory(page, articleFeatures(article('b', BRIDGE.sameB, { date: '2025-03-10' })));
    expect(j.match).toBe('same');
    expect(j.sharedPoints).toBeGreaterThanOrEqual(3);
  });

  it('does not take the same people at another event for the same story', () => {
    const j = judgeStory(page, articleFeatures(article('r', BRIDGE.related, { date: '2025-11-20' })));
    expect(j.match).toBe('related');
  });

  it('rules out the same event when the dates are far apart, however similar the text', () => {
    const j = judgeStory(page, articleFeatures(article('b', BRIDGE.sameB, { date: '2024-06-01' })));
    expect(j.dateConflict).toBe(true);
    expect(j.match).toBe('related');
  });

  it('finds nothing in common with another topic', () => {
    expect(judgeStory(page, articleFeatures(article('o', BRIDGE.other))).match).toBe('none');
  });

  it('does not compare across languages', () => {
    const english = articleFeatures(article('e', 'The mayor opened the new harbour bridge on Monday. It cost 42 million euros.', { language: 'en' }));
    expect(judgeStory(page, english).match).toBe('none');
  });
});

describe('judging several candidates in one comparison', () => {
  it('tells the same event from a related one among candidates compared together', () => {
    const same = articleFeatures(article('b', BRIDGE.sameB, { date: '2025-03-10' }));
    const related = articleFeatures(article('r', BRIDGE.related, { date: '2025-11-20' }));
    const c = compare(page, [related, same]);
    expect(judgeCompared(c, 1).match).toBe('same');
    expect(judgeCompared(c, 1).sharedPoints).toBeGreaterThanOrEqual(3);
    expect(judgeCompared(c, 0).match).toBe('related');
  });

  it('leaves to the first look only the candidates it can decide alone', () => {
    expect(firstLook(page, articleFeatures(article('b', BRIDGE.sameB, { date: '2025-03-10' })))).toBeNull();
    expect(firstLook(page, articleFeatures(article('o', BRIDGE.other)))?.match).toBe('none');
  });
});

describe('dates', () => {
  const dated = (date: string | null) => ({ date, textDates: [], eventWeekday: null });

  it('reads partial dates as spans and allows a few days of reporting delay', () => {
    expect(dateSpan('2025-02')).toEqual([Date.UTC(2025, 1, 1), Date.UTC(2025, 1, 28)]);
    expect(eventsApart(dated('2025-02-12'), dated('2025-02-14'), 3)).toBe(false);
    expect(eventsApart(dated('2025-02-12'), dated('2025-02-28'), 3)).toBe(true);
    expect(eventsApart(dated('2025-02'), dated('2025-02-20'), 3)).toBe(false);
    expect(eventsApart(dated('2025-06'), dated('2025-02-12'), 3)).toBe(true);
    expect(eventsApart(dated(null), dated('2025-02-12'), 3)).toBe(false);
  });
});

describe('event days', () => {
  const f = (date: string | null, eventWeekday: number | null) => ({ date, textDates: [], eventWeekday });
  const eventDay = (x: ReturnType<typeof f>) => {
    const t = eventTime(x);
    return t?.exact ? t.from : null;
  };

  it('moves a dated text back to the weekday it tells its event on', () => {
    // 2025-02-13 is a Thursday; "am Mittwoch" is the day before.
    expect(eventDay(f('2025-02-13', 2))).toBe(Date.UTC(2025, 1, 12));
    expect(eventDay(f('2025-02-12', 2))).toBe(Date.UTC(2025, 1, 12));
    // Published on a Monday about "Friday": three days back.
    expect(eventDay(f('2025-02-17', 4))).toBe(Date.UTC(2025, 1, 14));
    expect(eventDay(f('2025-02', 2))).toBeNull();
    expect(eventDay(f('2025-02-13', null))).toBeNull();
  });

  it('separates events on different days even within the reporting delay, and joins late reports of one day', () => {
    expect(eventsApart(f('2025-02-13', 2), f('2025-02-14', 4), 3)).toBe(true);
    expect(eventsApart(f('2025-02-12', 2), f('2025-02-15', 2), 3)).toBe(false);
    expect(eventsApart(f('2025-02-12', 2), f('2025-02-13', null), 3)).toBe(false);
  });

  it('does not separate two undated texts by the weekdays they name first (a weekday alone places nothing)', () => {
    expect(eventsApart(f(null, 1), f(null, 2), 3)).toBe(false);
    expect(eventsApart(f(null, 2), f(null, null), 3)).toBe(false);
  });

  it('takes the same kind of event on another weekday for a related one, not the same story', () => {
    const otherDay = BRIDGE.sameB.replace('am Montag', 'am Freitag');
    expect(otherDay).not.toBe(BRIDGE.sameB);
    const j = judgeStory(page, articleFeatures(article('b', otherDay, { date: '2025-03-10' })));
    expect(j.dateConflict).toBe(true);
    expect(j.match).toBe('related');
    const late = judgeStory(page, articleFeatures(article('b', BRIDGE.sameB, { date: '2025-03-12' })));
    expect(late.match).toBe('same');
  });
});

describe('shared figures', () => {
  const page = analysePage({
    language: 'de',
    text: [
      'Petra Keller ist die neue Bürgermeisterin von Lindenau.',
      'In der Stichwahl am Sonntag erhielt sie 56,4 Prozent der Stimmen.',
      'Ihr Gegner Jan Brand kam auf 43,6 Prozent.',
      'Die Wahlbeteiligung lag bei nur 38 Prozent.',
      'Keller will als Erstes den alten Hafen sanieren lassen.',
      'Die Stadt zählt 12.400 Wahlberechtigte.',
    ].join(' '),
  }).features;
  // Another moment of the same evening, told in other words: few sentences match, the figures do.
  const evening = (won: string, lost: string, turnout: string) =>
    articleFeatures(
      article(
        'b',
        [
          `Bei ${turnout} Prozent Beteiligung blieb der Saal im Rathaus von Lindenau am Abend fast leer.`,
          `Das Lager von Petra Keller jubelte trotzdem laut über die ${won} Prozent.`,
          `Jan Brand wirkte mit seinen ${lost} Prozent nicht unglücklich.`,
          'Keller dankte ihrem Team, ihrer Familie und allen Helfern.',
        ].join(' '),
      ),
    );

  it('takes a report that tells another moment of the event with its figures for the same story', () => {
    const same = evening('56,4', '43,6', '38');
    expect(sharedFigures(page, same)).toBe(3);
    expect(judgeStory(page, same).match).toBe('same');
    expect(judgeStory(page, same, { ...DEFAULT_STORY_THRESHOLDS, sameFigures: 99 }).match).toBe('related');
  });

  it('judges a report that shares the figures but few of the page\'s words as written, instead of ruling it out at first look', () => {
    // "Prozentpunkten" meets the page's "Prozent" only once compounds are split, which the first look does not do.
    const terse = articleFeatures(
      article(
        'c',
        [
          'Die Herausforderin gewann die Stichwahl in Lindenau mit fast 13 Prozentpunkten Vorsprung: 56,4 gegen 43,6.',
          'Von 12.400 Wahlberechtigten ging nur eine Minderheit zur Wahl.',
          'Ein wichtiger Punkt für die Stadt bleibt der alte Hafen.',
        ].join(' '),
      ),
    );
    expect(quickShare(page, terse)).toBeLessThan(DEFAULT_STORY_THRESHOLDS.sameSalient - 0.2);
    expect(sharedFigures(page, terse)).toBe(3);
    expect(judgeStory(page, terse).match).toBe('same');
  });

  it('does not take the same people with other figures (another election) for the same story', () => {
    const other = evening('61,2', '38,8', '41');
    expect(sharedFigures(page, other)).toBeLessThan(3);
    expect(judgeStory(page, other).match).toBe('related');
  });

  it('counts common figures only beside a specific one (a result, an unround number of three digits)', () => {
    const text = (figures: string) => analysePage({ text: `Die Mannschaft spielte ${figures} und gewann am Ende souverän.`, language: 'de' }).features;
    expect(sharedFigures(text('90 Minuten, 45 Minuten, 11 Spieler'), text('90 Minuten, 45 Minuten, 11 Spieler'))).toBe(0);
    expect(sharedFigures(text('90 Minuten, 45 Minuten, 11 Spieler, 4:2'), text('90 Minuten, 45 Minuten, 11 Spieler, 2:4'))).toBe(4);
    expect(sharedFigures(text('90 Minuten vor 74.036 Zuschauern, 45 Minuten'), text('90 Minuten vor 74.036 Zuschauern, 45 Minuten'))).toBe(3);
  });

  it('does not count years and small numbers as figures', () => {
    const years = (text: string) => analysePage({ text, language: 'de' }).features;
    expect(sharedFigures(years('Seit 2014 und 2022 gab es 3 Treffen und 7 Gespräche.'), years('Seit 2014 und 2022 gab es 3 Treffen und 7 Gespräche.'))).toBe(0);
  });
});

describe('isDuplicate', () => {
  it('recognises the page itself by URL or by its text', () => {
    const same = articleFeatures(article('p', BRIDGE.page));
    expect(isDuplicate(page, same)).toBe(true);
    expect(isDuplicate(page, articleFeatures(article('b', BRIDGE.sameB)))).toBe(false);
  });
});
