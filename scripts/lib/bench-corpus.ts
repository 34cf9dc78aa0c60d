/**
 * The bench's corpus: many stories with look-alikes, not one story hidden in
 * noise. Built at run time, reproducibly (a fixed random seed), never
 * committed.
 *
 * - Every labelled development article of ../shared/data (stories.json) as it
 *   is – its real stories and their look-alike events – when ../shared is
 *   present; the seeds themselves go in through the store's own path.
 * - Synthetic stories: groups of 3–12 articles, one synthetic event each,
 *   every group built from the sentences of one real text (a labelled article,
 *   a German or English page of ../shared/data/pages – long pages in sections –
 *   or, without ../shared, a seed): each outlet keeps another share of them in
 *   another order, with a few sentences of other texts of the same real event
 *   or of its look-alike events mixed in. A group's articles are dated within
 *   two days; the groups of one text are look-alikes of one another (the same
 *   words, another occurrence), dated months apart where the two years leave
 *   room, and never near the text's own real event. German and English.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Article } from '../../lib/article/article';
import { makeArticle } from '../../lib/article/make-article';
import { articleFeatures } from '../../lib/match/features';
import { languageOf } from '../../lib/text/language';
import { segmentSentences } from '../../lib/text/segment';
import { extractHtml } from './html';
import { loadLabels } from './labels';

/** mulberry32: a small seeded generator, so every run builds the same corpora. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One article of the bench corpus with the event it reports. */
export interface BenchArticle {
  article: Article;
  /** The event label: stories.json's for a labelled article, `syn:<text>@<date>` for a synthetic one. */
  event: string;
  kind: 'labelled' | 'synthetic';
  /** The real text a synthetic article was built from. */
  source: string | null;
  /** The real event a synthetic story resembles (the event of its source text). */
  lookalikeOf: string | null;
}

/** A real text synthetic stories are built from. */
export interface SourceText {
  id: string;
  /** The real event it reports (a page: the page itself). */
  event: string;
  /** Its event and the look-alike events of one story (stories.json's `nearOf`), whose sentences may be mixed in. */
  family: string;
  language: 'de' | 'en';
  sentences: string[];
  /** Day (UTC ms) of its real event when known: no synthetic story of this text is dated near it. */
  realDay: number | null;
  /** The weekday its lead names for its event (0 = Monday), as the engine reads it: a synthetic story of it falls on that weekday. */
  weekday: number | null;
}

export interface BenchCorpusOptions {
  /** The seed articles (in the corpus through `ensureSeeds`; not returned here). */
  seeds: readonly Article[];
  /** ../shared; null or absent: the seeds are the only real text. */
  sharedDir: string | null;
  /** The repo's seeds folder (manifest with the seeds' dates and outlets). */
  repoSeeds: string;
  /** Articles to return besides the seeds. */
  count: number;
  randomSeed?: number;
  /** First day of the two years synthetic stories are dated in. */
  start?: string;
  days?: number;
  /**
   * Pages of ../shared/data/pages (file names) left out of the synthetic
   * stories' texts: the browser bench opens them as pages the corpus knows
   * nothing of.
   */
  holdOutPages?: readonly string[];
}

export interface BenchCorpus {
  /** In ingest order: the labelled articles, then the synthetic stories group by group. */
  articles: BenchArticle[];
  sources: SourceText[];
  /** Whether ../shared/data was read. */
  shared: boolean;
  labelled: number;
  syntheticEvents: number;
  /** Passes over the texts' date slots: above 1, some look-alike stories of one text share a month. */
  rounds: number;
}

export const DAY = 86_400_000;
/** The two years are cut in slots of a month; a text's synthetic stories take different slots, as far apart as the free ones allow. */
const SLOT_DAYS = 30;
/** A story's event day lies in the first days of its slot (a week more to fall on the weekday its text names), so stories of one text in neighbouring slots are still two weeks apart. */
const SLOT_OFFSET_DAYS = 8;
/** A group's articles are dated within this many days of its first. */
const GROUP_SPREAD_DAYS = 2;
const MIN_GROUP = 3;
const MAX_GROUP = 12;
/** Long pages (and seeds) are cut in sections of about this many sentences, each a text of its own; a labelled article stays whole. */
const SECTION_SENTENCES = 12;
const MIN_SOURCE_SENTENCES = 5;
const OUTLETS = 400;
/** The sentences whose weekday names the event (lib/match/features.ts reads the first four). */
const LEAD_SENTENCES = 4;

function sentencesOf(text: string, language: string): string[] {
  return segmentSentences(text, language)
    .map((s) => s.text.replace(/\s+/g, ' ').trim())
    .filter((s) => s.length >= 40 && s.length <= 400 && /[.!?"“”]$/.test(s));
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A date of YYYY-MM-DD, or the first day of YYYY-MM, in UTC ms; null for anything else. */
function dayOf(date: string | null | undefined): number | null {
  const m = /(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(date ?? '');
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, m[3] ? Number(m[3]) : 1);
  return Number.isNaN(t) ? null : t;
}

function storyDates(labelsPath: string): Record<string, string> {
  try {
    const parsed = JSON.parse(readFileSync(labelsPath, 'utf8')) as { stories?: Record<string, { date?: unknown }> };
    const out: Record<string, string> = {};
    for (const [id, s] of Object.entries(parsed.stories ?? {})) if (typeof s?.date === 'string') out[id] = s.date;
    return out;
  } catch {
    return {};
  }
}

/** The weekday a text's lead names for its event (features' `eventWeekday`), or null. */
function namedWeekday(sentences: readonly string[], language: string): number | null {
  const probe = makeArticle({ id: 'probe', raw: sentences.slice(0, 8).join(' '), source: 'user', language, date: null, addedAt: 0 });
  return articleFeatures(probe).eventWeekday ?? null;
}

function addSource(out: SourceText[], s: Omit<SourceText, 'sentences' | 'weekday'>, text: string, split: boolean): void {
  const sentences = [...new Set(sentencesOf(text, s.language))];
  if (sentences.length < MIN_SOURCE_SENTENCES) return;
  const push = (id: string, part: string[]) => out.push({ ...s, id, sentences: part, weekday: namedWeekday(part, s.language) });
  if (!split || sentences.length <= SECTION_SENTENCES * 1.5) {
    push(s.id, sentences);
    return;
  }
  const sections = Math.round(sentences.length / SECTION_SENTENCES);
  const per = Math.ceil(sentences.length / sections);
  for (let k = 0; k < sections; k++) {
    const part = sentences.slice(k * per, (k + 1) * per);
    if (part.length >= MIN_SOURCE_SENTENCES) push(`${s.id}#${k + 1}`, part);
  }
}

/** The real texts and, with ../shared, its labelled articles (the seeds left out: they go in through `ensureSeeds`). */
export function realTexts(options: Pick<BenchCorpusOptions, 'seeds' | 'sharedDir' | 'repoSeeds' | 'holdOutPages'>): { labelled: BenchArticle[]; sources: SourceText[]; shared: boolean } {
  const sources: SourceText[] = [];
  const labelled: BenchArticle[] = [];
  const dataDir = options.sharedDir ? join(options.sharedDir, 'data') : null;
  const labelsPath = dataDir ? join(dataDir, 'stories.json') : null;
  const seedFiles = new Set(options.seeds.map((s) => s.file ?? s.id));
  const bodyOf = (a: Article) => a.raw.slice(a.bodyStart);
  if (labelsPath && existsSync(labelsPath)) {
    const dates = storyDates(labelsPath);
    for (const l of loadLabels(labelsPath, options.repoSeeds)) {
      const language = l.article.language === 'en' ? 'en' : l.article.language === 'de' ? 'de' : null;
      if (language) {
        addSource(
          sources,
          { id: l.name, event: l.event, family: l.nearOf ?? l.event, language, realDay: dayOf(dates[l.event]) ?? dayOf(l.event) ?? dayOf(l.article.date) },
          bodyOf(l.article),
          false,
        );
      }
      if (l.event === 'seeds' && seedFiles.has(basename(l.name))) continue;
      labelled.push({ article: l.article, event: l.event, kind: 'labelled', source: null, lookalikeOf: l.nearOf });
    }
    const pagesDir = join(dataDir!, 'pages');
    if (existsSync(pagesDir)) {
      for (const file of readdirSync(pagesDir).filter((f) => f.endsWith('.html') && !options.holdOutPages?.includes(f)).sort()) {
        const text = extractHtml(readFileSync(join(pagesDir, file), 'utf8')).text;
        const language = languageOf(text);
        if (language !== 'de' && language !== 'en') continue;
        addSource(sources, { id: `pages/${file}`, event: `pages/${file}`, family: `pages/${file}`, language, realDay: null }, text, true);
      }
    }
  }
  if (sources.length === 0) {
    for (const s of options.seeds) {
      if (s.language !== 'de' && s.language !== 'en') continue;
      addSource(sources, { id: `seeds/${s.file ?? s.id}`, event: 'seeds', family: 'seeds', language: s.language, realDay: dayOf(s.date) }, bodyOf(s), true);
    }
  }
  return { labelled, sources, shared: labelled.length > 0 };
}

/** One outlet's article of a synthetic story: its own share and order of the text's sentences, and a few of its family's. */
function outletText(source: SourceText, family: readonly string[], next: () => number): string {
  const s = source.sentences;
  const lead = next() < 0.75 ? 0 : Math.floor(next() * s.length);
  const share = 0.45 + next() * 0.45;
  const rest = s.map((_, i) => i).filter((i) => i !== lead && next() < share);
  // Mostly the text's order, with some neighbours swapped and now and then a sentence moved far.
  for (let i = 0; i + 1 < rest.length; i++) if (next() < 0.3) [rest[i], rest[i + 1]] = [rest[i + 1], rest[i]];
  if (rest.length > 3 && next() < 0.5) {
    const [moved] = rest.splice(Math.floor(next() * rest.length), 1);
    rest.splice(Math.floor(next() * rest.length), 0, moved);
  }
  const body = [s[lead], ...rest.slice(0, 29).map((i) => s[i])];
  // Sentences of other reports of the same event or of its look-alikes, after the lead (whose weekday dates the event).
  const foreign = family.length === 0 ? 0 : Math.floor(next() * 4);
  for (let k = 0; k < foreign; k++) {
    const at = Math.min(body.length, LEAD_SENTENCES) + Math.floor(next() * (Math.max(0, body.length - LEAD_SENTENCES) + 1));
    body.splice(at, 0, family[Math.floor(next() * family.length)]);
  }
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const sentence of body) {
    current.push(sentence);
    if (current.length >= 1 + Math.floor(next() * 4)) {
      paragraphs.push(current.join(' '));
      current = [];
    }
  }
  if (current.length) paragraphs.push(current.join(' '));
  return paragraphs.join('\n\n');
}

/**
 * The bench corpus: the labelled articles, then synthetic stories until
 * `count` articles. The same options give the same articles, and a smaller
 * `count` gives a prefix of a larger one's.
 */
export function benchCorpus(options: BenchCorpusOptions): BenchCorpus {
  const next = random(options.randomSeed ?? 20250212);
  const { labelled, sources, shared } = realTexts(options);
  const articles: BenchArticle[] = labelled.slice(0, options.count);
  const start = dayOf(options.start ?? '2024-01-01')!;
  const slots = Math.max(1, Math.floor((options.days ?? 730) / SLOT_DAYS));
  const byFamily = new Map<string, SourceText[]>();
  for (const s of sources) byFamily.set(s.family, [...(byFamily.get(s.family) ?? []), s]);
  // Slots near a text's real event are never used by it: a synthetic story there would be that event.
  const blocked = sources.map((s) => {
    const set = new Set<number>();
    if (s.realDay !== null) {
      const k = Math.floor((s.realDay - start) / DAY / SLOT_DAYS);
      for (const d of [k - 1, k, k + 1]) if (d >= 0 && d < slots) set.add(d);
    }
    return set;
  });
  let used = sources.map(() => new Set<number>());
  const free = (i: number) => slots - used[i].size - [...blocked[i]].filter((k) => !used[i].has(k)).length;
  let rounds = 1;
  let events = 0;
  const languages = (['de', 'en'] as const).filter((l) => sources.some((s) => s.language === l));
  if (sources.length === 0 && articles.length < options.count) throw new Error('No real text to build synthetic stories from');

  while (articles.length < options.count) {
    // A quarter of the stories English where there is English text with room left.
    let open = sources.map((_, i) => i).filter((i) => free(i) > 0);
    if (open.length === 0) {
      used = sources.map(() => new Set<number>());
      rounds++;
      open = sources.map((_, i) => i).filter((i) => free(i) > 0);
      if (open.length === 0) throw new Error('No date slot left for any text');
    }
    const language = languages.length > 1 && next() < 1 / 4 ? 'en' : 'de';
    const inLanguage = open.filter((i) => sources[i].language === language);
    const pick = (inLanguage.length > 0 ? inLanguage : open)[Math.floor(next() * (inLanguage.length > 0 ? inLanguage : open).length)];
    const source = sources[pick];

    // The free slot farthest from the text's other stories (ties at random): months apart while the years have room.
    let best: number[] = [];
    let bestDistance = -1;
    for (let k = 0; k < slots; k++) {
      if (used[pick].has(k) || blocked[pick].has(k)) continue;
      let distance = slots;
      for (const u of used[pick]) distance = Math.min(distance, Math.abs(u - k));
      if (distance > bestDistance) [best, bestDistance] = [[k], distance];
      else if (distance === bestDistance) best.push(k);
    }
    const slot = best[Math.floor(next() * best.length)];
    used[pick].add(slot);
    let first = start + (slot * SLOT_DAYS + Math.floor(next() * SLOT_OFFSET_DAYS)) * DAY;
    // On the weekday the text names ("am Mittwoch"), so its reports, dated that day or the two after, agree on the event's day.
    if (source.weekday !== null) first += ((source.weekday - ((new Date(first).getUTCDay() + 6) % 7) + 7) % 7) * DAY;
    const event = `syn:${source.id}@${isoDay(first)}`;
    events++;

    const family = (byFamily.get(source.family) ?? []).filter((s) => s !== source).flatMap((s) => s.sentences);
    const size = MIN_GROUP + Math.floor(next() * (MAX_GROUP - MIN_GROUP + 1));
    const outletBase = Math.floor(next() * OUTLETS);
    for (let g = 0; g < size && articles.length < options.count; g++) {
      const i = articles.length;
      const outlet = (outletBase + g * 37) % OUTLETS;
      const day = isoDay(first + Math.floor(next() * (GROUP_SPREAD_DAYS + 1)) * DAY);
      const article = makeArticle({
        id: `syn-${i}`,
        raw: outletText(source, family, next),
        source: 'user',
        outlet: `Synthetic ${outlet}`,
        language: source.language,
        date: day,
        url: `https://synthetic-${outlet}.example/${day.replace(/-/g, '/')}/article-${i}`,
        addedAt: i,
      });
      articles.push({ article, event, kind: 'synthetic', source: source.id, lookalikeOf: source.event });
    }
  }
  return { articles, sources, shared, labelled: Math.min(labelled.length, options.count), syntheticEvents: events, rounds };
}
