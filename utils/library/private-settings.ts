import type { IDBPDatabase } from 'idb';
import { type Browser, browser } from 'wxt/browser';
import { LEGACY_LOCAL_KEYS, STORAGE_KEYS } from '../shared/storage-keys';
import { openLibrary } from './db/open';
import type { CoralDB } from './db/schema';

// Settings a page must not learn (bridge addresses, mirror hosts), kept in the extension's IndexedDB:
// a content script, even in a compromised renderer, opens its page's IndexedDB, never the extension's,
// while storage.local is open to it (in Firefox always; in Chrome unless restricted).
//
// Changes reach other contexts through a `session:` key that holds only a fresh random value per write:
// storage.session is closed to content scripts by default in both browsers, and unlike a
// BroadcastChannel its change event wakes Chrome's sleeping service worker.

type Db = IDBPDatabase<CoralDB>;

/** The shape of WXT's storage items that Coral's callers use, so they need not know where it is kept. */
export interface PrivateItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls back with the value after every change, in any of the extension's contexts. */
  watch(callback: (value: T) => void): () => void;
}

export interface PrivateItemOptions<T> {
  /** The record's key in the `settings` store. */
  key: string;
  fallback: T;
  /** The `session:` key bumped at every write. */
  signal: `session:${string}`;
  /** Where versions before this one kept it in storage.local: moved here, once, at the first read. */
  legacyLocalKey?: string;
  db?: () => Promise<Db>;
}

let opened: Promise<Db> | undefined;

/** One connection per context. */
function libraryDb(): Promise<Db> {
  opened ??= openLibrary();
  return opened;
}

/** Moves the value from storage.local; a value written here meanwhile wins over the old copy. */
async function adoptLegacy<T>(db: Db, key: string, legacy: string): Promise<T | undefined> {
  const names = [legacy, `${legacy}$`];
  const old = (await browser.storage.local.get(names))[legacy] as T | undefined;
  if (old === undefined) return undefined;
  const tx = db.transaction('settings', 'readwrite');
  const current = await tx.store.get(key);
  if (!current) await tx.store.put({ key, value: old });
  await tx.done;
  await browser.storage.local.remove(names);
  return current ? (current.value as T) : old;
}

export function privateItem<T>(options: PrivateItemOptions<T>): PrivateItem<T> {
  const { key, fallback, legacyLocalKey } = options;
  const db = options.db ?? libraryDb;
  const signalName = options.signal.slice('session:'.length);

  async function getValue(): Promise<T> {
    const opened = await db();
    const record = await opened.get('settings', key);
    if (record) return record.value as T;
    const legacy = legacyLocalKey ? await adoptLegacy<T>(opened, key, legacyLocalKey) : undefined;
    return legacy ?? fallback;
  }

  return {
    getValue,
    async setValue(value) {
      await (await db()).put('settings', { key, value });
      await browser.storage.session.set({ [signalName]: crypto.randomUUID() });
    },
    watch(callback) {
      const onChanged = (changes: Record<string, Browser.storage.StorageChange>, area: string) => {
        if (area === 'session' && changes[signalName]) void getValue().then(callback);
      };
      browser.storage.onChanged.addListener(onChanged);
      return () => browser.storage.onChanged.removeListener(onChanged);
    },
  };
}

/**
 * Host names of CDT mirrors the user added on the options page. Only extension pages and the background
 * read them: a page that learnt them would learn which mirrors its reader uses.
 */
export const mirrorHosts = privateItem<string[]>({
  key: 'mirrorHosts',
  fallback: [],
  signal: STORAGE_KEYS.mirrorHostsChanged,
  legacyLocalKey: LEGACY_LOCAL_KEYS.mirrorHosts,
});

interface AccessLevelArea {
  setAccessLevel?: (details: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void>;
}

/**
 * At the background's start: closes storage.local to content scripts where the browser can (Chrome;
 * Firefox offers it for storage.session only, which is closed already), moves the mirror hosts out of
 * it, and drops the switches' old copy of the view. The bridge settings move at the service's first read.
 */
export async function protectSettings(local: AccessLevelArea = browser.storage.local): Promise<void> {
  try {
    await local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' });
  } catch (cause) {
    console.warn('Coral: storage.local could not be closed to content scripts', cause);
  }
  const view = LEGACY_LOCAL_KEYS.bridgeView;
  await Promise.all([browser.storage.local.remove([view, `${view}$`]), mirrorHosts.getValue()]);
}
