import { describe, expect, it } from 'vitest';
import { eventsApart, eventTime } from '../../../lib/match/story';

const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const f = (date: string | null, eventWeekday: number | null = null, textDates: number[] = []) => ({ date, eventWeekday, textDates });

describe('eventTime', () => {
  it('knows nothing of an undated text that writes out no full date', () => {
    expect(eventTime(f(null, 2, [508]))).toBeNull();
  });

  it('places the event up to three days before a report dated to the day', () => {
    const t = eventTime(f('2025-05-24'))!;
    expect([t.from, t.to, t.exact]).toEqual([day('2025-05-21'), day('2025-05-24'), false]);
  });

  it('pins the day when a dated report names the weekday of its event', () => {
    // 2025-02-13 is a Thursday; "am Mittwoch" (2) is the day before.
    const t = eventTime(f('2025-02-13', 2))!;
    expect([t.from, t.to, t.exact]).toEqual([day('2025-02-12'), day('2025-02-12'), true]);
  });

  it('finds the weekday of every day, before 1970 and after, and of a date asked again', () => {
    // 1969-07-20 was a Sunday: "am Freitag" (4) is two days before; 2000-02-29 a Tuesday: "Montag" (0) the day before.
    for (let k = 0; k < 2; k++) {
      expect(eventTime(f('1969-07-20', 4))!.from).toBe(day('1969-07-18'));
      expect(eventTime(f('2000-02-29', 0))!.from).toBe(day('2000-02-28'));
    }
    // A report names the weekday of its publication day: the event is that day, whatever the weekday.
    for (let d = day('1965-01-01'); d <= day('1975-01-01'); d += 86_400_000) {
      const iso = new Date(d).toISOString().slice(0, 10);
      const weekday = (new Date(d).getUTCDay() + 6) % 7;
      expect(eventTime(f(iso, weekday))!.from).toBe(d);
    }
  });

  it('spans the month of a report dated only to its month', () => {
    const t = eventTime(f('2025-05'))!;
    expect(t.from).toBe(day('2025-04-28'));
    expect(t.to).toBe(day('2025-05-31'));
  });

  it('falls back on the latest full date the text writes out', () => {
    const t = eventTime(f(null, null, [20221202, 20250506]))!;
    expect(t.to).toBe(day('2025-05-06'));
    expect(t.basis).toMatch(/names 2025-05-06/);
  });
});

describe('eventsApart', () => {
  it('holds a report published before the other event took place apart from it', () => {
    // The final on Saturday the 24th, reported that day; the party on Sunday the 25th, named as such.
    expect(eventsApart(f('2025-05-24'), f('2025-05-25', 6), 3)).toBe(true);
  });

  it('lets exact days a day apart be the same event (late at night, dated either side of midnight)', () => {
    expect(eventsApart(f('2025-02-12', 2), f('2025-02-13', 3), 3)).toBe(false);
    expect(eventsApart(f('2025-02-12', 2), f('2025-02-14', 4), 3)).toBe(true);
  });

  it('does not rule out an event for a text it cannot place', () => {
    expect(eventsApart(f(null), f('2018-03-14'), 3)).toBe(false);
  });

  it('tells events months apart apart, and lets a month-dated report meet a day in it', () => {
    expect(eventsApart(f('2021-12'), f('2025-05-06'), 3)).toBe(true);
    expect(eventsApart(f('2025-05'), f('2025-05-06'), 3)).toBe(false);
  });

  it('does not hold two undated texts apart by the weekdays they name first', () => {
    expect(eventsApart(f(null, 1), f(null, 3), 3)).toBe(false);
  });
});

describe('relative days in the lead', () => {
  it('pins the day before publication for "gestern", two days for "vorgestern"', () => {
    const y = eventTime({ date: '2025-05-25', textDates: [], eventWeekday: null, eventRelative: 'yesterday' })!;
    expect([y.from, y.exact]).toEqual([day('2025-05-24'), true]);
    const d = eventTime({ date: '2025-05-25', textDates: [], eventWeekday: null, eventRelative: 'day-before' })!;
    expect(d.from).toBe(day('2025-05-23'));
  });

  it('spans Monday to Sunday of the week before for "vergangene Woche"', () => {
    // 2025-05-28 is a Wednesday.
    const t = eventTime({ date: '2025-05-28', textDates: [], eventWeekday: null, eventRelative: 'last-week' })!;
    expect([t.from, t.to, t.exact]).toEqual([day('2025-05-19'), day('2025-05-25'), false]);
  });

  it('reads them from the lead of a text, whichever of weekday and relative day comes first', async () => {
    const { analyse } = await import('../../../lib/match/features');
    const de = analyse({ text: 'Der Bundestag hat gestern Friedrich Merz zum Kanzler gewählt. Am Mittwoch reist er nach Paris.', language: 'de' });
    expect([de.eventRelative, de.eventWeekday]).toEqual(['yesterday', null]);
    const en = analyse({ text: 'The leaders spoke by phone last week, officials said on Monday in a statement to reporters.', language: 'en' });
    expect(en.eventRelative).toBe('last-week');
    const first = analyse({ text: 'Am Dienstag wählte der Bundestag den Kanzler, wie gestern berichtet wurde in allen Zeitungen.', language: 'de' });
    expect([first.eventRelative, first.eventWeekday]).toEqual([null, 1]);
    expect(analyse({ text: 'Der vorgestern gewählte Kanzler reiste nach Paris zu seinem ersten Besuch.', language: 'de' }).eventRelative).toBe('day-before');
  });

  it('holds the party "yesterday" after a final apart from the final reported that day', () => {
    // A report dated the 24th of the final; the party report dated the 26th says it was "gestern": the 25th.
    expect(eventsApart({ date: '2025-05-24', textDates: [], eventWeekday: null }, { date: '2025-05-26', textDates: [], eventWeekday: null, eventRelative: 'yesterday' }, 3)).toBe(true);
  });
});
