import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGold, type GoldFile } from '../../../scripts/lib/gold';

/*
 * A gold file is ground truth for the matching evaluation, so a span that
 * drifts from its document, a dangling `elaborates`, or a fact mention inside
 * text the gold itself calls non-reporting would silently skew every score.
 * `spansOnce`: also require every span to occur once in its document, so none
 * relies on the loader's first-occurrence rule.
 */
export function checkGoldFile(story: string, opts: { spansOnce?: boolean } = {}): void {
  const goldPath = path.resolve(process.cwd(), `tests/gold/${story}.gold.json`);
  const docsDir = path.resolve(process.cwd(), `../shared/data/${story}`);
  describe(`${story} gold file`, () => {
    const raw = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;

    it('names every fact it elaborates and every fact a conflict sets against another', () => {
      const ids = new Set(raw.facts.map((f) => f.id));
      expect(ids.size).toBe(raw.facts.length);
      for (const f of raw.facts) {
        if (f.elaborates !== null) expect(ids.has(f.elaborates), `${f.id} elaborates ${f.elaborates}`).toBe(true);
        expect(f.elaborates, `${f.id} elaborates itself`).not.toBe(f.id);
      }
      for (const c of raw.conflicts) {
        expect(c.facts.length, c.id).toBeGreaterThanOrEqual(2);
        for (const id of c.facts) expect(ids.has(id), `${c.id} names ${id}`).toBe(true);
      }
    });

    it('mentions only documents it declares', () => {
      const docIds = new Set(raw.docs.map((d) => d.id));
      for (const f of raw.facts) for (const docId of Object.keys(f.mentions)) expect(docIds.has(docId), `${f.id} → ${docId}`).toBe(true);
    });

    describe(`against the ${story} documents`, () => {
      const shared = existsSync(docsDir);

      it('finds every document and resolves every span', (ctx) => {
        if (!shared) ctx.skip(`../shared/data/${story} is absent (${docsDir}); the gold cannot be checked against its documents`);
        const gold = loadGold(goldPath, docsDir);
        expect(gold.docs.map((d) => d.file)).toEqual(raw.docs.map((d) => d.file));
        expect(gold.unresolved).toEqual([]);
      });

      if (opts.spansOnce)
        it('names every span once in its document, so no span relies on the first-occurrence rule', (ctx) => {
          if (!shared) ctx.skip(`../shared/data/${story} is absent (${docsDir}); the gold cannot be checked against its documents`);
          const gold = loadGold(goldPath, docsDir);
          const textOf = new Map(gold.docs.map((d) => [d.id, d.text]));
          const count = (text: string, span: string) => text.split(span).length - 1;
          for (const d of raw.docs) for (const s of d.nonReporting) expect(count(textOf.get(d.id)!, s), `${d.id} non-reporting: ${s.slice(0, 50)}`).toBe(1);
          for (const f of raw.facts)
            for (const [docId, spans] of Object.entries(f.mentions))
              for (const s of spans) expect(count(textOf.get(docId)!, s), `${f.id} in ${docId}: ${s.slice(0, 50)}`).toBe(1);
        });

      it('cites no header line and keeps every mention out of its document’s non-reporting spans', (ctx) => {
        if (!shared) ctx.skip(`../shared/data/${story} is absent (${docsDir}); the gold cannot be checked against its documents`);
        const gold = loadGold(goldPath, docsDir);
        for (const doc of gold.docs) {
          const header = /^(?:[a-z]+:[^\n]*\n)+\n/.exec(doc.text);
          const bodyStart = header ? header[0].length : 0;
          for (const r of doc.nonReporting) expect(r.start, `${doc.id} non-reporting in header`).toBeGreaterThanOrEqual(bodyStart);
          for (const [factId, ranges] of doc.mentions) {
            for (const m of ranges) {
              const where = `${factId} in ${doc.id}: ${doc.text.slice(m.start, m.end).slice(0, 50)}`;
              expect(m.start, `${where} lies in the header`).toBeGreaterThanOrEqual(bodyStart);
              for (const n of doc.nonReporting) expect(m.start < n.end && n.start < m.end, `${where} overlaps non-reporting text`).toBe(false);
            }
          }
        }
      });
    });
  });
}
