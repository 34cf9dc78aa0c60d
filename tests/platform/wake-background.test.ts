import { describe, expect, it } from 'vitest';
import { wakeBackground } from '../../platform/wake-background';
import { backgroundChecks } from '../../platform/protocol';

describe('waking the background as a page starts loading', () => {
  it('asks the background on a site where the notes are on, and nothing where they are off', async () => {
    const asked: string[] = [];
    const allowed = async (host: string) => host !== 'off.example';
    expect(await wakeBackground('news.example', { allowed, wake: async () => asked.push('news.example') })).toBe(true);
    expect(await wakeBackground('off.example', { allowed, wake: async () => asked.push('off.example') })).toBe(false);
    expect(asked).toEqual(['news.example']);
  });

  it('never throws: a settings read or a message that fails only means no early start', async () => {
    expect(await wakeBackground('news.example', { allowed: async () => Promise.reject(new Error('storage gone')), wake: async () => undefined })).toBe(false);
    expect(await wakeBackground('news.example', { allowed: async () => true, wake: async () => Promise.reject(new Error('context invalidated')) })).toBe(false);
  });

  it('the request carries nothing, and content scripts may send it', () => {
    const check = backgroundChecks['crossread:wake'];
    expect(check.from).toBe('anywhere');
    expect(check.payload({ type: 'crossread:wake' }, 'm')).toBeNull();
    expect(check.payload('wake', 'm')).toBe('m is not an object');
  });
});
