import { storage } from 'wxt/utils/storage';

/**
 * The reader's switch for all overlays. Kept in the extension's storage.local,
 * so it persists and every tab's content script hears a change at once.
 */
export const overlaysEnabled = storage.defineItem<boolean>('local:overlaysEnabled', { fallback: true });

/** Host names on which the reader turned the notes off ("off on this site"). */
export const disabledSites = storage.defineItem<string[]>('local:disabledSites', { fallback: [] });

/** Whether notes may be shown on a page of this host, given both switches. */
export async function overlaysAllowedOn(hostname: string): Promise<boolean> {
  const [enabled, sites] = await Promise.all([overlaysEnabled.getValue(), disabledSites.getValue()]);
  return enabled && !sites.includes(hostname);
}

/** Calls back with the new answer of `overlaysAllowedOn(hostname)` whenever either switch changes. */
export function watchOverlaysAllowedOn(hostname: string, callback: (allowed: boolean) => void): () => void {
  const recheck = () => void overlaysAllowedOn(hostname).then(callback);
  const unwatchGlobal = overlaysEnabled.watch(recheck);
  const unwatchSites = disabledSites.watch(recheck);
  return () => {
    unwatchGlobal();
    unwatchSites();
  };
}

export async function setSiteDisabled(hostname: string, disabled: boolean): Promise<void> {
  const sites = await disabledSites.getValue();
  const next = disabled ? [...new Set([...sites, hostname])] : sites.filter((s) => s !== hostname);
  await disabledSites.setValue(next);
}
