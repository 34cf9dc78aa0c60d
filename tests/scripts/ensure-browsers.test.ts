import { afterEach, describe, expect, it, vi } from 'vitest';
import { INSTALL_COMMAND, main, planBrowsers, type Checks } from '../../scripts/ensure-browsers';

const CHROMIUM = '/usr/bin/chromium';
const FIREFOX = '/usr/bin/firefox-esr';

/** A machine with these files, apt-get or not, and this user id. */
function machine({ files = [] as string[], apt = true, uid = 0 as number | null, env = {} as Record<string, string> } = {}): Checks {
  return {
    env,
    exists: (file) => files.includes(file),
    which: (command) => (command === 'apt-get' && apt ? '/usr/bin/apt-get' : null),
    uid,
  };
}

describe('planBrowsers', () => {
  it('is ready when both Debian browsers are installed, whoever runs it', () => {
    for (const uid of [0, 1000, null]) {
      for (const apt of [true, false]) expect(planBrowsers(machine({ files: [CHROMIUM, FIREFOX], uid, apt })).kind).toBe('ready');
    }
  });

  it('installs the Debian packages as root with apt-get', () => {
    const plan = planBrowsers(machine({ files: [FIREFOX] }));
    expect(plan.kind).toBe('install');
    if (plan.kind !== 'install') return;
    expect(plan.missing.map((b) => b.name)).toEqual(['chromium']);
    expect(plan.command).toBe('apt-get update && apt-get install -y --no-install-recommends chromium firefox-esr fonts-dejavu-core');
    expect(planBrowsers(machine()).kind).toBe('install');
  });

  it('stops without root, naming the missing browser and the one command to run', () => {
    const plan = planBrowsers(machine({ files: [CHROMIUM], uid: 1000 }));
    expect(plan.kind).toBe('stop');
    if (plan.kind !== 'stop') return;
    expect(plan.missing.map((b) => b.name)).toEqual(['firefox-esr']);
    expect(plan.message).toContain('firefox-esr at /usr/bin/firefox-esr');
    expect(plan.message).not.toContain('chromium at');
    expect(plan.message).toContain(`sudo sh -c '${INSTALL_COMMAND}'`);
    expect(planBrowsers(machine({ uid: null })).kind).toBe('stop');
  });

  it('stops without apt-get, even as root, and says how to point the tests at other browsers', () => {
    const plan = planBrowsers(machine({ apt: false }));
    expect(plan.kind).toBe('stop');
    if (plan.kind !== 'stop') return;
    expect(plan.message).toMatch(/chromium at \/usr\/bin\/chromium and firefox-esr at \/usr\/bin\/firefox-esr, which are missing/);
    expect(plan.message).toContain('no apt-get');
    expect(plan.message).toContain('CHROME_PATH=/path/to/chromium FIREFOX_PATH=/path/to/firefox-esr npm test');
  });

  it('looks at $CHROME_PATH and $FIREFOX_PATH instead of the Debian paths', () => {
    const env = { CHROME_PATH: '/opt/chrome/chrome', FIREFOX_PATH: '/opt/firefox/firefox' };
    expect(planBrowsers(machine({ files: ['/opt/chrome/chrome', '/opt/firefox/firefox'], env, apt: false, uid: 1000 })).kind).toBe('ready');
    expect(planBrowsers(machine({ files: ['/opt/chrome/chrome', FIREFOX], env: { CHROME_PATH: '/opt/chrome/chrome' } })).kind).toBe('ready');
    // The Debian browsers do not stand in for the ones the variables name.
    expect(planBrowsers(machine({ files: [CHROMIUM, FIREFOX], env })).kind).toBe('stop');
  });

  it('stops, without installing, when a path set by hand is missing: the package would not put the browser there', () => {
    const plan = planBrowsers(machine({ files: [CHROMIUM, FIREFOX], env: { CHROME_PATH: '/opt/chrome/chrome' } }));
    expect(plan.kind).toBe('stop');
    if (plan.kind !== 'stop') return;
    expect(plan.message).toContain('chromium at /opt/chrome/chrome ($CHROME_PATH)');
    expect(plan.message).toContain('unset CHROME_PATH && npm test');
  });

  it('takes an empty variable as unset', () => {
    expect(planBrowsers(machine({ files: [CHROMIUM, FIREFOX], env: { CHROME_PATH: '', FIREFOX_PATH: '' } })).kind).toBe('ready');
  });
});

describe('ensure-browsers main', () => {
  afterEach(() => vi.restoreAllMocks());

  it('passes silently when the browsers are there', () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main(machine({ files: [CHROMIUM, FIREFOX] }))).toBe(0);
    expect(log).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });

  it('fails with the message when it cannot install, before any test runs', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(main(machine({ uid: 1000 }))).toBe(1);
    expect(error.mock.calls.flat().join('\n')).toContain(`sudo sh -c '${INSTALL_COMMAND}'`);
  });
});
