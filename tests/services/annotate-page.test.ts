import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Article } from '../../lib/article/article';
import { makeArticle } from '../../lib/article/make-article';
import { annotate } from '../../lib/match/annotate';
import { languageOf } from '../../lib/text/language';
import { contentTermsOf, tokenize } from '../../lib/text/tokens';
import type { PagePayload } from '../../platform/protocol';
import { annotateFromStore } from '../../services/annotate-page';
import { CorpusStore } from '../../services/corpus-store';
import { loadSeeds } from '../helpers/seeds';
import { storesClosedAfterEachTest } from '../helpers/stores';

vi.setConfig({ testTimeout: 60_000 });

let n = 0;
const open = storesClosedAfterEachTest();
afterEach(() => vi.restoreAllMocks());

const user = (id: string, raw: string, date: string, addedAt: number) => makeArticle({ id, raw, source: 'user', outlet: `Outlet ${id}`, language: 'de', date, addedAt });
const OTHERS = [
  user('zoo', 'Die Zoodirektorin eröffnet das neue Giraffengehege im Tierpark. Die drei Giraffen ziehen im Mai ein, teilte die Stadt mit. Der Bau kostete vier Millionen Euro.', '2025-04-02', 1),
  user('sturm', 'Ein Sturm hat in Norddeutschland zahlreiche Bäume entwurzelt. Die Feuerwehr rückte in Hamburg und Bremen zu hunderten Einsätzen aus. Verletzt wurde niemand.', '2025-01-20', 2),
];
const NO_STORY_TEXT = 'Die Zoodirektorin plant ein Aquarium im Tierpark. Die Stadt prüft die Kosten noch bis Mai, sagte ein Sprecher. Die Giraffen bleiben im alten Haus.';
const page = (text: string, date: string | null = '2025-04-03'): PagePayload => ({ text, url: 'https://page.example/a', title: 'Eine Seite', language: 'de', publishedTime: date });
const termsOf = (text: string) => contentTermsOf(tokenize(text, languageOf(text, 'de')), 'de');

/** Every IndexedDB request issued from now on, to tell which are still unanswered. */
function recordRequests(): IDBRequest[] {
  const issued: IDBRequest[] = [];
  for (const method of ['get', 'getAll'] as const) {
    const original = IDBObjectStore.prototype[method] as (...args: unknown[]) => IDBRequest;
    vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (this: IDBObjectStore, ...args: unknown[]) {
      const request = original.apply(this, args);
      issued.push(request);
      return request;
    } as never);
  }
  return issued;
}

async function storeWithCorpus(): Promise<CorpusStore> {
  const store = await open(`annotate-page-${n++}`);
  await store.ensureSeeds(loadSeeds());
  await store.addArticles(OTHERS);
  return store;
}

describe("the background's lookup", () => {
  it("runs the caller's work once, while requests of the lookup are unanswered, whether the lookup reads every frequency or the page's", async () => {
    const store = await storeWithCorpus();
    const issued = recordRequests();
    const unansweredAtWork: number[] = [];
    const work = () => unansweredAtWork.push(issued.filter((r) => r.readyState === 'pending').length);
    const seeds = loadSeeds();
    // A new generation (every frequency and the small index read at once), then the same generation (kept: the stories' links are the first reads).
    const first = await store.candidateGlances(termsOf(seeds[0].raw), undefined, undefined, work);
    expect(first.stories.length).toBeGreaterThan(0);
    // Everything kept from the lookup before: nothing is read, and the work runs before the answer.
    let ran = 0;
    expect(await store.candidateGlances(termsOf(seeds[0].raw), undefined, undefined, () => ran++)).toEqual(first);
    expect(ran).toBe(1);
    // A large corpus's way: page terms' frequencies and postings read term by term.
    store.completeFrequenciesUpTo = 0;
    await store.addArticles([user('later', 'Im Tierpark ist ein Aquarium geplant. Die Stadt prüft die Kosten, sagte die Zoodirektorin.', '2025-04-03', 3)]);
    const partial = await store.candidateGlances(termsOf(NO_STORY_TEXT), undefined, undefined, work);
    expect(partial.stories.length).toBeGreaterThan(0);
    expect(unansweredAtWork).toHaveLength(2);
    for (const unanswered of unansweredAtWork) expect(unanswered).toBeGreaterThan(0);
    // Nothing to look up: the work still runs, once, before the answer.
    ran = 0;
    expect((await store.candidateGlances([], undefined, undefined, () => ran++)).stories).toEqual([]);
    expect(ran).toBe(1);
  });

  it("keeps the hits' stories for the generation's next lookups, and reads them again after a write", async () => {
    const store = await storeWithCorpus();
    const seeds = loadSeeds();
    const terms = termsOf(seeds[0].raw);
    const first = await store.candidateGlances(terms);
    const issued = recordRequests();
    const storyReads = () => issued.filter((r) => ['storyOf', 'stories'].includes((r.source as IDBObjectStore).name)).length;
    expect(await store.candidateGlances(terms)).toEqual(first);
    expect(storyReads()).toBe(0);
    // A write moves a seed into a story of its own (dated years apart, the store forms stories again on delete and add): the kept stories go with it.
    const moved = first.stories[0].glances[0].id;
    const article = (await store.getArticle(moved))!;
    await store.deleteArticle(moved);
    await store.addArticles([{ ...article, id: 'moved', url: 'https://moved.example/a', date: '2019-01-01' }]);
    const after = await store.candidateGlances(terms);
    expect(storyReads()).toBeGreaterThan(0);
    const fresh = await open(`annotate-page-${n - 1}`);
    const expected = await fresh.candidateGlances(terms);
    expect(after.stories.map((s) => [s.id, s.glances.map((g) => g.id)])).toEqual(expected.stories.map((s) => [s.id, s.glances.map((g) => g.id)]));
    expect(after.stories.flatMap((s) => s.glances.map((g) => g.id))).not.toContain(moved);
  });

  it('analyses the page once, while the index is read, and answers as when the engine analysed it after the reads', async () => {
    const store = await storeWithCorpus();
    const other = await open(`annotate-page-${n - 1}`);
    const seeds = loadSeeds();
    for (const payload of [page(seeds[1].raw, seeds[1].date), page(NO_STORY_TEXT)])
      for (const storyOnly of [true, false]) {
        const laps: string[] = [];
        const got = await annotateFromStore(store, payload, { storyOnly, lap: (step) => laps.push(step) });
        // The engine analysing the page itself, over the candidate stories read whole.
        const storyOfId = new Map<string, string>();
        const candidates: Article[] = [];
        for (const story of await other.candidateStories(termsOf(payload.text)))
          for (const a of story.articles)
            if (!storyOfId.has(a.id)) {
              storyOfId.set(a.id, story.id);
              candidates.push(a);
            }
        const expected = annotate({ text: payload.text, url: payload.url, title: payload.title, language: 'de', date: payload.publishedTime }, candidates, {
          featuresOf: other.featuresOf,
          storyOnly,
          storyOf: (a) => storyOfId.get(a.id) ?? null,
        });
        expect(got.annotation).toEqual(expected);
        if (payload.text === NO_STORY_TEXT) expect(got.annotation.story.match).not.toBe('same');
        else expect(got.annotation.story.match).toBe('same');
        expect(laps.filter((l) => l === 'page')).toHaveLength(1);
        // The first lookup reads the index (later ones of the generation find it kept, and analyse the page before the engine's look).
        if (payload.text !== NO_STORY_TEXT && storyOnly) {
          expect(laps.indexOf('page')).toBeLessThan(laps.indexOf('index'));
          expect(laps.indexOf('sent')).toBe(laps.indexOf('page') - 1);
        }
        else expect(laps.indexOf('page')).toBeLessThan(laps.indexOf('annotate'));
      }
  });

  it('analyses the page while the store is still opening, and answers as with the store open', async () => {
    const store = await storeWithCorpus();
    const seeds = loadSeeds();
    for (const storyOnly of [true, false]) {
      const payload = page(seeds[1].raw, seeds[1].date);
      const laps: string[] = [];
      let opened!: () => void;
      const opening = new Promise<CorpusStore>((resolve) => (opened = () => resolve(store)));
      const answer = annotateFromStore(opening, payload, { storyOnly, lap: (step) => laps.push(step) });
      // Nothing of the store is needed to analyse the page: it is made before the opening ends.
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(laps).toEqual(['terms', 'page']);
      opened();
      const got = await answer;
      expect(laps.slice(0, 3)).toEqual(['terms', 'page', 'ready']);
      expect(laps.filter((l) => l === 'page')).toHaveLength(1);
      expect(got.annotation).toEqual((await annotateFromStore(store, payload, { storyOnly })).annotation);
      expect(got.annotation.story.match).toBe('same');
    }
  });

  it('does not analyse a page the engine does not analyse', async () => {
    const store = await storeWithCorpus();
    const laps: string[] = [];
    const got = await annotateFromStore(store, page(' \n '), { lap: (step) => laps.push(step) });
    expect(got.annotation.story.match).toBe('none');
    expect(got.annotation.warnings).toHaveLength(1);
    expect(laps).not.toContain('page');
  });
});
