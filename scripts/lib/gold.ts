import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TextRange } from '../../lib/article/article';
import { CliError } from './articles';

/** The gold file format of ../shared/eval/README.md. */
export interface GoldFile {
  version: number;
  story: string;
  docs: Array<{ id: string; file: string; outlet: string | null; nonReporting: string[] }>;
  facts: Array<{ id: string; gloss: string; elaborates: string | null; mentions: Record<string, string[]> }>;
  conflicts: Array<{ id: string; gloss: string; facts: string[] }>;
}

export interface GoldDoc {
  id: string;
  file: string;
  text: string;
  nonReporting: TextRange[];
  /** fact id → the fact's mention ranges in this doc. */
  mentions: Map<string, TextRange[]>;
}

export interface Gold {
  story: string;
  docs: GoldDoc[];
  elaborates: Map<string, string | null>;
  conflicts: Array<{ id: string; facts: string[] }>;
  /** Spans that are not substrings of their doc (should be none). */
  unresolved: string[];
}

/** A span given as text means its first occurrence in the doc. */
function locate(text: string, span: string): TextRange | null {
  const i = text.indexOf(span);
  return i === -1 ? null : { start: i, end: i + span.length };
}

export function loadGold(goldPath: string, docsDir: string): Gold {
  if (!existsSync(goldPath)) throw new CliError(`No such gold file: ${goldPath}`);
  let file: GoldFile;
  try {
    file = JSON.parse(readFileSync(goldPath, 'utf8')) as GoldFile;
  } catch (e) {
    throw new CliError(`Cannot parse gold file ${goldPath}: ${(e as Error).message}`);
  }
  if (!Array.isArray(file.docs) || !Array.isArray(file.facts)) throw new CliError(`${goldPath} is not a gold file (docs, facts)`);
  const unresolved: string[] = [];
  const docs: GoldDoc[] = file.docs.map((d) => {
    const path = join(docsDir, d.file);
    if (!existsSync(path)) throw new CliError(`Gold document ${d.file} not found in ${docsDir}`);
    const text = readFileSync(path, 'utf8');
    const nonReporting: TextRange[] = [];
    for (const span of d.nonReporting ?? []) {
      const r = locate(text, span);
      if (r) nonReporting.push(r);
      else unresolved.push(`${d.id} nonReporting: ${span.slice(0, 40)}`);
    }
    return { id: d.id, file: d.file, text, nonReporting, mentions: new Map() };
  });
  const byId = new Map(docs.map((d) => [d.id, d]));
  for (const f of file.facts) {
    for (const [docId, spans] of Object.entries(f.mentions)) {
      const doc = byId.get(docId);
      if (!doc) {
        unresolved.push(`${f.id}: unknown doc ${docId}`);
        continue;
      }
      const ranges: TextRange[] = [];
      for (const span of spans) {
        const r = locate(doc.text, span);
        if (r) ranges.push(r);
        else unresolved.push(`${f.id} in ${docId}: ${span.slice(0, 40)}`);
      }
      if (ranges.length) doc.mentions.set(f.id, ranges);
    }
  }
  return {
    story: file.story,
    docs,
    elaborates: new Map(file.facts.map((f) => [f.id, f.elaborates])),
    conflicts: (file.conflicts ?? []).map((c) => ({ id: c.id, facts: c.facts })),
    unresolved,
  };
}
