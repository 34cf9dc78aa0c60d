import type { ArticleFeatures } from './features';
import { DEFAULT_STORY_THRESHOLDS, eventTime, figuresOf, firstLook, judgeIfSame, judgeStory, quickShare, salientTerms, timesApart, type EventTime, type StoryJudgement } from './story';

/** An article as a member of a story: its id and its features. */
export interface StoryMember {
  id: string;
  features: ArticleFeatures;
}

/** A stored story: the articles that report one event. */
export interface Story {
  id: string;
  members: StoryMember[];
}

/** Which story an article reports, with the signals that decided. */
export interface StoryChoice {
  /** The chosen story's id, or null: the article starts a story of its own. */
  storyId: string | null;
  reason: string;
}

/** Bump when the rules below change: stored stories are then formed anew. */
export const STORY_RULES_VERSION = 4;

const pairCache = new WeakMap<ArticleFeatures, WeakMap<ArticleFeatures, StoryJudgement>>();

/** judgeStory, remembered per pair of feature objects (a corpus is clustered once, pages are judged against it many times). */
function judged(a: ArticleFeatures, b: ArticleFeatures): StoryJudgement {
  let row = pairCache.get(a);
  if (!row) pairCache.set(a, (row = new WeakMap()));
  let j = row.get(b);
  if (!j) row.set(b, (j = judgeStory(a, b)));
  return j;
}

function remember(a: ArticleFeatures, b: ArticleFeatures, j: StoryJudgement): void {
  let row = pairCache.get(a);
  if (!row) pairCache.set(a, (row = new WeakMap()));
  row.set(b, j);
}

const timeCache = new WeakMap<ArticleFeatures, EventTime | null>();

/** An article's event time, worked out once per features object: every article that meets a story asks for each member's. */
function timeOf(f: ArticleFeatures): EventTime | null {
  let t = timeCache.get(f);
  if (t === undefined) timeCache.set(f, (t = eventTime(f, DEFAULT_STORY_THRESHOLDS.maxDays)));
  return t;
}

/**
 * Whether some member's judgement is 'same': judgeStory's result, found with
 * as few sentence comparisons as it takes. The first look decides most pairs
 * and never says 'same'; the rest are compared most promising first, and the
 * first 'same' ends the search.
 */
function reportsSame(features: ArticleFeatures, members: readonly StoryMember[]): boolean {
  const open: { m: StoryMember; share: number; k: number }[] = [];
  members.forEach((m, k) => {
    const known = pairCache.get(features)?.get(m.features);
    if (known) {
      if (known.match === 'same') open.unshift({ m, share: Infinity, k: -1 });
      return;
    }
    const quick = firstLook(features, m.features);
    if (quick) {
      // What judgeStory gives for the pair (it is firstLook's when firstLook decides): remembered like any judgement.
      remember(features, m.features, quick);
      return;
    }
    open.push({ m, share: quickShare(features, m.features), k });
  });
  open.sort((a, b) => b.share - a.share || a.k - b.k);
  return open.some(({ m }) => comparedSame(features, m.features));
}

/** Pairs judgeIfSame found unable to be the same event: their judgement is not made unless a ranking asks for it. */
const notSame = new WeakMap<ArticleFeatures, WeakSet<ArticleFeatures>>();

/** Whether judgeStory's match is 'same' for a pair the first look left open, comparing sentences only when that can say so. */
function comparedSame(a: ArticleFeatures, b: ArticleFeatures): boolean {
  const known = pairCache.get(a)?.get(b);
  if (known) return known.match === 'same';
  if (notSame.get(a)?.has(b)) return false;
  const j = judgeIfSame(a, b);
  if (j) {
    remember(a, b, j);
    return j.match === 'same';
  }
  let row = notSame.get(a);
  if (!row) notSame.set(a, (row = new WeakSet()));
  row.add(b);
  return false;
}

/**
 * The story an article reports among `stories`, decided against each story as
 * a whole, not one article of it: one weak link must not chain two events.
 *
 * A story is weighed only if some article of it reports the same event, and
 * among several such the best by mean score wins. `explain: false` (forming
 * stories, where only the choice is kept) skips what only the reason needs:
 * when just one story has such an article it is the choice, whatever its
 * other articles' judgements.
 */
export function chooseStory(features: ArticleFeatures, stories: readonly Story[], explain = true): StoryChoice {
  const open: Story[] = [];
  const time = timeOf(features);
  for (const story of stories) {
    if (story.members.length === 0) continue;
    // Every article of the story counts here, not only those close enough in words to be compared.
    if (story.members.some((m) => timesApart(time, timeOf(m.features)))) continue;
    if (reportsSame(features, story.members)) open.push(story);
  }
  if (open.length === 1 && !explain) return { storyId: open[0].id, reason: 'the one story with an article reporting the same event, none dated apart' };
  let best: { id: string; score: number; reason: string } | null = null;
  for (const story of open) {
    const js = story.members.map((m) => judged(features, m.features));
    const same = js.filter((j) => j.match === 'same').length;
    const score = js.reduce((s, j) => s + j.score, 0) / js.length;
    if (!best || score > best.score) best = { id: story.id, score, reason: `same event as ${same} of its ${js.length} articles, none dated apart` };
  }
  return best ? { storyId: best.id, reason: best.reason } : { storyId: null, reason: 'no story reports the same event' };
}

/**
 * Clusters articles into stories, in the order given (each joins the story it
 * reports among those before it, or starts one): what the store does article
 * by article at ingest, done at once. Returns member id → story id.
 *
 * Only stories with an article that holds some of the article's salient terms
 * or figures are weighed (an index over the articles seen so far): the others
 * cannot pass the first look, and weighing every story would make forming a
 * large corpus's stories quadratic.
 */
export function clusterStories(members: readonly StoryMember[], storyIdOf: (first: StoryMember) => string = (m) => `story-${m.id}`): Map<string, string> {
  const stories: Story[] = [];
  const storyOfMember: number[] = [];
  const postings = new Map<string, number[]>();
  const out = new Map<string, string>();
  members.forEach((m, k) => {
    const hits = new Set<number>();
    const probe = [...salientTerms(m.features), ...figuresOf(m.features)];
    for (const t of probe) for (const other of postings.get(t) ?? []) hits.add(storyOfMember[other]);
    const candidates = [...hits].sort((a, b) => a - b).map((i) => stories[i]);
    const choice = chooseStory(m.features, candidates, false);
    let index = choice.storyId ? stories.findIndex((s) => s.id === choice.storyId) : -1;
    if (index < 0) {
      index = stories.length;
      stories.push({ id: storyIdOf(m), members: [] });
    }
    stories[index].members.push(m);
    storyOfMember[k] = index;
    out.set(m.id, stories[index].id);
    for (const t of Object.keys(m.features.termFreq)) {
      const list = postings.get(t);
      if (list) list.push(k);
      else postings.set(t, [k]);
    }
  });
  return out;
}
