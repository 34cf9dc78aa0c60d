import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toArticle } from '../../../scripts/lib/articles';
import { addsBound } from '../../../scripts/lib/adds-bound';
import { loadGold } from '../../../scripts/lib/gold';
import { runEval } from '../../../scripts/eval';
import { seedsDir } from '../../helpers/seeds';
import { haveShared, sharedPath } from '../../helpers/shared';

/** A gold file in a fresh folder: doc b adds the call's duration, a detail doc a lacks. */
function tinyGold() {
  const dir = mkdtempSync(path.join(tmpdir(), 'crossread-bound-'));
  const a = 'Trump und Putin haben am Mittwoch miteinander telefoniert.\n\nDas Wetter in Berlin blieb am Abend kalt und grau.\n';
  const b = 'Trump und Putin haben am Mittwoch telefoniert.\n\nDas Telefonat von Trump und Putin dauerte eineinhalb Stunden.\n';
  writeFileSync(path.join(dir, 'a.txt'), a);
  writeFileSync(path.join(dir, 'b.txt'), b);
  const gold = {
    version: 1,
    story: 'a call',
    docs: [
      { id: 'a', file: 'a.txt', outlet: null, nonReporting: [] },
      { id: 'b', file: 'b.txt', outlet: null, nonReporting: [] },
    ],
    facts: [
      { id: 'F1', gloss: 'they spoke', elaborates: null, mentions: { a: ['Trump und Putin haben am Mittwoch miteinander telefoniert.'], b: ['Trump und Putin haben am Mittwoch telefoniert.'] } },
      { id: 'F2', gloss: 'for 90 minutes', elaborates: 'F1', mentions: { b: ['Das Telefonat von Trump und Putin dauerte eineinhalb Stunden.'] } },
      { id: 'F3', gloss: 'cold weather', elaborates: null, mentions: { a: ['Das Wetter in Berlin blieb am Abend kalt und grau.'] } },
    ],
    conflicts: [],
  };
  writeFileSync(path.join(dir, 'gold.json'), JSON.stringify(gold));
  const loaded = loadGold(path.join(dir, 'gold.json'), dir);
  const articles = loaded.docs.map((d) => toArticle({ id: d.id, file: d.file, raw: d.text, source: 'user' }));
  return { gold: loaded, articles };
}

describe('addsBound', () => {
  it('attaches a detail the page lacks to the page sentence it elaborates, and to no other', () => {
    const { gold, articles } = tinyGold();
    const bound = addsBound(gold, articles);
    expect(bound.tp).toBe(1);
    expect(bound.fp).toBe(0);
    expect(bound.fn).toBe(0);
    expect(bound.f1).toBe(1);
  });

  it.skipIf(!haveShared('eval/seeds.gold.json', 'addsBound on the seeds gold'))('on the seeds, lies above the engine, which must also guess which sentences are new', () => {
    const r = runEval({ gold: sharedPath('eval/seeds.gold.json'), docs: seedsDir, distractors: [], bounds: true });
    expect(r.addsBound).toBeDefined();
    expect(r.addsBound!.f1).toBeGreaterThan(r.engine.adds.f1);
  });
});
