import type { IDBPDatabase } from 'idb';
import type { CoralDB } from '../library/db/schema';
import type { BridgeSettings } from '../shared/bridge-types';
import { bridgeSettings } from './settings';

// Bridge passwords live in the extension's IndexedDB, not in storage.local: content scripts can read
// storage.local, while IndexedDB opened from a content script belongs to the page's origin. Only
// extension pages and the background call these.

type Db = IDBPDatabase<CoralDB>;

/** Stores the bridge's password; `undefined` or '' forgets it. */
export async function setBridgePassword(db: Db, id: string, password: string | undefined): Promise<void> {
  if (password) await db.put('secrets', { id, password });
  else await db.delete('secrets', id);
}

export async function getBridgePassword(db: Db, id: string): Promise<string | undefined> {
  return (await db.get('secrets', id))?.password;
}

/**
 * The background's passwords, read from the database at the first challenge and kept in memory until
 * `clear` (when the settings change, or a password was refused).
 */
export function bridgePasswordCache(db: () => Promise<Db>) {
  let cache = new Map<string, Promise<string | undefined>>();
  return {
    get(id: string): Promise<string | undefined> {
      const known = cache.get(id);
      if (known) return known;
      const current = cache;
      const password = db().then((opened) => getBridgePassword(opened, id));
      current.set(id, password);
      // A failed read is tried again at the next challenge.
      password.catch(() => current.delete(id));
      return password;
    },
    clear() {
      cache = new Map();
    },
  };
}

/** Forgets the passwords of every bridge not in `keepIds` (bridges that were removed). */
export async function deleteBridgePasswords(db: Db, keepIds: Iterable<string>): Promise<void> {
  const keep = new Set(keepIds);
  const tx = db.transaction('secrets', 'readwrite');
  for (const id of await tx.store.getAllKeys()) {
    if (!keep.has(id)) void tx.store.delete(id);
  }
  await tx.done;
}

/** The ids of the bridges that have a saved password. */
export async function bridgesWithPasswords(db: Db): Promise<Set<string>> {
  return new Set(await db.getAllKeys('secrets'));
}

/** What may go to storage.local: the settings with every password taken out. */
export function withoutPasswords(settings: BridgeSettings): BridgeSettings {
  return { ...settings, bridges: settings.bridges.map(({ password: _, ...bridge }) => bridge) };
}

/** The settings with their saved passwords filled in, in memory only (for an export). */
export async function withSavedPasswords(db: Db, settings: BridgeSettings): Promise<BridgeSettings> {
  const bridges = await Promise.all(
    settings.bridges.map(async (bridge) => {
      if (bridge.password || !bridge.username) return bridge;
      const password = await getBridgePassword(db, bridge.id);
      return password ? { ...bridge, password } : bridge;
    }),
  );
  return { ...settings, bridges };
}

/**
 * Saves bridge settings: passwords to `secrets`, the rest to storage.local. A bridge given without a
 * password keeps its saved one only if its id is in `keepSaved` (a bridge the user did not re-enter);
 * a bridge with no user name has no password. Secrets are written first, so whoever watches the
 * settings finds them in place.
 */
export async function saveBridgeSettings(
  db: Db,
  settings: BridgeSettings,
  keepSaved: ReadonlySet<string> = new Set(),
): Promise<BridgeSettings> {
  for (const bridge of settings.bridges) {
    if (bridge.password && bridge.username) await setBridgePassword(db, bridge.id, bridge.password);
    else if (!bridge.username || !keepSaved.has(bridge.id)) await setBridgePassword(db, bridge.id, undefined);
  }
  await deleteBridgePasswords(
    db,
    settings.bridges.map((bridge) => bridge.id),
  );
  const stored = withoutPasswords(settings);
  await bridgeSettings.setValue(stored);
  return stored;
}

/**
 * Versions before the secrets store kept passwords in bridgeSettings: moves them, once, at the
 * background's start. Done here rather than in a WXT storage migration, which cannot wait on IndexedDB.
 * True when something was moved.
 */
export async function movePasswordsToSecrets(db: Db): Promise<boolean> {
  const settings = await bridgeSettings.getValue();
  const leftovers = settings.bridges.filter((bridge) => bridge.password !== undefined);
  if (leftovers.length === 0) return false;
  for (const bridge of leftovers) {
    if (bridge.password && bridge.username) await setBridgePassword(db, bridge.id, bridge.password);
  }
  await bridgeSettings.setValue(withoutPasswords(settings));
  return true;
}
