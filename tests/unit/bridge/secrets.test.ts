import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  bridgePasswordCache,
  bridgesWithPasswords,
  deleteBridgePasswords,
  getBridgePassword,
  movePasswordsToSecrets,
  saveBridgeSettings,
  setBridgePassword,
  withSavedPasswords,
} from '../../../utils/bridge/secrets';
import { bridgeSettings } from '../../../utils/bridge/settings';
import { openLibrary } from '../../../utils/library/db/open';
import type { Bridge, BridgeSettings } from '../../../utils/shared/bridge-types';

const fresh = () => openLibrary(`secrets-${crypto.randomUUID()}`);
const office: Bridge = { id: 'office', scheme: 'http', host: 'proxy.test', port: 3128, username: 'bob' };
const home: Bridge = { id: 'home', scheme: 'socks5', host: '127.0.0.1', port: 1080 };
const settings = (bridges: Bridge[]): BridgeSettings => ({
  enabled: false,
  bridges,
  scope: { kind: 'cdt' },
  fallbackDirect: false,
});
const storageLocalText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

describe('bridge secrets', () => {
  it('sets, reads, forgets, and forgets all but the bridges kept', async () => {
    const db = await fresh();
    await setBridgePassword(db, 'a', 'one');
    await setBridgePassword(db, 'b', 'two');
    await setBridgePassword(db, 'c', 'three');
    expect(await getBridgePassword(db, 'a')).toBe('one');
    await setBridgePassword(db, 'a', undefined);
    expect(await getBridgePassword(db, 'a')).toBeUndefined();
    await deleteBridgePasswords(db, ['c', 'gone']);
    expect(await bridgesWithPasswords(db)).toEqual(new Set(['c']));
  });

  it('saves settings without passwords, keeping a saved one only where asked', async () => {
    const db = await fresh();
    const stored = await saveBridgeSettings(db, settings([{ ...office, password: 'p1' }, home]));
    expect(stored.bridges).toEqual([office, home]);
    expect(await bridgeSettings.getValue()).toEqual(stored);
    expect(await getBridgePassword(db, 'office')).toBe('p1');
    expect(await storageLocalText()).not.toContain('p1');

    await saveBridgeSettings(db, settings([office, home]), new Set(['office']));
    expect(await getBridgePassword(db, 'office')).toBe('p1');
    // Not kept (an import without passwords, or a re-added bridge): forgotten.
    await saveBridgeSettings(db, settings([office, home]));
    expect(await getBridgePassword(db, 'office')).toBeUndefined();
  });

  it('fills saved passwords in for an export, in memory only', async () => {
    const db = await fresh();
    await setBridgePassword(db, 'office', 'p2');
    expect((await withSavedPasswords(db, settings([office, home]))).bridges).toEqual([
      { ...office, password: 'p2' },
      home,
    ]);
  });

  it('moves passwords an older version left in storage.local, once', async () => {
    const db = await fresh();
    expect(await movePasswordsToSecrets(db)).toBe(false);
    await bridgeSettings.setValue(settings([{ ...office, password: 'legacy' }, home]));
    expect(await movePasswordsToSecrets(db)).toBe(true);
    expect(await getBridgePassword(db, 'office')).toBe('legacy');
    expect(await bridgeSettings.getValue()).toEqual(settings([office, home]));
    expect(await storageLocalText()).not.toContain('legacy');
    expect(await movePasswordsToSecrets(db)).toBe(false);
  });

  it('caches what it read until cleared', async () => {
    const db = await fresh();
    await setBridgePassword(db, 'office', 'first');
    const cache = bridgePasswordCache(async () => db);
    expect(await cache.get('office')).toBe('first');
    await setBridgePassword(db, 'office', 'second');
    expect(await cache.get('office')).toBe('first');
    cache.clear();
    expect(await cache.get('office')).toBe('second');
  });
});
