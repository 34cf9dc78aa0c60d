import 'fake-indexeddb/auto';
import { resolve } from 'node:path';
import { CorpusStore } from '../services/corpus-store';
import { benchCorpus } from './lib/bench-corpus';
import { loadSeeds } from './lib/articles';
import { annotateFromStore } from '../services/annotate-page';
import { noStoryPage } from './bench-browser';
const N = Number(process.argv[2] ?? 10000);
const seeds = loadSeeds(resolve('seeds'));
const corpus = benchCorpus({ seeds, sharedDir: '/work/shared', repoSeeds: 'seeds', count: N - 5 });
const store = await CorpusStore.open('p' + Date.now());
await store.ensureSeeds(seeds);
let t = performance.now();
await store.importArticles(corpus.articles.map((b) => b.article), { lap: (s) => { console.log(s, Math.round(performance.now() - t)); t = performance.now(); } });
const ns = noStoryPage();
const page = { url: 'http://x/no-story', title: ns.title, text: ns.text, language: 'de', publishedTime: ns.date } as any;
const seedPage = { url: 'http://x/seed', title: seeds[0].title, text: seeds[0].raw, language: 'de', publishedTime: seeds[0].date } as any;
for (const [name, p] of [['nostory', page], ['seed', seedPage]] as const) {
  for (let i = 0; i < 6; i++) {
    const laps: Record<string, number> = {};
    let t0 = performance.now();
    const r = await annotateFromStore(store, p, { lap: (s) => { laps[s] = Math.round(performance.now() - t0); t0 = performance.now(); } });
    console.log(name, JSON.stringify(laps), 'candidates', r.candidates.length, 'stories', r.stories);
  }
}
