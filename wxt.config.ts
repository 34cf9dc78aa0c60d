import { defineConfig } from 'wxt';

const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

// `--mode e2e` builds into .output/<browser>-mv<N>-e2e and differs from the
// shipped build only where a test must see or cannot wait: the overlay's
// shadow root is open so tests can read the notes; crossread's steps are
// recorded as User Timing measures; "keep what I read" waits 3 s, not 30; and
// Chromium's build has the local test servers granted (below).
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser, manifestVersion, mode }) => ({
    name: 'crossread',
    description:
      'Margin notes that compare a news article with other outlets’ coverage of the same event. Nothing leaves your machine.',
    // alarms: fetching followed feeds; offscreen (Chrome): reading their item pages with a DOM.
    permissions: ['storage', 'tabs', 'alarms', ...(browser === 'firefox' ? [] : ['offscreen'])],
    // Followed feeds' origins, each asked for when the reader follows a feed, never at install.
    [manifestVersion === 2 ? 'optional_permissions' : 'optional_host_permissions']: ['http://*/*', 'https://*/*'],
    // The e2e build for Chromium has the local test servers granted at install: Chromium asks for an
    // optional permission in a dialog no test can answer (Firefox's tests turn its prompt off instead).
    ...(mode === 'e2e' && browser !== 'firefox' ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
    // public/icon/<size>.png, drawn from assets/icon.svg by scripts/icons.ts.
    icons: ICONS,
    // The toolbar button's icon (MV2 builds name the button browser_action).
    [manifestVersion === 2 ? 'browser_action' : 'action']: { default_title: 'crossread', default_icon: ICONS },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'crossread@crossread.invalid',
              strict_min_version: '140.0',
              // crossread collects nothing: the corpus and the notes stay on the machine.
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
  // The sources package for the Firefox store: the code, not test artifacts or scratch files.
  zip: { excludeSources: ['test-results/**', '.scratch/**', '.scratch*', 'docs/**', '.ci/**'] },
  vite: () => ({
    esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
    resolve: { alias: { react: 'preact/compat', 'react-dom': 'preact/compat' } },
  }),
});
