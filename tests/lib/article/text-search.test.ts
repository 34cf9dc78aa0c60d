import { afterEach, describe, expect, it, vi } from 'vitest';
import { articleHasText, type SearchedArticle } from '../../../lib/article/text-search';

/** What the filter's search answered before: the joined fields, lower-cased. */
const joined = (a: SearchedArticle, needle: string) => `${a.outlet} ${a.title} ${a.url ?? ''} ${a.raw}`.toLowerCase().includes(needle);

const article = (fields: Partial<SearchedArticle>): SearchedArticle => ({ outlet: 'Tagesblatt', title: 'Streik in Berlin', url: 'https://tagesblatt.example/streik', raw: 'Am Montag streikten die Fahrer der BVG.', ...fields });

describe('articleHasText', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds the needle in any field, whatever its case there', () => {
    const a = article({});
    expect(articleHasText(a, 'berlin')).toBe(true);
    expect(articleHasText(a, 'bvg')).toBe(true);
    expect(articleHasText(a, 'tagesblatt.example')).toBe(true);
    expect(articleHasText(a, 'tagesblatt')).toBe(true);
    expect(articleHasText(a, 'hamburg')).toBe(false);
    expect(articleHasText(article({ url: null }), 'example')).toBe(false);
  });

  it('finds a needle with a space across two fields, as the joined text does', () => {
    const a = article({});
    expect(articleHasText(a, 'tagesblatt streik')).toBe(true);
    expect(articleHasText(a, 'berlin am')).toBe(false);
    expect(articleHasText(a, '/streik am montag')).toBe(true);
    expect(articleHasText(article({ url: null }), 'berlin  am')).toBe(true);
  });

  it('answers as the joined, lower-cased text for letters whose lower case is not one letter or depends on its neighbours', () => {
    // Capital sigma at a field's end and start, dotted capital I (lower-cased to two letters), the Kelvin sign (to "k"), long s (its own lower case), ß.
    const texts = ['ΟΔΟΣ', 'Σ ΑΣ', 'ΑΣ.', 'İstanbul', 'İ', '\u212A', 'ſ', 'Straße', 'STRASSE', 'Ǆ', '𐐀 Deseret', ''];
    const needles = ['οδος', 'οδοσ', 'οδος ', 'ς', 'σ', 'σ α', 'ας.', 'i̇', 'i', 'i̇stanbul', 'k', 's', 'ß', 'strasse', 'ǆ', '𐐨', 'ς σ', 'ο'];
    for (const outlet of texts) {
      for (const title of texts) {
        for (const raw of texts) {
          const a = article({ outlet, title, raw, url: null });
          for (const needle of needles) expect(articleHasText(a, needle), JSON.stringify({ outlet, title, raw, needle })).toBe(joined(a, needle));
        }
      }
    }
  });

  it('lower-cases no text where a field holds the needle as typed', () => {
    // The garbage of each search is what stalled Firefox's corpus manager: a text holding the needle is not copied.
    const lower = vi.spyOn(String.prototype, 'toLowerCase');
    expect(articleHasText(article({ raw: 'die fahrer der bvg streikten am montag.' }), 'streik')).toBe(true);
    expect(lower).not.toHaveBeenCalled();
  });
});
