import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { requestNotes } from '../../../entrypoints/content/request';
import type { PagePayload } from '../../../platform/protocol';
import { notesOn } from './fixtures';

const page: PagePayload = { text: 'Der Rat tagte am Montag.', url: 'http://news.example/a', title: 'Rat', language: 'de', publishedTime: null };
const notes = notesOn(page.text, 'Der Rat tagte am Montag.');

describe('the annotate request', () => {
  beforeEach(() => fakeBrowser.reset());

  it('asks the background by name and returns its notes with the engine’s warnings as they came', async () => {
    const seen: unknown[] = [];
    const warnings = ["The page's language (fr) is not supported; only German and English pages are annotated."];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      seen.push(message);
      return Promise.resolve({ ok: true, notes, warnings });
    });
    expect(await requestNotes(page, { storyOnly: true })).toEqual({ notes, warnings });
    expect(seen).toEqual([{ type: 'crossread:annotate', page, storyOnly: true }]);
  });

  it('gives null where the background fails or cannot be reached', async () => {
    fakeBrowser.runtime.onMessage.addListener(() => Promise.resolve({ ok: false, error: 'Invalid request' }));
    expect(await requestNotes(page)).toBeNull();
    fakeBrowser.reset();
    expect(await requestNotes(page)).toBeNull();
  });
});
