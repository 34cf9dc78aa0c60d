import { describe, expect, it } from 'vitest';
import { extractScores } from '../../../lib/text/scores';

const values = (text: string) => extractScores(text).map((s) => s.value);

describe('extractScores', () => {
  it('reads results told from either side as the same score', () => {
    expect(values('Stuttgart gewann mit 4:2 gegen Bielefeld.')).toEqual([4002]);
    expect(values('Dann stand es sogar 2:4 nach einem Eigentor.')).toEqual([4002]);
    expect(values('Am Ende stand ein 4:2 (3:0).')).toEqual([4002, 3000]);
    expect(values('Der Antrag wurde mit 52:48 Stimmen angenommen.')).toEqual([52048]);
  });

  it('gives the position of each score in the text', () => {
    const [s] = extractScores('Endstand 1:0.');
    expect([s.start, s.end]).toEqual([9, 12]);
  });

  it('does not read clock times, dates or ratios of larger numbers as scores', () => {
    expect(values('Anpfiff ist um 20:45 Uhr.')).toEqual([]);
    expect(values('Die Sitzung begann um 9:15.')).toEqual([]);
    expect(values('Gegen 9:05 kam die Meldung.')).toEqual([]);
    expect(values('The match kicks off at 8:30 pm.')).toEqual([]);
    expect(values('Er lief die Strecke in 2:10:33.')).toEqual([]);
    expect(values('Nichts davon am 12.02.2025.')).toEqual([]);
  });
});
