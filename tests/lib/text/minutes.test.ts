import { describe, expect, it } from 'vitest';
import { extractMinutes } from '../../../lib/text/minutes';

const values = (text: string) => extractMinutes(text).map((m) => m.value);

describe('extractMinutes', () => {
  it('reads minutes of play in German and English notation', () => {
    expect(values('Julian Kania schiesst in der 82. Minute den Ehrentreffer.')).toEqual([82]);
    expect(values('Millot stellt auf 4:0 (66.).')).toEqual([66]);
    expect(values('Tore: Woltemade (15.), Millot (22.), Undav (28.)')).toEqual([15, 22, 28]);
    expect(values('Der Ausgleich fiel in der Nachspielzeit (90.+3).')).toEqual([90]);
    expect(values('He scored in the 82nd minute.')).toEqual([82]);
    expect(values("Kane (9') and Sane (90+2') scored.")).toEqual([9, 90]);
    expect(values('In der 12. Spielminute traf er die Latte.')).toEqual([12]);
  });

  it('gives the position of each minute', () => {
    const [m] = extractMinutes('Tor (66.)');
    expect([m.start, m.end]).toEqual([4, 8]);
  });

  it('does not read dates, ordinals, durations or list numbers as minutes', () => {
    expect(values('Am 12. Februar 2025 telefonierten beide.')).toEqual([]);
    expect(values('Das Gespräch dauerte 90 Minuten.')).toEqual([]);
    expect(values('Er wurde zum 3. Mal Meister (2025).')).toEqual([]);
    expect(values('Die 200. Minute eines Spiels gibt es nicht.')).toEqual([]);
  });
});
