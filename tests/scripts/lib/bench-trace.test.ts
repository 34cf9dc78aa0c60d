import { describe, expect, it } from 'vitest';
import { threadTimeInMeasures, type TraceEvent } from '../../../scripts/lib/bench-trace';

const SW = { pid: 1, tid: 10 };
const OTHER = { pid: 1, tid: 11 };

/** A measure as Chromium traces it: an async begin/end pair on the thread that recorded it. */
function measure(name: string, from: number, to: number, id: string, at = SW): TraceEvent[] {
  return [
    { name, cat: 'blink.user_timing', ph: 'b', ts: from, ...at, id2: { local: id } } as TraceEvent,
    { name, cat: 'blink.user_timing', ph: 'e', ts: to, ...at, id2: { local: id } } as TraceEvent,
  ];
}

function task(ts: number, dur: number, tdur: number, at = SW, name = 'ThreadControllerImpl::RunTask'): TraceEvent {
  return { name, cat: 'toplevel', ph: 'X', ts, dur, tdur, ...at };
}

describe('threadTimeInMeasures', () => {
  it("sums the recording thread's task CPU within the measures, a task across a window's edge by its share inside", () => {
    const events = [
      ...measure('crossread-bg:terms', 1_000, 5_000, '0x1'),
      ...measure('crossread-bg:index', 5_000, 9_000, '0x1'),
      // Wholly inside: 2 ms of CPU in 3 ms.
      task(1_000, 3_000, 2_000),
      // Half inside the last window (8-10 ms): half its 1 ms of CPU.
      task(8_000, 2_000, 1_000),
      // Another thread's task, and one before the windows: not counted.
      task(2_000, 3_000, 3_000, OTHER),
      task(0, 500, 500),
    ];
    expect(threadTimeInMeasures(events, 'crossread-bg:')).toEqual({ wall: 8, cpu: 2.5, windows: 2 });
  });

  it('counts a nested task within its parent once', () => {
    const events = [...measure('crossread-bg:page', 0, 10_000, '0x2'), task(0, 10_000, 4_000), task(2_000, 1_000, 900)];
    expect(threadTimeInMeasures(events, 'crossread-bg:')!.cpu).toBe(4);
  });

  it('ignores measures of other names and is null without any of the prefix', () => {
    const events = [...measure('crossread:first-note', 0, 10_000, '0x3'), task(0, 10_000, 4_000)];
    expect(threadTimeInMeasures(events, 'crossread-bg:')).toBeNull();
  });
});
