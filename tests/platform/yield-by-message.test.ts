import { afterEach, describe, expect, it, vi } from 'vitest';
import { yieldByMessage } from '../../platform/yield-by-message';

describe('yieldByMessage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('lets a message sent before it run before it resolves', async () => {
    const seen: string[] = [];
    const other = new MessageChannel();
    other.port1.onmessage = () => seen.push('other');
    other.port2.postMessage(null);
    await yieldByMessage();
    seen.push('after');
    other.port1.close();
    expect(seen).toEqual(['other', 'after']);
  });

  it('falls back to a timer where there is no MessageChannel', async () => {
    vi.stubGlobal('MessageChannel', undefined);
    const timer = vi.spyOn(globalThis, 'setTimeout');
    await yieldByMessage();
    expect(timer).toHaveBeenCalled();
    timer.mockRestore();
  });
});
