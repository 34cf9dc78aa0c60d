import fs from 'node:fs';
import path from 'node:path';
import { stemmer as orama } from '@orama/stemmers/german';
import { describe, expect, it } from 'vitest';
import { stemGerman } from '../../../lib/text/german-stemmer';

// The endings the Snowball German steps look at, alone and in the pairs whose order decides them ("-igkeit", "-lichen").
const ENDINGS = ['e', 'em', 'en', 'ern', 'er', 's', 'es', 'nis', 'nisse', 'nissen', 'est', 'st', 'end', 'ig', 'ung', 'lich', 'isch', 'ik', 'heit', 'keit', 'eig', 'aue', 'ayer', 'ß', 'ü'];
const LETTERS = 'aeiouyäöübdfghklmnrstß';

describe('stemGerman', () => {
  it('stems as the Snowball German stemmer of @orama/stemmers', () => {
    const words = ['verhandlungen', 'präsidenten', 'ergebnisse', 'möglichkeiten', 'schönheit', 'häuser', 'bauen', 'kleinste', 'ehrlichkeit', 'flüssigkeiten', 'zusammenhängen', 'straße'];
    expect(words.map(stemGerman)).toEqual(['verhandl', 'prasident', 'ergebnis', 'moglich', 'schonheit', 'haus', 'bau', 'klein', 'ehrlich', 'flussig', 'zusammenhang', 'strass']);
    expect(words.map(stemGerman)).toEqual(words.map(orama));
  });

  it("gives the original stemmer's stem for every word of the seeds with every ending and pair of endings, and every short word of its letters", () => {
    const dir = path.resolve(__dirname, '../../../seeds');
    const words = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) for (const w of fs.readFileSync(path.join(dir, file), 'utf8').toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
    const bases = [...words].filter((w) => w.length <= 10);
    for (const b of bases) for (const e of ENDINGS) words.add(b + e);
    for (const b of bases.slice(0, 150)) for (const e of ENDINGS) for (const f of ENDINGS.slice(0, 12)) words.add(b + e + f);
    for (const a of LETTERS) for (const b of LETTERS) for (const c of LETTERS) for (const d of ['', 'e', 'st', 'en', 'ig', 'u', 'y']) words.add(a + b + c + d);
    expect(words.size).toBeGreaterThan(50_000);
    const differing = [...words].filter((w) => stemGerman(w) !== orama(w));
    expect(differing).toEqual([]);
    // ~2 s alone; a loaded machine's full suite took longer than the default 5.
  }, 30_000);
});
