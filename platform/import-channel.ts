/**
 * An import's parts posted straight from the corpus manager's import worker
 * to the background, over a BroadcastChannel of the extension's origin, so
 * that the corpus manager's thread never serialises them: through
 * runtime.sendMessage a part is serialised on the sending page's thread,
 * outside any script (~6 s of the corpus manager's thread in an import of
 * 10,000 articles in Chromium, in tasks of up to ~250 ms on a busy machine).
 * A BroadcastChannel reaches only contexts of the same origin: the
 * extension's own pages, workers and background, never a web page or a
 * content script (those run in the page's origin).
 *
 * No webextension-polyfill here: the worker side runs in a Web Worker, where
 * there is no extension API.
 */

export const IMPORT_CHANNEL = 'crossread-import';

/**
 * The name of the port the corpus manager holds open to the background
 * during an import over the channel: a BroadcastChannel does not tell when
 * the background stopped (Chromium stops an idle service worker), a port's
 * disconnect does; and a message on the port now and then keeps Chromium's
 * service worker awake, which channel messages do not.
 */
export const IMPORT_PORT = 'crossread-import';

export type ChannelMessage =
  | { kind: 'hello'; id: string }
  | { kind: 'hello-reply'; id: string }
  | { kind: 'request'; id: string; message: unknown }
  | { kind: 'reply'; id: string; reply: unknown };

const isMessage = (m: unknown): m is ChannelMessage =>
  typeof m === 'object' && m !== null && typeof (m as { id?: unknown }).id === 'string' && typeof (m as { kind?: unknown }).kind === 'string';

/**
 * The background's side: answers each request with `answer` (the protocol's
 * checks and handler; undefined: not a request answered here). Returns a
 * function that stops answering.
 */
export function serveImportChannel(answer: (message: unknown) => Promise<unknown> | undefined): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(IMPORT_CHANNEL);
  channel.onmessage = (event: MessageEvent) => {
    const m: unknown = event.data;
    if (!isMessage(m)) return;
    if (m.kind === 'hello') channel.postMessage({ kind: 'hello-reply', id: m.id } satisfies ChannelMessage);
    else if (m.kind === 'request') {
      const reply = answer(m.message) ?? Promise.resolve({ ok: false, error: 'This request is not answered over the import channel.' });
      void reply.then((r) => channel.postMessage({ kind: 'reply', id: m.id, reply: r } satisfies ChannelMessage));
    }
  };
  return () => channel.close();
}

/** The worker's side: asks the background over the channel. */
export class ImportChannelClient {
  private readonly channel: BroadcastChannel;
  private readonly waiting = new Map<string, { resolve: (value: unknown) => void; reject: (error: unknown) => void }>();
  private next = 0;
  private readonly prefix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

  constructor() {
    this.channel = new BroadcastChannel(IMPORT_CHANNEL);
    this.channel.onmessage = (event: MessageEvent) => {
      const m: unknown = event.data;
      if (!isMessage(m) || (m.kind !== 'reply' && m.kind !== 'hello-reply')) return;
      const waiter = this.waiting.get(m.id);
      if (!waiter) return;
      this.waiting.delete(m.id);
      waiter.resolve(m.kind === 'reply' ? m.reply : true);
    };
  }

  private post(kind: 'hello' | 'request', message?: unknown): Promise<unknown> {
    const id = `${this.prefix}-${this.next++}`;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.channel.postMessage(kind === 'hello' ? { kind, id } : { kind, id, message });
    });
  }

  /** Whether the background answers on the channel within `ms` (it may not listen: an older version, or a browser without the channel in its background). */
  hello(ms: number): Promise<boolean> {
    return Promise.race([this.post('hello').then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);
  }

  /** The background's reply to `message` (a protocol request: its `type` and payload). Never settles when the background stopped: the page watches for that. */
  ask(message: unknown): Promise<unknown> {
    return this.post('request', message);
  }

  close(): void {
    this.channel.close();
    for (const waiter of this.waiting.values()) waiter.reject(new Error('the import channel was closed'));
    this.waiting.clear();
  }
}
