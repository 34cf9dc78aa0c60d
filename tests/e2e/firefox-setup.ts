import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { requireBuild } from './chromium-setup';

export const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';

/** The extension's id (browser_specific_settings.gecko.id in wxt.config.ts). */
export const FIREFOX_ADDON_ID = 'crossread@crossread.invalid';
/** Firefox gives an extension a random moz-extension host; the profile's uuids pref fixes it, so its pages have a known address. */
export const FIREFOX_UUID = '5d0c1e2a-7b34-4c1f-9a57-2f6c0e8d9b11';
export const firefoxExtensionOrigin = `moz-extension://${FIREFOX_UUID}`;

/** A local port nothing listens on (discard): where remote addresses are sent, to fail at once. */
const CLOSED_PORT = 9;

/** Debian's Firefox ESR over WebDriver BiDi, in a fresh profile, with the unpacked extension installed (at firefoxExtensionOrigin). */
export async function launchFirefox(
  extensionDir: string,
  /** More preferences for this run (the feed tests turn off the optional-permission prompt, which no test can answer). */
  prefs: Record<string, string | number | boolean> = {},
): Promise<{ browser: Browser; addonId: string; close(): Promise<void> }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'crossread-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    userDataDir: profile,
    // Firefox ESR 153's WebDriver BiDi navigates only to web addresses unless this flag is given (140's also went to
    // moz-extension:// pages): the tests open the extension's own pages (corpus manager, popup) by their address.
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [FIREFOX_ADDON_ID]: FIREFOX_UUID }),
      // Keep Firefox itself off the network: nothing here may leave the machine.
      'network.captive-portal-service.enabled': false,
      // Nor the pages: the saved real pages (../shared/data/pages) load dozens of remote scripts and frames. Every
      // remote address goes to a closed local port (127.0.0.1 itself is never sent to a proxy), so each fails at once;
      // without it each waited ~5 s for the machine's missing network, and heise took 11 s to load, not 2.
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': CLOSED_PORT,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': CLOSED_PORT,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      ...prefs,
    },
  });
  const addonId = await browser.installExtension(requireBuild(extensionDir));
  return {
    browser,
    addonId,
    async close() {
      await browser.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * page.setViewport in Firefox ESR: puppeteer-core sends the viewport and a
 * screen-orientation override together over WebDriver BiDi, and Firefox 140
 * ESR does not know the second command (`emulation.setScreenOrientationOverride`).
 * The viewport itself is set; the test goes on only when the page has the
 * asked-for width.
 */
export async function setViewportSize(page: import('puppeteer-core').Page, width: number, height: number): Promise<void> {
  try {
    await page.setViewport({ width, height });
  } catch (error) {
    if (!/setScreenOrientationOverride/.test(String(error))) throw error;
  }
  await page.waitForFunction((w: number) => document.documentElement.clientWidth <= w && window.innerWidth === w, { timeout: 5_000 }, width);
}

/**
 * page.goto(url) for a web page in Firefox ESR, to its load event. A page whose
 * frame fails to load (a saved real page's remote ad or widget frame: there is
 * no network here) shows Firefox's network-error page in that frame, and
 * Firefox's WebDriver BiDi takes the frame's error page for the navigation's
 * (Navigate.sys.mjs, onLocationChange: an error-page location change of any
 * frame of the tab stops the navigation, and as the tab's own document is no
 * about:neterror page, with the generic "Address rejected"). The page itself
 * loads on: then this waits for its own load event.
 */
export async function gotoLoaded(page: import('puppeteer-core').Page, url: string, timeout = 30_000): Promise<void> {
  try {
    await page.goto(url, { waitUntil: 'load', timeout });
  } catch (error) {
    if (!String(error).includes('Address rejected')) throw error;
    const loaded = await page
      .waitForFunction((u: string) => location.href === u && document.readyState === 'complete', { timeout, polling: 50 }, url)
      .then(() => true)
      .catch(() => false);
    if (!loaded) throw error;
  }
}
