import type { ArticleFeatures } from './features';
import { judgeStory, type StoryJudgement } from './story';

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

/** Term weights of the whole corpus: how many articles hold a term. */
export interface CorpusWeights {
  docCount: number;
  docFreq(term: string): number;
}

/** Which story an article reports, with the signals that decided. */
export interface StoryChoice {
  /** The chosen story's id, or null: the article starts a story of its own. */
  storyId: string | null;
  reason: string;
}

/** Bump when the rules below change: stored stories are then formed anew. */
export const STORY_RULES_VERSION = 2;

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
export function chooseStory(features: ArticleFeatures, stories: readonly Story[], _weights?: CorpusWeights): StoryChoice {
  let best: { id: string; score: number; reason: string } | null = null;
  for (const story of stories) {
    if (story.members.length === 0) continue;
    const js = story.members.map((m) => judged(features, m.features));
    if (js.some((j) => j.dateConflict)) continue;
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
 */
export function clusterStories(members: readonly StoryMember[], weights?: CorpusWeights, storyIdOf: (first: StoryMember) => string = (m) => `story-${m.id}`): Map<string, string> {
  const stories: Story[] = [];
  const out = new Map<string, string>();
  for (const m of members) {
    const choice = chooseStory(m.features, stories, weights);
    let story = choice.storyId ? stories.find((s) => s.id === choice.storyId) : undefined;
    if (!story) stories.push((story = { id: storyIdOf(m), members: [] }));
    story.members.push(m);
    out.set(m.id, story.id);
  }
  return out;
}
