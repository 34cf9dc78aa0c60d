import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { disabledSites, overlaysAllowedOn, overlaysEnabled, setSiteDisabled, watchOverlaysAllowedOn } from '../../platform/settings';

describe('overlay settings', () => {
  beforeEach(() => fakeBrowser.reset());

  it('allows notes everywhere by default', async () => {
    expect(await overlaysAllowedOn('example.org')).toBe(true);
  });

  it('turns notes off on one site only', async () => {
    await setSiteDisabled('example.org', true);
    expect(await overlaysAllowedOn('example.org')).toBe(false);
    expect(await overlaysAllowedOn('other.example')).toBe(true);
    await setSiteDisabled('example.org', true);
    expect(await disabledSites.getValue()).toEqual(['example.org']);
    await setSiteDisabled('example.org', false);
    expect(await overlaysAllowedOn('example.org')).toBe(true);
  });

  it('the global switch wins over the site list, and both changes are heard', async () => {
    const heard: boolean[] = [];
    const unwatch = watchOverlaysAllowedOn('example.org', (allowed) => heard.push(allowed));
    await overlaysEnabled.setValue(false);
    await expect.poll(() => heard).toEqual([false]);
    await overlaysEnabled.setValue(true);
    await setSiteDisabled('example.org', true);
    await expect.poll(() => heard).toEqual([false, true, false]);
    unwatch();
  });
});
