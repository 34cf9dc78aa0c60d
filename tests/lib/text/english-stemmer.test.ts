import fs from 'node:fs';
import path from 'node:path';
import { stemmer as orama } from '@orama/stemmers/english';
import { describe, expect, it } from 'vitest';
import { stemEnglish } from '../../../lib/text/english-stemmer';

// Every suffix a step of the Porter stemmer looks at, and endings that decide whether it strips them.
const SUFFIXES = ['s', 'es', 'sses', 'ies', 'ss', 'ed', 'eed', 'ing', 'y', 'ational', 'tional', 'enci', 'anci', 'izer', 'bli', 'alli', 'entli', 'eli', 'ousli', 'ization', 'ation', 'ator', 'alism', 'iveness', 'fulness', 'ousness', 'aliti', 'iviti', 'biliti', 'logi', 'icate', 'ative', 'alize', 'iciti', 'ical', 'ful', 'ness', 'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ou', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'sion', 'tion', 'e', 'll', 'at', 'bl', 'iz'];

describe('stemEnglish', () => {
  it('stems as the Porter stemmer of @orama/stemmers, its quirks included', () => {
    expect(['caresses', 'ponies', 'agreed', 'feed', 'hopping', 'controlling', 'relational', 'conditional', 'generalization', 'yearly', 'yelling', 'youths'].map(stemEnglish)).toEqual(['caress', 'poni', 'agre', 'feed', 'hop', 'control', 'relat', 'condition', 'gener', 'yearli', 'yell', 'youth']);
    // Step 4 drops "tion" whole ("adop", not Porter's "adopt"): the original's reading of its own match.
    expect(stemEnglish('adoption')).toBe('adop');
    expect(stemEnglish('decision')).toBe('decision');
  });

  it('gives the original stemmer\'s stem for every word of the seeds, with every suffix a step strips, and short words', () => {
    const dir = path.resolve(__dirname, '../../../seeds');
    const words = new Set<string>();
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.txt'))) for (const w of fs.readFileSync(path.join(dir, file), 'utf8').toLowerCase().match(/\p{L}+/gu) ?? []) words.add(w);
    const bases = [...words];
    for (const b of bases.filter((w) => w.length <= 8)) for (const s of SUFFIXES) words.add(b + s).add(`y${b}${s}`);
    for (const a of 'bcdfhlmnprstwy') for (const b of 'aeiouy') for (const c of 'bcdlstwxyz') for (const d of ['', 'e', 's', 'ed', 'ing', 'y', 'll']) words.add(a + b + c + d);
    expect(words.size).toBeGreaterThan(20_000);
    const differing = [...words].filter((w) => stemEnglish(w) !== orama(w));
    expect(differing).toEqual([]);
    // ~2 s alone; a loaded machine's full suite took longer than the default 5.
  }, 30_000);
});
