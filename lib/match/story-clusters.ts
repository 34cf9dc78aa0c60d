import type { ArticleFeatures } from './features';
import { DEFAULT_STORY_THRESHOLDS, eventsApart, figuresOf, judgeStory, salientTerms, type StoryJudgement } from './story';

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

/**
 * The story an article reports among `stories`, decided against each story as
 * a whole, not one article of it: one weak link must not chain two events.
 */
export function chooseStory(features: ArticleFeatures, stories: readonly Story[]): StoryChoice {
  let best: { id: string; score: number; reason: string } | null = null;
  for (const story of stories) {
    if (story.members.length === 0) continue;
    // Every article of the story counts here, not only those close enough in words to be compared.
    if (story.members.some((m) => eventsApart(features, m.features, DEFAULT_STORY_THRESHOLDS.maxDays))) continue;
    const js = story.members.map((m) => judged(features, m.features));
    const same = js.filter((j) => j.match === 'same').length;
    if (same === 0) continue;
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
    const choice = chooseStory(m.features, candidates);
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
