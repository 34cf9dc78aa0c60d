/**
 * What a page's long stalls consisted of, read from a Chromium trace (CDP
 * Tracing): Long Animation Frames name only scripts of 5 ms or more, so a
 * frame of 130 ms made of many short tasks, style recalculation, paint,
 * garbage collection or the deserialising of messages shows as "scripts:
 * none". The trace names every part: per stall of the page's main thread, the
 * events with the most self time.
 */

/** One event of Chrome's trace format (the fields used here). */
export interface TraceEvent {
  name: string;
  cat?: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread time (µs): the CPU the thread spent in the event, where the trace records it (toplevel tasks do). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown>; [key: string]: unknown };
}

/** Tasks closer than this (µs) belong to one stall: no frame could be drawn between them. */
const JOIN_GAP_US = 4_000;

/** Trace-viewer tasks: the unit of work of a thread's message loop. */
const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'ThreadPool_RunTask']);

interface Span {
  name: string;
  start: number;
  end: number;
}

/** A readable name for an event: with the function, the event type or the GC kind where the trace tells it. */
function label(e: TraceEvent): string {
  const data = e.args?.data as Record<string, unknown> | undefined;
  if (e.name === 'FunctionCall' && data) {
    const fn = String(data.functionName || '(anonymous)');
    const url = String(data.url ?? '').replace(/^chrome-extension:\/\/[a-z]+/, '');
    return `FunctionCall ${fn} ${url}`.trim();
  }
  if (e.name === 'EventDispatch' && data?.type) return `EventDispatch ${String(data.type)}`;
  if ((e.name === 'TimerFire' || e.name === 'FireAnimationFrame') && data) return e.name;
  if (e.name === 'v8.callFunction' || e.name === 'V8.Execute') return e.name;
  return e.name;
}

/** Each thread's complete spans (X events, and B/E pairs joined). */
function spansByThread(events: readonly TraceEvent[]): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  const open = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (e.ph === 'X' && e.dur !== undefined) {
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push({ name: label(e), start: e.ts, end: e.ts + e.dur });
    } else if (e.ph === 'B') {
      let stack = open.get(key);
      if (!stack) open.set(key, (stack = []));
      stack.push(e);
    } else if (e.ph === 'E') {
      const b = open.get(key)?.pop();
      if (!b) continue;
      let list = out.get(key);
      if (!list) out.set(key, (list = []));
      list.push({ name: label(b), start: b.ts, end: e.ts });
    }
  }
  return out;
}

/** The names of renderer main threads, by `pid:tid`. */
function rendererMains(events: readonly TraceEvent[]): Set<string> {
  const mains = new Set<string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mains.add(`${e.pid}:${e.tid}`);
  return mains;
}

/** Self time (ms) by event name over `spans` (nested by time), within [from, to]. */
function selfTimes(spans: readonly Span[], from: number, to: number): Map<string, number> {
  const inside = spans.filter((s) => s.start >= from && s.end <= to).sort((a, b) => a.start - b.start || b.end - a.end);
  const self = new Map<string, number>();
  const stack: Array<Span & { children: number }> = [];
  const close = (s: Span & { children: number }) => self.set(s.name, (self.get(s.name) ?? 0) + (s.end - s.start - s.children) / 1000);
  for (const s of inside) {
    while (stack.length && stack[stack.length - 1].end <= s.start) close(stack.pop()!);
    const parent = stack[stack.length - 1];
    // A child is counted in its parent's children only for the part inside it (traces have overlapping siblings now and then).
    if (parent) parent.children += Math.min(s.end, parent.end) - s.start;
    stack.push({ ...s, children: 0 });
  }
  while (stack.length) close(stack.pop()!);
  return self;
}

export interface Stall {
  /** Thread `pid:tid`. */
  thread: string;
  /** Start, in the trace's clock (µs). */
  start: number;
  ms: number;
  tasks: number;
  /** Events with the most self time (ms), most first. */
  top: Array<[string, number]>;
}

/** The main thread's frame: its ends are the frames the reader sees. */
const FRAME_NAMES = new Set(['WebFrameWidgetImpl::BeginMainFrame', 'BeginMainFrame']);

/**
 * The stalls of renderer main threads of at least `minMs`: from the end of
 * one frame of the thread to the end of the next (what the bench's frame
 * watch measures), each with its top events by self time. A thread that drew
 * no frames has its runs of tasks no further apart than JOIN_GAP_US instead.
 */
export function traceStalls(events: readonly TraceEvent[], minMs = 50, top = 8): Stall[] {
  const mains = rendererMains(events);
  const stalls: Stall[] = [];
  for (const [thread, spans] of spansByThread(events)) {
    if (!mains.has(thread)) continue;
    const add = (start: number, end: number) => {
      if ((end - start) / 1000 < minMs) return;
      const tasks = spans.filter((s) => TASK_NAMES.has(s.name) && s.start < end && s.end > start).length;
      const self = selfTimes(spans, start, end);
      const ranked = [...self].filter(([, ms]) => ms >= 0.5).sort((a, b) => b[1] - a[1]).slice(0, top);
      stalls.push({ thread, start, ms: (end - start) / 1000, tasks, top: ranked.map(([n, ms]) => [n, Math.round(ms * 10) / 10]) });
    };
    const frames = spans.filter((s) => FRAME_NAMES.has(s.name)).sort((a, b) => a.start - b.start);
    if (frames.length > 1) {
      for (let i = 1; i < frames.length; i++) add(frames[i - 1].end, frames[i].end);
      continue;
    }
    const tasks = spans.filter((s) => TASK_NAMES.has(s.name)).sort((a, b) => a.start - b.start);
    let run: { start: number; end: number } | null = null;
    for (const t of tasks) {
      if (run && t.start - run.end <= JOIN_GAP_US) run.end = Math.max(run.end, t.end);
      else {
        if (run) add(run.start, run.end);
        run = { start: t.start, end: t.end };
      }
    }
    if (run) add(run.start, run.end);
  }
  return stalls.sort((a, b) => b.ms - a.ms);
}

/** One line per stall: its length, its tasks and its top events by self time. */
export function describeStalls(stalls: readonly Stall[], since: number, max = 6): string[] {
  return stalls
    .slice(0, max)
    .map((s) => `+${((s.start - since) / 1e6).toFixed(1)} s: ${Math.round(s.ms)} ms in ${s.tasks} task(s) on ${s.thread}; self time: ${s.top.map(([n, ms]) => `${n} ${ms}`).join(', ')}`);
}

/** A V8 CPU profile (CDP Profiler.stop). */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number } }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * The JS functions with the most self time (ms) inside `stalls` (the trace's
 * "RunMicrotasks" or "FunctionCall" hold the page's scripts whole: the
 * profile names what ran in them). The profile's clock is the trace's.
 */
export function stallFunctions(profile: CpuProfile, stalls: readonly Stall[], top = 10): Array<[string, number]> {
  const names = new Map<number, string>();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const file = url.replace(/^chrome-extension:\/\/[a-z]+/, '');
    names.set(n.id, `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}:${columnNumber + 1}` : ''}`);
  }
  const self = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    // A sample stands for the time until the next one.
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (!stalls.some((s) => t >= s.start && t < s.start + s.ms * 1000)) continue;
    const name = names.get(profile.samples[i]) ?? '?';
    if (name === '(idle)' || name === '(program)') continue;
    self.set(name, (self.get(name) ?? 0) + dt);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, top).map(([n, ms]) => [n, Math.round(ms * 10) / 10]);
}

/**
 * A CPU profile's busy stretches of at least `minMs`: runs of samples that are
 * not idle, broken by `idleMs` of idle (the thread drew a frame or waited
 * there). A profile sees every part of a stall, not only scripts: rendering,
 * message deserialising and the like are "(program)", collections "(garbage
 * collector)". Each stretch with its functions by self time (ms), most first;
 * `at`: ms after the profile's start.
 */
export function busyStretches(profile: CpuProfile, minMs = 50, idleMs = 4, top = 8): Array<{ at: number; ms: number; top: Array<[string, number]> }> {
  const names = new Map<number, string>();
  for (const n of profile.nodes) {
    const { functionName, url, lineNumber, columnNumber } = n.callFrame;
    const file = url.replace(/^chrome-extension:\/\/[a-z]+/, '');
    names.set(n.id, `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}:${columnNumber + 1}` : ''}`);
  }
  const out: Array<{ at: number; ms: number; top: Array<[string, number]> }> = [];
  let run: { start: number; end: number; self: Map<string, number> } | null = null;
  let idle = 0;
  const close = () => {
    if (run && (run.end - run.start) / 1000 >= minMs) {
      const ranked = [...run.self].sort((a, b) => b[1] - a[1]).slice(0, top);
      out.push({ at: Math.round((run.start - profile.startTime) / 1000), ms: Math.round((run.end - run.start) / 1000), top: ranked.map(([n, ms]) => [n, Math.round(ms * 10) / 10]) });
    }
    run = null;
  };
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const name = names.get(profile.samples[i]) ?? '?';
    if (name === '(idle)') {
      idle += dt;
      if (run && idle >= idleMs * 1000) close();
      continue;
    }
    idle = 0;
    run ??= { start: t, end: t, self: new Map() };
    run.end = t + dt;
    run.self.set(name, (run.self.get(name) ?? 0) + dt / 1000);
  }
  close();
  return out.sort((a, b) => b.ms - a.ms);
}

/** A CPU profile's whole busy time (ms) and its (garbage collector) and (program) parts: a page's work over a stretch, whatever its frames. */
export function busyTotals(profile: CpuProfile): { busy: number; gc: number; program: number } {
  const kind = new Map<number, string>();
  for (const n of profile.nodes) kind.set(n.id, n.callFrame.functionName);
  let busy = 0;
  let gc = 0;
  let program = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const name = kind.get(profile.samples[i]);
    if (name === '(idle)') continue;
    busy += dt;
    if (name === '(garbage collector)') gc += dt;
    else if (name === '(program)') program += dt;
  }
  return { busy: Math.round(busy), gc: Math.round(gc), program: Math.round(program) };
}

/** A thread's time over some windows: their length (wall) and the thread's CPU in them, ms. */
export interface ThreadTime {
  wall: number;
  cpu: number;
  /** The windows: one per measure. */
  windows: number;
}

/**
 * The CPU a thread spent within the User Timing measures whose names start with `prefix` (the background's
 * steps of a request, `crossread-bg:`), from a trace with the `toplevel` and `blink.user_timing` categories:
 * the thread is the one that recorded the measures; its CPU is the thread time (`tdur`) of its outermost tasks,
 * each counted for the share of its length that lies within a window (a task's CPU is not known moment by
 * moment). What the thread waited for (other threads or processes: IndexedDB's, V8's background compilers)
 * and the time the system gave other threads is not its CPU: `wall - cpu`. Null when no such measure is in the
 * trace.
 */
export function threadTimeInMeasures(events: readonly TraceEvent[], prefix: string): ThreadTime | null {
  // Measures: async begin/end pairs ('b'/'e', matched by name and id) or complete events ('X').
  const windows: Array<[number, number]> = [];
  let thread: string | null = null;
  const open = new Map<string, TraceEvent>();
  const idOf = (e: TraceEvent) => {
    const x = e as TraceEvent & { id?: unknown; id2?: unknown };
    return `${e.name} ${JSON.stringify(x.id ?? x.id2 ?? '')}`;
  };
  for (const e of events) {
    if (!e.name.startsWith(prefix) || !(e.cat ?? '').includes('blink.user_timing')) continue;
    if (e.ph === 'b') {
      open.set(idOf(e), e);
      thread ??= `${e.pid}:${e.tid}`;
    } else if (e.ph === 'e') {
      const b = open.get(idOf(e));
      open.delete(idOf(e));
      if (b) windows.push([b.ts, e.ts]);
    } else if (e.ph === 'X' && e.dur !== undefined) {
      windows.push([e.ts, e.ts + e.dur]);
      thread ??= `${e.pid}:${e.tid}`;
    }
  }
  if (windows.length === 0 || thread === null) return null;
  // The thread's outermost tasks (a nested run loop's tasks lie within their parent's and are in its time).
  const tasks = events
    .filter((e) => e.ph === 'X' && TASK_NAMES.has(e.name) && e.dur !== undefined && `${e.pid}:${e.tid}` === thread)
    .sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const outer: TraceEvent[] = [];
  for (const t of tasks) if (outer.length === 0 || t.ts >= outer[outer.length - 1].ts + outer[outer.length - 1].dur!) outer.push(t);
  let wall = 0;
  let cpu = 0;
  for (const [from, to] of windows) {
    wall += to - from;
    for (const t of outer) {
      const overlap = Math.min(to, t.ts + t.dur!) - Math.max(from, t.ts);
      if (overlap > 0 && t.dur! > 0) cpu += ((t.tdur ?? 0) * overlap) / t.dur!;
    }
  }
  return { wall: wall / 1000, cpu: cpu / 1000, windows: windows.length };
}
