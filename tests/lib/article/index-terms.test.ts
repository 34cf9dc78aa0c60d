import { describe, expect, it } from 'vitest';
import { indexTerms, MAX_TERMS_PER_ARTICLE } from '../../../lib/article/index-terms';
import { makeArticle } from '../../../lib/article/make-article';
import { contentTerms } from '../../../lib/text/tokens';

const article = (raw: string, extra: { title?: string; language?: string } = {}) =>
  makeArticle({ id: 'a', raw, source: 'user', outlet: 'X', language: extra.language ?? 'de', title: extra.title });

describe('indexTerms', () => {
  it('indexes the content terms of title and reporting text once each, with the stems pages are looked up with', () => {
    const a = article('Die Regierung beschließt ein Gesetz. Das Gesetz gilt ab Montag für alle Bürger.', { title: 'Bundestag entscheidet' });
    const terms = indexTerms(a);
    expect(new Set(terms).size).toBe(terms.length);
    const page = contentTerms('Das neue Gesetz der Regierung', 'de');
    for (const t of page) expect(terms).toContain(t);
    for (const t of contentTerms('Bundestag', 'de')) expect(terms).toContain(t);
    expect(terms).not.toContain(contentTerms('die', 'de')[0] ?? 'die');
  });

  it('leaves out text that is not the outlet reporting (the ranges cleaning marked)', () => {
    const a = article('Der Stadtrat stimmt dem Haushalt zu. Die Sitzung dauerte drei Stunden.\nFoto: Zebrafotograf Mustermann');
    const raw = a.raw;
    const start = raw.indexOf('Foto:');
    const withCaption = { ...a, nonReporting: [{ start, end: raw.length }] };
    const withoutRanges = { ...a, nonReporting: [] };
    const caption = contentTerms('Zebrafotograf', 'de')[0];
    expect(indexTerms(withoutRanges)).toContain(caption);
    expect(indexTerms(withCaption)).not.toContain(caption);
  });

  it('indexes a very long text under at most its most frequent terms', () => {
    const words = Array.from({ length: 3 * MAX_TERMS_PER_ARTICLE }, (_, i) => `wort${i.toString(36)}x`);
    const raw = `${words.join(' ')}. ${'Haushalt '.repeat(5)}beschlossen.`;
    const terms = indexTerms(article(raw));
    expect(terms).toHaveLength(MAX_TERMS_PER_ARTICLE);
    expect(terms[0]).toBe(contentTerms('Haushalt', 'de')[0]);
  });
});
