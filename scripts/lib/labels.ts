import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Article } from '../../lib/article/article';
import { CliError, readTextFile, toArticle } from './articles';

/** One labelled file: its article and the event it reports. */
export interface LabelledArticle {
  /** Path relative to the labels file, as the labels file names it. */
  name: string;
  event: string;
  /** The story a look-alike resembles and must never be judged the same as. */
  nearOf: string | null;
  article: Article;
}

interface LabelsFile {
  files: Record<string, { event?: unknown; nearOf?: unknown }>;
}

interface SeedManifest {
  articles: Array<{ file: string; outlet?: string; title?: string; language?: string; date?: string | null }>;
}

/** Outlet and date a folder's manifest.json (the seeds' format) gives a file, when there is one. */
function manifestEntry(path: string): SeedManifest['articles'][number] | null {
  const manifest = join(dirname(path), 'manifest.json');
  if (!existsSync(manifest)) return null;
  try {
    const m = JSON.parse(readFileSync(manifest, 'utf8')) as SeedManifest;
    return m.articles?.find((a) => a.file === basename(path)) ?? null;
  } catch {
    return null;
  }
}

/**
 * Every file a labels file names (the format of ../shared/data/stories.json:
 * two files are the same story exactly when their `event` is equal), read as
 * the command line reads pages: header lines, HTML through the extension's
 * extraction. A seed file takes its date and outlet from the seeds' manifest
 * when one lies beside it (in the repo's `seeds/` when the labelled copy has none).
 */
export function loadLabels(labelsPath: string, repoSeeds?: string): LabelledArticle[] {
  if (!existsSync(labelsPath)) throw new CliError(`No such labels file: ${labelsPath}`);
  let parsed: LabelsFile;
  try {
    parsed = JSON.parse(readFileSync(labelsPath, 'utf8')) as LabelsFile;
  } catch (e) {
    throw new CliError(`${labelsPath} is not JSON: ${(e as Error).message}`);
  }
  if (!parsed || typeof parsed.files !== 'object' || parsed.files === null) throw new CliError(`${labelsPath} has no "files" object`);
  const root = dirname(resolve(labelsPath));
  const out: LabelledArticle[] = [];
  for (const [name, label] of Object.entries(parsed.files)) {
    if (typeof label?.event !== 'string' || label.event === '') throw new CliError(`${labelsPath}: ${name} has no event`);
    const path = resolve(root, name);
    const loaded = readTextFile(path);
    const entry = manifestEntry(path) ?? (repoSeeds ? manifestEntry(join(repoSeeds, basename(path))) : null);
    const file = relative(root, path);
    out.push({
      name,
      event: label.event,
      nearOf: typeof label.nearOf === 'string' ? label.nearOf : null,
      article: toArticle({
        id: file,
        file,
        raw: loaded.text,
        outlet: entry?.outlet ?? null,
        title: entry?.title ?? loaded.title,
        language: entry?.language ?? null,
        date: entry?.date ?? null,
        url: loaded.url,
        source: 'user',
      }),
    });
  }
  return out;
}
