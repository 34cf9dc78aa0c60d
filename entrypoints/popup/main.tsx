import browser, { type Tabs } from 'webextension-polyfill';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { Switch } from '../../components/Switch';
import { TabStatus } from '../../components/popup/TabStatus';
import { AddPageForm } from '../../components/popup/AddPageForm';
import { disabledSites, overlaysEnabled, setSiteDisabled } from '../../platform/settings';
import { ask, askTab, listen, type CorpusUpdate, type PagePayload, type TabState } from '../../platform/protocol';
import { watchCorpusUpdate } from '../../platform/corpus-update';
import { localeFor } from '../../lib/i18n/messages';
import { uiMessages } from '../../lib/i18n/ui-messages';
import { PopupFeeds } from './feeds';
import './popup.css';

const locale = localeFor(browser.i18n.getUILanguage());
const t = uiMessages(locale);
document.documentElement.lang = locale;

/**
 * The tab the popup speaks about: the active one, or (for tests and
 * debugging, where the popup is opened as a tab itself) the tab whose URL is
 * given as ?target=.
 */
async function targetTab(): Promise<Tabs.Tab | undefined> {
  const target = new URLSearchParams(location.search).get('target');
  if (target) return (await browser.tabs.query({})).find((t) => t.url === target);
  const [active] = await browser.tabs.query({ active: true, currentWindow: true });
  return active;
}

function webHost(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.hostname : null;
  } catch {
    return null;
  }
}

function Popup() {
  const [enabled, setEnabled] = useState<boolean | null>(null);
  const [sites, setSites] = useState<string[]>([]);
  const [tab, setTab] = useState<Tabs.Tab | undefined>();
  const [state, setState] = useState<TabState | null>(null);
  const [adding, setAdding] = useState<PagePayload | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [update, setUpdate] = useState<CorpusUpdate | null>(null);
  const host = webHost(tab?.url);
  const offHere = host !== null && sites.includes(host) ? host : null;

  const refreshState = async (t: Tabs.Tab | undefined) => {
    if (t?.id === undefined || !webHost(t.url)) return setState(null);
    try {
      setState(await askTab(t.id, 'crossread:tab-state', {}));
    } catch {
      setState(null);
    }
  };

  // A tab says when what it shows changes (it has read the page, heard of a new article in the corpus, been
  // switched on again): the popup asks its tab again then, rather than after a guessed delay.
  useEffect(() => {
    if (!tab) return;
    return listen({ 'crossread:tab-state-changed': () => void refreshState(tab) });
  }, [tab]);

  // Switching the site back on: the tab reads the page again.
  useEffect(() => {
    if (!offHere && tab) void refreshState(tab);
  }, [offHere]);

  // A new version's first start may be updating the corpus, which holds the tab's notes back: the reader hears why.
  useEffect(() => watchCorpusUpdate(setUpdate), []);

  useEffect(() => {
    void overlaysEnabled.getValue().then(setEnabled);
    void disabledSites.getValue().then(setSites);
    void targetTab().then((t) => {
      setTab(t);
      void refreshState(t);
    });
    const unwatchEnabled = overlaysEnabled.watch((value) => setEnabled(value));
    const unwatchSites = disabledSites.watch((value) => setSites(value));
    return () => {
      unwatchEnabled();
      unwatchSites();
    };
  }, []);

  const startAdding = async () => {
    setMessage(null);
    if (tab?.id === undefined) return;
    try {
      const response = await askTab(tab.id, 'crossread:extract', {});
      if (response.ok) setAdding(response.page);
      else setMessage(t.problems.failure(response));
    } catch {
      setMessage(t.cannotRead);
    }
  };

  const save = async (outlet: string, date: string | null): Promise<string | null> => {
    if (!adding) return null;
    const response = await ask('crossread:add-article', { page: adding, outlet, date });
    if (!response.ok) return 'duplicate' in response ? t.duplicateText(response.duplicate.title, response.duplicate.outlet) : t.problems.failure(response);
    setAdding(null);
    setMessage(t.added(outlet));
    // The tab hears of the new article from the background, reads the page again and says so (tab-state-changed).
    return null;
  };

  return (
    <main>
      <h1>crossread</h1>
      <Switch
        label={t.showEverywhere}
        checked={enabled ?? false}
        disabled={enabled === null}
        onChange={(value) => {
          setEnabled(value);
          void overlaysEnabled.setValue(value);
        }}
      />
      {host && (
        <Switch
          label={t.offOnSite(host)}
          checked={sites.includes(host)}
          onChange={(off) => void setSiteDisabled(host, off)}
        />
      )}
      <section aria-label={t.thisPage}>
        <TabStatus t={t} update={update} state={enabled === false ? { status: 'off', outlets: [], counts: null, warnings: [] } : state} offHere={enabled === false ? null : offHere} />
      </section>
      {host &&
        (adding ? (
          <AddPageForm
            title={adding.title}
            defaultOutlet={adding.siteName || host.replace(/^www\./, '')}
            defaultDate={(adding.publishedTime ?? '').slice(0, 10)}
            onSave={save}
            onCancel={() => setAdding(null)}
            t={t}
          />
        ) : (
          <button type="button" class="add" onClick={() => void startAdding()}>
            {t.addPage}
          </button>
        ))}
      {message && (
        <p class="message" role="status">
          {message}
        </p>
      )}
      {host && tab && <PopupFeeds tab={tab} t={t} />}
      <p class="hint">
        {t.privacy}{' '}
        <a href="#" onClick={(e) => (e.preventDefault(), void browser.runtime.openOptionsPage())}>
          {t.manageCorpus}
        </a>
      </p>
    </main>
  );
}

render(<Popup />, document.getElementById('app')!);
