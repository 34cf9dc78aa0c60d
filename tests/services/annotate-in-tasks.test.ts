import { describe, expect, it } from 'vitest';
import { annotate, pageOfArticle } from '../../lib/match/annotate';
import { articleFeatures } from '../../lib/match/features';
import { annotateInTasks } from '../../services/annotate-in-tasks';
import { loadSeeds } from '../helpers/seeds';

describe('annotateInTasks', () => {
  const seeds = loadSeeds();

  it('annotates each seed against the others as annotate does, letting the event loop run between its steps', async () => {
    for (const [i, a] of seeds.entries()) {
      const others = seeds.filter((b) => b.id !== a.id);
      const opts = { featuresOf: articleFeatures, storyOf: () => 'seeds' };
      let breaths = 0;
      const stepped = await annotateInTasks(pageOfArticle(a), others, opts, async () => void breaths++);
      expect(stepped, `seed ${i}`).toEqual(annotate(pageOfArticle(a), others, opts));
      // After the page's analysis, after the first look (the compared candidates' features) and before the relations (the
      // story's articles): the seeds are one story, so every step is taken.
      expect(breaths, `seed ${i}`).toBe(3);
    }
  });

  it('annotates as annotate does where the engine forms the stories itself and where it stops at the story', async () => {
    const [a, ...others] = seeds;
    for (const opts of [{}, { storyOnly: true }]) {
      expect(await annotateInTasks(pageOfArticle(a), others, opts, async () => undefined)).toEqual(annotate(pageOfArticle(a), others, opts));
    }
  });
});
