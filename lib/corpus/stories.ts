import type { Article } from './article';

/** A group of articles that report one event. */
export interface StoryGroup {
  articles: Article[];
}

/**
 * Groups articles into stories: two articles are in one story when `linked`
 * says so for them, directly or through others (union–find). The caller
 * supplies the judgement (the matching engine's story decision), so this
 * module stays free of matching logic.
 */
export function groupStories(articles: readonly Article[], linked: (article: Article) => Article[]): StoryGroup[] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    // Path compression keeps later lookups short.
    let node = id;
    while (parent.get(node) !== root) {
      const next = parent.get(node)!;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const a of articles) parent.set(a.id, a.id);
  for (const a of articles) {
    for (const b of linked(a)) {
      if (!parent.has(b.id)) continue;
      const ra = find(a.id);
      const rb = find(b.id);
      if (ra !== rb) parent.set(rb, ra);
    }
  }
  const groups = new Map<string, Article[]>();
  for (const a of articles) {
    const root = find(a.id);
    groups.set(root, [...(groups.get(root) ?? []), a]);
  }
  return [...groups.values()]
    .map((group) => ({ articles: group.sort((x, y) => x.outlet.localeCompare(y.outlet)) }))
    .sort((x, y) => y.articles.length - x.articles.length);
}
