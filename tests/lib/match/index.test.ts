import { describe, expect, it } from 'vitest';
import { analysePage } from '../../../lib/match/annotate';
import { articleFeatures } from '../../../lib/match/features';
import { CandidateIndex, indexEntry, indexTerms } from '../../../lib/match/index';
import { article, BRIDGE } from './fixtures';

const articles = [article('b', BRIDGE.sameB), article('c', BRIDGE.sameC), article('r', BRIDGE.related), article('o', BRIDGE.other)];
const page = analysePage({ text: BRIDGE.page, language: 'de' }).features;

describe('CandidateIndex', () => {
  const index = new CandidateIndex(articles.map((a) => indexEntry(a.id, articleFeatures(a))));

  it('returns the articles that share the page’s characteristic terms, same story first', () => {
    const ids = index.candidates(page);
    expect(ids.slice(0, 2).sort()).toEqual(['b', 'c']);
    expect(ids).not.toContain('o');
  });

  it('forgets a removed article and survives a JSON round trip', () => {
    const copy = new CandidateIndex(JSON.parse(JSON.stringify(index.toJSON())));
    expect(copy.candidates(page)).toEqual(index.candidates(page));
    copy.remove('b');
    expect(copy.size).toBe(3);
    expect(copy.candidates(page)).not.toContain('b');
  });

  it('indexes a bounded number of terms per article', () => {
    expect(indexTerms(articleFeatures(articles[0]), 5)).toHaveLength(5);
  });
});
