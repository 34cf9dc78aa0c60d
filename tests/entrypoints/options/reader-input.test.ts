import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchReaderInput } from '../../../entrypoints/options/reader-input';

afterEach(() => {
  vi.useRealTimers();
});

describe('watchReaderInput', () => {
  it('waits until the reader has left the page alone for the time asked, each input starting the wait again', async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    const input = watchReaderInput(page, () => Date.now());
    let idle = false;
    // No input yet: idle at once.
    await input.idle(1000, () => false);
    page.dispatchEvent(new Event('keydown'));
    void input.idle(1000, () => false).then(() => {
      idle = true;
    });
    await vi.advanceTimersByTimeAsync(600);
    page.dispatchEvent(new Event('scroll'));
    await vi.advanceTimersByTimeAsync(600);
    // 1,200 ms after the key, but 600 after the scroll.
    expect(idle).toBe(false);
    await vi.advanceTimersByTimeAsync(450);
    expect(idle).toBe(true);
    input.stop();
  });

  it('stops waiting when the wait is no longer wanted, and stops watching', async () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    const input = watchReaderInput(page, () => Date.now());
    page.dispatchEvent(new Event('wheel'));
    let stale = false;
    let done = false;
    void input.idle(1000, () => stale).then(() => {
      done = true;
    });
    stale = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toBe(true);
    input.stop();
    await vi.advanceTimersByTimeAsync(1000);
    page.dispatchEvent(new Event('keydown'));
    // Not watched any more: the input is not counted.
    let after = false;
    void input.idle(1000, () => false).then(() => {
      after = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(after).toBe(true);
  });
});
