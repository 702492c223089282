import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { bridgeSettings, DEFAULT_BRIDGE_SETTINGS } from '../../../utils/bridge/settings';
import { mirrorHosts, privateItem, protectSettings } from '../../../utils/library/private-settings';
import { bridgeOn } from '../../support/bridges';

const localText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

describe('private settings', () => {
  it('fall back, and keep what is set in IndexedDB, not in storage.local', async () => {
    expect(await mirrorHosts.getValue()).toEqual([]);
    expect(await bridgeSettings.getValue()).toEqual(DEFAULT_BRIDGE_SETTINGS);
    await mirrorHosts.setValue(['cdt.example.org']);
    await bridgeSettings.setValue(bridgeOn);
    expect(await mirrorHosts.getValue()).toEqual(['cdt.example.org']);
    expect(await bridgeSettings.getValue()).toEqual(bridgeOn);
    expect(await localText()).toBe('{}');
    // The session key says only that something changed.
    expect(JSON.stringify(await fakeBrowser.storage.session.get(null))).not.toMatch(/example|proxy\.test/);
  });

  it('tell every watcher the new value after each write', async () => {
    const seen = vi.fn();
    const stop = mirrorHosts.watch(seen);
    await mirrorHosts.setValue(['a.example.org']);
    await vi.waitFor(() => expect(seen).toHaveBeenLastCalledWith(['a.example.org']));
    await mirrorHosts.setValue(['a.example.org']);
    await vi.waitFor(() => expect(seen).toHaveBeenCalledTimes(2));
    stop();
    await mirrorHosts.setValue([]);
    expect(await mirrorHosts.getValue()).toEqual([]);
    expect(seen).toHaveBeenCalledTimes(2);
  });

  it('move what earlier versions kept in storage.local, once, and delete it there', async () => {
    await fakeBrowser.storage.local.set({
      mirrorHosts: ['old.example.org'],
      mirrorHosts$: { v: 1 },
      bridgeSettings: bridgeOn,
      bridgeSettings$: { v: 1 },
      bridgeView: { enabled: true, configured: true, state: 'on' },
      readerPrefs: { fontSize: 20 },
    });
    await protectSettings();
    expect(await mirrorHosts.getValue()).toEqual(['old.example.org']);
    expect(await bridgeSettings.getValue()).toEqual(bridgeOn);
    expect(await fakeBrowser.storage.local.get(null)).toEqual({ readerPrefs: { fontSize: 20 } });
  });

  it('let a value written since win over an old copy still in storage.local', async () => {
    const item = privateItem<string[]>({ key: 'k', fallback: [], signal: 'session:kChanged', legacyLocalKey: 'k' });
    await item.setValue(['new']);
    await fakeBrowser.storage.local.set({ k: ['old'] });
    expect(await item.getValue()).toEqual(['new']);
  });

  it('close storage.local to content scripts where the browser can', async () => {
    const local = { setAccessLevel: vi.fn(async () => {}) };
    await protectSettings(local);
    expect(local.setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    // Firefox has no such method on storage.local: nothing to call, nothing thrown.
    await expect(protectSettings({})).resolves.toBeUndefined();
  });
});
