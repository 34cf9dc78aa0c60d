/**
 * Run by `npm run test:e2e` before it builds: the end-to-end tests need Debian's chromium
 * (`/usr/bin/chromium`, or $CHROME_PATH) and firefox-esr (`/usr/bin/firefox-esr`, or
 * $FIREFOX_PATH). Where one is missing and apt-get can be used (root, apt-get on the PATH),
 * installs them; otherwise stops with a message and the one command to run, so that the
 * end-to-end tests never go missing silently. Exit code 0: both browsers are there.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DEBIAN_PACKAGES = ['chromium', 'firefox-esr', 'fonts-dejavu-core'];
export const INSTALL_COMMAND = `apt-get update && apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES.join(' ')}`;

export interface Browser {
  name: 'chromium' | 'firefox-esr';
  /** The variable that overrides the path, as the e2e setup reads it. */
  envVar: 'CHROME_PATH' | 'FIREFOX_PATH';
  defaultPath: string;
  /** The path the e2e tests will launch. */
  path: string;
  /** True when the path comes from the variable, which installing Debian's package does not fill. */
  fromEnv: boolean;
}

/** What the decision looks at, injected so the tests need neither root nor apt-get. */
export interface Checks {
  env: Record<string, string | undefined>;
  exists: (file: string) => boolean;
  /** The full path of a command on the PATH, or null. */
  which: (command: string) => string | null;
  /** The effective user id; null where the platform has none. */
  uid: number | null;
}

export type Plan =
  | { kind: 'ready'; browsers: Browser[] }
  | { kind: 'install'; missing: Browser[]; command: string }
  | { kind: 'stop'; missing: Browser[]; message: string };

export function browsersOf(env: Checks['env']): Browser[] {
  const browser = (name: Browser['name'], envVar: Browser['envVar'], defaultPath: string): Browser => {
    const fromEnv = Boolean(env[envVar]);
    return { name, envVar, defaultPath, path: fromEnv ? env[envVar]! : defaultPath, fromEnv };
  };
  return [browser('chromium', 'CHROME_PATH', '/usr/bin/chromium'), browser('firefox-esr', 'FIREFOX_PATH', '/usr/bin/firefox-esr')];
}

const where = (b: Browser) => (b.fromEnv ? `${b.path} ($${b.envVar})` : b.path);

/** Whether the browsers are there, to be installed, or the run must stop (and why). */
export function planBrowsers(checks: Checks): Plan {
  const browsers = browsersOf(checks.env);
  const missing = browsers.filter((b) => !checks.exists(b.path));
  if (missing.length === 0) return { kind: 'ready', browsers };

  const head = `The end-to-end tests need ${missing.map((b) => `${b.name} at ${where(b)}`).join(' and ')}, which ${missing.length === 1 ? 'is' : 'are'} missing.`;
  // A path set by hand is not where Debian's package puts the browser: installing would not help.
  const wrongVar = missing.filter((b) => b.fromEnv);
  if (wrongVar.length > 0) {
    const vars = wrongVar.map((b) => b.envVar);
    return {
      kind: 'stop',
      missing,
      message: `${head}\nPoint ${vars.map((v) => `$${v}`).join(' and ')} at an installed browser, or unset ${vars.length === 1 ? 'it' : 'them'} to use Debian's packages:\n  unset ${vars.join(' ')} && npm test`,
    };
  }
  if (!checks.which('apt-get')) {
    return {
      kind: 'stop',
      missing,
      message: `${head}\nThis machine has no apt-get. Install Chromium and Firefox ESR, then run the tests with their paths:\n  CHROME_PATH=/path/to/chromium FIREFOX_PATH=/path/to/firefox-esr npm test`,
    };
  }
  if (checks.uid !== 0) {
    return {
      kind: 'stop',
      missing,
      message: `${head}\nInstalling them needs root. Run:\n  sudo sh -c '${INSTALL_COMMAND}'\nthen npm test again.`,
    };
  }
  return { kind: 'install', missing, command: INSTALL_COMMAND };
}

/** The checks of this machine. */
export function systemChecks(env: Checks['env'] = process.env): Checks {
  const executable = (file: string) => {
    try {
      accessSync(file, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  };
  return {
    env,
    exists: (file) => existsSync(file),
    which: (command) => {
      for (const dir of (env.PATH ?? '').split(path.delimiter)) {
        if (dir && executable(path.join(dir, command))) return path.join(dir, command);
      }
      return null;
    },
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
  };
}

function run(command: string, args: string[]): boolean {
  console.log(`$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return result.status === 0;
}

export function main(checks: Checks = systemChecks()): number {
  const plan = planBrowsers(checks);
  if (plan.kind === 'ready') return 0;
  if (plan.kind === 'stop') {
    console.error(`\n${plan.message}\n`);
    return 1;
  }
  console.log(`Installing ${plan.missing.map((b) => b.name).join(' and ')} for the end-to-end tests (Debian packages ${DEBIAN_PACKAGES.join(', ')}):`);
  const installed = run('apt-get', ['update']) && run('apt-get', ['install', '-y', '--no-install-recommends', ...DEBIAN_PACKAGES]);
  const after = planBrowsers(checks);
  if (!installed || after.kind !== 'ready') {
    const still = after.kind === 'ready' ? [] : after.missing;
    console.error(
      `\nInstalling the browsers failed${still.length ? ` (${still.map((b) => where(b)).join(', ')} still missing)` : ''}. Run it by hand, then npm test again:\n  ${INSTALL_COMMAND}\n`,
    );
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = main();
