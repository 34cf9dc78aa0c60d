import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '../..');
export const sharedDir = path.resolve(repoRoot, '../shared');
export const artifactsDir = path.join(repoRoot, 'test-results/e2e');

/** The unpacked builds: the shipped one, and the e2e one whose overlay root is open. */
export const builds = {
  chrome: path.join(repoRoot, '.output/chrome-mv3'),
  chromeE2e: path.join(repoRoot, '.output/chrome-mv3-e2e'),
  firefox: path.join(repoRoot, '.output/firefox-mv2'),
  firefoxE2e: path.join(repoRoot, '.output/firefox-mv2-e2e'),
};

export function requireBuild(dir: string): string {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`No extension build in ${dir}: run the builds first (npm run test:e2e does).`);
  }
  return dir;
}

export const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';

/** Headless in a container, and none of the browser's own requests (updates, sync, QUIC probes) beside the tests'. */
export const QUIET_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Debian's Chromium with the unpacked extension loaded, in a fresh profile. `debugPort`: DevTools' port too, for a
 * browser-wide trace (the browser bench's background CPU: the extension's worker runs in no page's process, which a
 * page's trace covers).
 */
export async function launchChromium(extensionDir: string, { debugPort }: { debugPort?: number } = {}): Promise<{ context: BrowserContext; extensionId: string; close(): Promise<void> }> {
  // Lets Playwright report the service worker's own requests too (Chromium only).
  process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'crossread-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...QUIET_CHROMIUM_ARGS,
      ...(debugPort ? [`--remote-debugging-port=${debugPort}`] : []),
    ],
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 30_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
