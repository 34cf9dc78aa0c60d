import { afterEach, describe, expect, it, vi } from 'vitest';
import { BREATHE_REQUESTS, transactionBreather } from '../../services/corpus-store';

/** A transaction whose only request is the breather's read: counts them. */
function countingTx() {
  const tx = { reads: 0, objectStore: () => ({ get: async () => void tx.reads++ }) };
  return tx;
}

describe('transactionBreather', () => {
  afterEach(() => vi.restoreAllMocks());

  it('waits for a read once BREATHE_REQUESTS requests were queued, however quickly', async () => {
    vi.spyOn(performance, 'now').mockReturnValue(1_000);
    const tx = countingTx();
    const breathe = transactionBreather(tx as never);
    for (let queued = 3; queued < BREATHE_REQUESTS; queued += 3) await breathe(3);
    expect(tx.reads).toBe(0);
    await breathe(3);
    expect(tx.reads).toBe(1);
    // The count starts again after a breath.
    await breathe(3);
    expect(tx.reads).toBe(1);
  });

  it('waits for a read once its time is up, with no request counted', async () => {
    const now = vi.spyOn(performance, 'now').mockReturnValue(1_000);
    const tx = countingTx();
    const breathe = transactionBreather(tx as never);
    await breathe();
    expect(tx.reads).toBe(0);
    now.mockReturnValue(1_031);
    await breathe();
    expect(tx.reads).toBe(1);
  });
});
