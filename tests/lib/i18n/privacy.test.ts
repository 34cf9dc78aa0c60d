import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PRIVACY_PROMISE } from '../../../lib/i18n/privacy';
import { sourcesMessages } from '../../../lib/i18n/sources-messages';
import { uiMessages } from '../../../lib/i18n/ui-messages';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
/** A Markdown page's words, its line breaks and emphasis aside. */
const words = (path: string) => readFileSync(join(root, path), 'utf8').replace(/\*\*/g, '').replace(/\s+/g, ' ');

describe('the privacy promise', () => {
  it('is one promise, said word for word by the popup, the corpus manager, docs/privacy.md and the README, in both languages', () => {
    for (const locale of ['en', 'de'] as const) {
      expect(uiMessages(locale).privacy).toBe(PRIVACY_PROMISE[locale]);
      expect(sourcesMessages(locale).privacy).toBe(PRIVACY_PROMISE[locale]);
      expect(words('docs/privacy.md')).toContain(PRIVACY_PROMISE[locale]);
    }
    expect(words('README.md')).toContain(PRIVACY_PROMISE.en);
  });

  it('says what issue #17 asks: no request by default; with sources, only to followed origins, only from the background, nothing about the reader', () => {
    expect(PRIVACY_PROMISE.en).toMatch(/^A default install makes no request\. With sources, requests go only to the origins you followed, only from the background, carrying nothing about you\.$/);
    // The older, broader line contradicted it once feeds exist: requests do leave the machine.
    for (const locale of ['en', 'de'] as const) expect(JSON.stringify(Object.values(uiMessages(locale)).filter((v) => typeof v === 'string'))).not.toMatch(/Nothing leaves|Nichts verlässt/);
  });
});
