import { describe, expect, it } from 'vitest';
import { analyseForIndex } from '../../../lib/match/article-analysis';
import { articleFeatures } from '../../../lib/match/features';
import { indexTerms, indexTermsOfBody } from '../../../lib/article/index-terms';
import { makeArticle } from '../../../lib/article/make-article';
import { tokenize } from '../../../lib/text/tokens';
import type { Article } from '../../../lib/article/article';

const article = (raw: string, extra: Partial<Article> = {}): Article =>
  ({ ...makeArticle({ id: 'a', raw, source: 'user', outlet: 'X', language: extra.language ?? 'en', title: extra.title }), ...extra });

/** What an import made before: the features and the index terms, each tokenizing on its own (a copy, so no cached features are met). */
const apart = (a: Article) => ({ features: articleFeatures({ ...a }), terms: indexTerms({ ...a }) });

// "Reading" opens the reporting text (a word: "read") and is a name mid-sentence in the caption after it.
const RAW = 'Reading is fun for the whole family in the town. Children read books every day in the library.\nPhoto: the mayor in Reading station.';

describe('analyseForIndex', () => {
  it('gives the features and index terms made apart, with the body tokenized once (reporting text the whole body)', () => {
    const a = article('Die Regierung beschließt ein Gesetz. Das Gesetz gilt ab Montag für alle Bürger, sagte Merkel. Merkels Partei stimmt zu.', {
      title: 'Bundestag entscheidet',
      language: 'de',
      bodyStart: 0,
      nonReporting: [],
    });
    const got = analyseForIndex({ ...a });
    const want = apart(a);
    expect(JSON.stringify(got.features)).toBe(JSON.stringify(want.features));
    expect(got.terms).toEqual(want.terms);
    expect(got.terms.length).toBeGreaterThan(5);
  });

  it('tokenizes the reporting ranges apart where cleaning left text out: the whole body names words otherwise', () => {
    const start = RAW.indexOf('Photo:');
    const a = article(RAW, { bodyStart: 0, nonReporting: [{ start, end: RAW.length }] });
    // Why: with the caption's "Reading" seen mid-sentence, the body's tokens make the opening "Reading" a name.
    const whole = indexTermsOfBody(a, tokenize(RAW, 'en', 0));
    expect(whole).not.toEqual(indexTerms(a));
    const got = analyseForIndex({ ...a });
    const want = apart(a);
    expect(got.terms).toEqual(want.terms);
    expect(JSON.stringify(got.features)).toBe(JSON.stringify(want.features));
  });

  it('gives the same for a body that starts after a prefix', () => {
    const prefix = 'Reading station, 5 May. ';
    const a = article(prefix + RAW.slice(0, RAW.indexOf('\n')), { bodyStart: prefix.length, nonReporting: [] });
    const got = analyseForIndex({ ...a });
    const want = apart(a);
    expect(got.terms).toEqual(want.terms);
    expect(JSON.stringify(got.features)).toBe(JSON.stringify(want.features));
  });
});
