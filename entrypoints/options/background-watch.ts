/**
 * Watching the background during an import whose parts the import worker
 * sends over the import channel (platform/import-channel.ts): a port to the
 * background disconnects when it stops (Chromium stops an idle service
 * worker, or it crashed), which the channel never tells; and a message on
 * the port now and then counts as activity for Chromium's service worker,
 * which channel messages do not.
 */
import browser from 'webextension-polyfill';
import { IMPORT_PORT } from '../../platform/import-channel';
import { ProblemError } from '../../lib/i18n/problem-messages';

/** Sent on the port this often: well within Chromium's 30 idle seconds. */
const KEEP_AWAKE_MS = 10_000;

export interface BackgroundWatch {
  /** Rejects, with what to tell the reader, when the background stops. */
  lost: Promise<never>;
  close(): void;
}

export function watchBackground(): BackgroundWatch {
  let port: browser.Runtime.Port | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let fail: (error: Error) => void = () => undefined;
  const lost = new Promise<never>((_, reject) => (fail = reject));
  // Nobody may be waiting on it when it rejects.
  lost.catch(() => undefined);
  const stopped = (why: string) => fail(new ProblemError({ kind: 'background-stopped', detail: why }));
  try {
    port = browser.runtime.connect({ name: IMPORT_PORT });
    port.onDisconnect.addListener(() => {
      clearInterval(timer);
      stopped(browser.runtime.lastError?.message ?? 'its port closed');
    });
    timer = setInterval(() => port?.postMessage({ alive: true }), KEEP_AWAKE_MS);
  } catch (error) {
    stopped(error instanceof Error ? error.message : String(error));
  }
  return {
    lost,
    close() {
      clearInterval(timer);
      try {
        port?.disconnect();
      } catch {
        // Already gone.
      }
      port = null;
    },
  };
}
