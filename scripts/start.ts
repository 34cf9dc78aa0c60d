/**
 * `npm start`: builds crossread, serves the demo news site and, where a display is available,
 * opens Chromium with the unpacked build loaded on the first article. Runs until Ctrl-C.
 *
 *   npm start -- --no-build     serve the existing build
 *   npm start -- --no-browser   only serve the pages; load the extension by hand
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext } from 'playwright-core';
import { startDemoServer, type DemoServer } from './demo/server';
import { loadDemoSeeds } from './demo/demo-seeds';

const DEFAULT_PORT = 8765;
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromeBuild = path.join(repoRoot, '.output', 'chrome-mv3');
const firefoxManifest = path.join(repoRoot, '.output', 'firefox-mv2', 'manifest.json');
const sharedPages = path.resolve(repoRoot, '../shared/data/pages');

interface Flags {
  build: boolean;
  browser: boolean;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { build: true, browser: true };
  for (const arg of argv) {
    if (arg === '--no-build') flags.build = false;
    else if (arg === '--no-browser') flags.browser = false;
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm start [-- --no-build] [-- --no-browser]\n  --no-build    serve the existing .output build instead of running `npm run build`\n  --no-browser  do not open Chromium; print how to load the extension by hand');
      process.exit(0);
    } else {
      console.error(`Unknown option: ${arg} (try --help)`);
      process.exit(2);
    }
  }
  return flags;
}

function runBuild(): Promise<number> {
  return new Promise((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const child = spawn(npm, ['run', 'build'], { cwd: repoRoot, stdio: 'inherit', shell: process.platform === 'win32' });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(signal ? 1 : (code ?? 1)));
  });
}

/** The requested port, or any free one when something else already listens there. */
async function startServer(): Promise<DemoServer> {
  const requested = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT;
  if (!Number.isInteger(requested) || requested < 0 || requested > 65535) throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  const pagesDir = existsSync(sharedPages) ? sharedPages : null;
  try {
    return await startDemoServer({ port: requested, pagesDir });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    console.log(`Port ${requested} is busy; using a free port instead.`);
    return startDemoServer({ port: 0, pagesDir });
  }
}

function isCi(): boolean {
  const ci = process.env.CI;
  return ci !== undefined && ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

function hasDisplay(): boolean {
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !isCi();
}

function printManualInstructions(): void {
  console.log(`
Load crossread into your own browser:
  Chrome / Chromium / Edge:
    1. open chrome://extensions
    2. switch on "Developer mode" (top right)
    3. click "Load unpacked" and choose
       ${chromeBuild}
  Firefox:
    1. run \`npm run build:firefox\`
    2. open about:debugging → "This Firefox" → "Load Temporary Add-on…"
    3. choose ${firefoxManifest}
Then open one of the article URLs above.`);
}

async function openChromium(firstArticle: string): Promise<{ context: BrowserContext; profile: string }> {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath} (set CHROME_PATH)`);
  const profile = await mkdtemp(path.join(os.tmpdir(), 'crossread-profile-'));
  const args = [
    `--disable-extensions-except=${chromeBuild}`,
    `--load-extension=${chromeBuild}`,
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  try {
    const context = await chromium.launchPersistentContext(profile, {
      headless: false,
      executablePath,
      args,
      // Playwright adds --disable-extensions by default, which would keep crossread out.
      ignoreDefaultArgs: ['--disable-extensions'],
      viewport: null,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(firstArticle);
    return { context, profile };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

/** The first line of a launch error plus the browser's own words on why (no X server, sandbox, …). */
function launchFailure(error: unknown): string {
  const lines = (error instanceof Error ? error.message : String(error)).replace(/\x1b\[[0-9;]*m/g, '').split('\n');
  const reasons = lines
    .filter((line) => line.includes('[err]'))
    .map((line) => line.replace(/^.*?\[err\]\s*/, '').replace(/^\[[^\]]*\]\s*/, ''))
    .filter((line) => /x server|display|wayland|platform failed|sandbox/i.test(line))
    .slice(0, 2);
  return [lines[0].trim(), ...reasons].join('\n  ');
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));

  if (flags.build) {
    console.log('Building crossread (npm run build)…');
    const code = await runBuild();
    if (code !== 0) {
      console.error(`\nThe build failed (exit code ${code}). Fix it, or run \`npm start -- --no-build\` to serve the last build.`);
      process.exit(code);
    }
  }
  const built = existsSync(path.join(chromeBuild, 'manifest.json'));
  if (!built) console.warn(`\nNo build at ${chromeBuild} – run \`npm run build\` first; serving the demo pages anyway.`);

  const server = await startServer();
  const seeds = await loadDemoSeeds();
  console.log(`\nDemo news site: ${server.url}/`);
  seeds.articles.forEach((article, n) => console.log(`  ${server.url}/article/${n}   ${article.outlet}: ${article.title}`));
  if (existsSync(sharedPages)) console.log(`  ${server.url}/pages/<name>.html   saved real pages (other topics)`);

  let browser: { context: BrowserContext; profile: string } | null = null;
  const firstArticle = `${server.url}/article/0`;
  if (!flags.browser) {
    console.log('\n--no-browser: not opening a browser.');
    printManualInstructions();
  } else if (!hasDisplay()) {
    console.log(`\nNo display found (${isCi() ? 'CI is set' : 'neither DISPLAY nor WAYLAND_DISPLAY is set'}), so no browser window can be opened here.`);
    printManualInstructions();
  } else if (!built) {
    printManualInstructions();
  } else {
    try {
      browser = await openChromium(firstArticle);
      console.log(`\nOpened Chromium with crossread loaded on ${firstArticle}`);
      browser.context.on('close', () => {
        console.log('\nThe browser window was closed; the demo pages are still served. Press Ctrl-C to stop.');
      });
    } catch (error) {
      console.error(`\nCould not open Chromium: ${launchFailure(error)}`);
      printManualInstructions();
    }
  }

  console.log('\nServing until Ctrl-C.');
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(130);
    stopping = true;
    console.log('\nStopping…');
    if (browser) {
      await browser.context.close().catch(() => undefined);
      await rm(browser.profile, { recursive: true, force: true }).catch(() => undefined);
    }
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
