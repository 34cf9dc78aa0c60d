import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { chromePath, QUIET_CHROMIUM_ARGS, requireBuild } from './chromium-setup';

/**
 * Debian's Chromium, in a fresh profile, with an unpacked build installed
 * over the DevTools protocol (`Extensions.loadUnpacked`, which needs
 * --enable-unsafe-extension-debugging) from a copy of it, so that the test
 * can update it in place: `update` puts a build's files at the same path,
 * with a higher version, and loads the path again. Chromium then reloads the
 * extension as it updates one (same id, the new service worker, the same
 * storage). Launching again on the same profile does not do that: an unpacked
 * extension given by --load-extension kept its old worker script.
 */
export async function launchUpdatableChromium(buildDir: string): Promise<{
  context: BrowserContext;
  extensionId: string;
  /** Installs `fromDir`'s build (the same one by default) over the installed one, as an update. */
  update(fromDir?: string): Promise<void>;
  close(): Promise<void>;
}> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'crossread-update-'));
  const installed = path.join(root, 'extension');
  const profile = path.join(root, 'profile');
  let version = 0;
  const put = (from: string) => {
    fs.rmSync(installed, { recursive: true, force: true });
    fs.cpSync(requireBuild(from), installed, { recursive: true });
    // A higher version at each install: what an update is to Chromium.
    const manifestFile = path.join(installed, 'manifest.json');
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as { version: string };
    manifest.version = `${manifest.version.split('.')[0]}.${++version}`;
    fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  };
  put(buildDir);
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath,
    headless: true,
    viewport: { width: 1400, height: 1000 },
    // Playwright turns extensions off unless a launch names them; this one installs them later.
    ignoreDefaultArgs: ['--disable-extensions'],
    args: [
      '--enable-unsafe-extension-debugging',
      // The browser-wide DevTools session that Extensions.* needs, on a port of Chromium's choosing (written to DevToolsActivePort).
      '--remote-debugging-port=0',
      ...QUIET_CHROMIUM_ARGS,
    ],
  });
  let devtools: Browser | null = null;
  try {
    const portFile = path.join(profile, 'DevToolsActivePort');
    for (const until = Date.now() + 10_000; !fs.existsSync(portFile) || !fs.readFileSync(portFile, 'utf8').includes('\n'); await new Promise((r) => setTimeout(r, 50)))
      if (Date.now() > until) throw new Error('Chromium did not write DevToolsActivePort');
    const port = Number(fs.readFileSync(portFile, 'utf8').split('\n')[0]);
    devtools = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    const cdp = await devtools.newBrowserCDPSession();
    const load = async () => ((await cdp.send('Extensions.loadUnpacked' as never, { path: installed } as never)) as { id: string }).id;
    const extensionId = await load();
    return {
      context,
      extensionId,
      async update(fromDir = buildDir) {
        put(fromDir);
        const id = await load();
        if (id !== extensionId) throw new Error(`the update was installed as another extension (${id}, not ${extensionId})`);
      },
      async close() {
        await devtools?.close();
        await context.close();
        fs.rmSync(root, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await devtools?.close();
    await context.close();
    fs.rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
