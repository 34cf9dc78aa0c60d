import { describe, expect, it } from 'vitest';
import { articleFeatures } from '../../../lib/match/features';
import { chooseStory, clusterStories, type Story } from '../../../lib/match/story-clusters';
import { loadSeeds } from '../../helpers/seeds';
import { article, BRIDGE } from './fixtures';

const member = (id: string, raw: string, date: string | null) => ({ id, features: articleFeatures(article(id, raw, { date })) });

describe('clusterStories', () => {
  it('puts the five seed reports of one call in one story', () => {
    const seeds = loadSeeds();
    const ids = clusterStories(seeds.map((a) => ({ id: a.id, features: articleFeatures(a) })));
    expect(new Set(ids.values()).size).toBe(1);
    expect(ids.size).toBe(5);
  });

  it('keeps the same people at another event, and another topic, out of the story', () => {
    const ids = clusterStories([
      member('a', BRIDGE.page, '2025-03-10'),
      member('b', BRIDGE.sameB, '2025-03-10'),
      member('c', BRIDGE.sameC, '2025-03-11'),
      member('r', BRIDGE.related, '2025-11-20'),
      member('o', BRIDGE.other, '2025-03-10'),
    ]);
    expect(ids.get('b')).toBe(ids.get('a'));
    expect(ids.get('c')).toBe(ids.get('a'));
    expect(ids.get('r')).not.toBe(ids.get('a'));
    expect(ids.get('o')).not.toBe(ids.get('a'));
    expect(ids.get('a')).toBe('story-a');
  });

  it('starts a story of its own for a single article', () => {
    expect([...clusterStories([member('a', BRIDGE.page, null)])]).toEqual([['a', 'story-a']]);
  });
});

describe('chooseStory', () => {
  const story: Story = { id: 's1', members: [member('a', BRIDGE.page, '2025-03-10'), member('b', BRIDGE.sameB, '2025-03-10')] };

  it('joins the story whose articles report its event, and says why', () => {
    const choice = chooseStory(member('c', BRIDGE.sameC, '2025-03-10').features, [story]);
    expect(choice.storyId).toBe('s1');
    expect(choice.reason).toMatch(/same event as \d of its 2 articles/);
  });

  it('turns away a report of the same event dated apart from any article of the story', () => {
    // The text is the same event's; the date says it is another occurrence (a year later).
    const choice = chooseStory(member('c', BRIDGE.sameC, '2026-03-10').features, [story]);
    expect(choice.storyId).toBeNull();
  });

  it('finds no story in an empty corpus, without an exception', () => {
    expect(chooseStory(member('c', BRIDGE.sameC, null).features, []).storyId).toBeNull();
    expect(chooseStory(member('c', BRIDGE.sameC, null).features, [{ id: 'empty', members: [] }]).storyId).toBeNull();
  });

  it('chooses the same story without its reason (explain: false) as with it', () => {
    const seeds = loadSeeds().map((a) => ({ id: a.id, features: articleFeatures(a) }));
    const others = [member('a', BRIDGE.page, '2025-03-10'), member('b', BRIDGE.sameB, '2025-03-10'), member('r', BRIDGE.related, '2025-03-10'), member('o', BRIDGE.other, '2025-03-10')];
    const stories: Story[] = [
      { id: 'seeds', members: seeds.slice(0, 3) },
      { id: 'bridge', members: others.slice(0, 2) },
      { id: 'mixed', members: [others[2], seeds[3]] },
      { id: 'other', members: [others[3]] },
    ];
    const pages = [seeds[4], member('c', BRIDGE.sameC, '2025-03-11'), member('c2', BRIDGE.sameC, '2026-03-11'), others[2], others[3]];
    const chosen = pages.map((p) => chooseStory(p.features, stories, false).storyId);
    expect(chosen).toEqual(pages.map((p) => chooseStory(p.features, stories).storyId));
    // Both kinds of answer occur: a story is found for the seed and the bridge report, none for the report dated a year later.
    expect(chosen.slice(0, 3)).toEqual(['seeds', 'bridge', null]);
  });
});
