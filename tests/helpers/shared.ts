import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * ../shared beside the repo: the eval gold, the real pages and the development data
 * (story2, near, …). CI has it; a plain clone does not. Tests of the product's own
 * behaviour read the repo's seeds/ instead (tests/helpers/seeds.ts).
 */
export const sharedDir = path.resolve(__dirname, '../../../shared');

/** The absolute path of a file or folder inside ../shared. */
export const sharedPath = (...parts: string[]) => path.join(sharedDir, ...parts);

/**
 * True when every ../shared/<rel> exists. When one does not, prints one line naming what
 * is skipped and what is missing, for `describe.skipIf(!haveShared(…))(…)`. Read the
 * files only inside `it`/`beforeAll`: vitest runs a skipped describe's body all the same.
 */
export function haveShared(rels: string | string[], what: string): boolean {
  const missing = (typeof rels === 'string' ? [rels] : rels).filter((rel) => !existsSync(sharedPath(rel)));
  if (missing.length === 0) return true;
  console.log(`skipped: ${what} (${missing.map((rel) => `../shared/${rel}`).join(', ')} ${missing.length === 1 ? 'is' : 'are'} absent)`);
  return false;
}
