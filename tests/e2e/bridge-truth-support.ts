// What the bridge's truth and privacy tests share, in both browsers: the settings they store, the marks
// a content script must never find, and functions run inside the browser (passed to page.evaluate, so
// they are self-contained: no imports, no closures).
import type { BridgeSettings } from '../../utils/shared/bridge-types.ts';

/** The part of the extension APIs these functions use, the same in both browsers. */
type Area = { get(keys: string | null): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
interface Api {
  storage: { local: Area; session: Area; sync: Area };
}

/**
 * Settings with a mark in every field a page must not learn: the active bridge's port, a second
 * bridge's name and user name (a login on the active one would need more site access), the site list.
 */
export function markedSettings(port: number): BridgeSettings {
  return {
    enabled: true,
    activeId: 'active',
    bridges: [
      { id: 'active', scheme: 'http', host: '127.0.0.1', port },
      {
        id: 'marked',
        name: 'Marked Bridge Name',
        scheme: 'http',
        host: 'marked-host.test',
        port: 3128,
        username: 'marked-user',
      },
    ],
    scope: { kind: 'sites', patterns: ['chinadigitaltimes.net', 'marked-site.test'] },
    fallbackDirect: false,
  };
}

export const MARKED_MIRROR = 'marked-mirror.test';

/** Everything of the settings a page could use to find the bridge or the user. */
export const marks = (port: number): string[] => [
  String(port),
  'marked-host.test',
  'Marked Bridge Name',
  'marked-user',
  'marked-site.test',
  MARKED_MIRROR,
];

/** A down bridge (nothing listens on `port`) with "fall back to a direct connection" chosen. */
export function deadFallbackSettings(port: number): BridgeSettings {
  return {
    enabled: true,
    activeId: 'dead',
    bridges: [{ id: 'dead', scheme: 'http', host: '127.0.0.1', port }],
    scope: { kind: 'cdt' },
    fallbackDirect: true,
  };
}

/**
 * Run in an extension page: stores settings where Coral keeps them (the `settings` store of its
 * IndexedDB) and bumps the session key that tells every extension context to read them again, as the
 * options page does. Waits for the background to have created the database.
 */
export async function storePrivateSettings(entries: Array<[string, unknown]>): Promise<void> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  const open = () =>
    new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('coral');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  for (let tries = 0; ; tries += 1) {
    const known = await indexedDB.databases();
    if (known.some((info) => info.name === 'coral')) break;
    if (tries > 100) throw new Error('Coral never created its database');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const db = await open();
  if (!db.objectStoreNames.contains('settings')) {
    // A build from before the settings store kept them in storage.local: written there, as its options
    // page did, so that this test shows what such a build leaks.
    db.close();
    await api.storage.local.set(Object.fromEntries(entries));
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('settings', 'readwrite');
    for (const [key, value] of entries) tx.objectStore('settings').put({ key, value });
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
  const signals: Record<string, string> = {};
  for (const [key] of entries) signals[`${key}Changed`] = crypto.randomUUID();
  await api.storage.session.set(signals);
}

/** Run in an extension page: the toolbar badge's text and the status Coral's pages read. */
export async function readBadgeAndStatus(): Promise<{ badge: string; status: Record<string, unknown> | undefined }> {
  type Action = { getBadgeText(d: object): Promise<string> };
  const g = globalThis as unknown as { browser?: Api & { browserAction?: Action }; chrome?: Api & { action?: Action } };
  const action = g.chrome?.action ?? g.browser?.browserAction;
  const badge = (await action?.getBadgeText({})) ?? '';
  const api = (g.browser ?? g.chrome) as Api;
  const status = (await api.storage.session.get('bridgeStatus')).bridgeStatus as Record<string, unknown> | undefined;
  return { badge, status };
}

/**
 * Run in a content script (Chrome: as `func`; Firefox: its source as `code`): every storage area it might
 * reach, read whole, as text (a refusal recorded as such), and the IndexedDB names it sees (the page's).
 */
export async function readEveryStorage(): Promise<string> {
  const g = globalThis as unknown as { browser?: Api; chrome?: Api };
  const api = (g.browser ?? g.chrome) as Api;
  const read = async (area: 'local' | 'session' | 'sync') => {
    try {
      if (!api.storage[area]) return 'absent';
      return JSON.stringify(await api.storage[area].get(null));
    } catch (error) {
      return `refused: ${String((error as Error)?.message)}`;
    }
  };
  const dbs = await indexedDB
    .databases()
    .then((list) => list.map((d) => d.name))
    .catch(() => []);
  return JSON.stringify({
    local: await read('local'),
    session: await read('session'),
    sync: await read('sync'),
    indexedDB: dbs,
    localStorage: JSON.stringify({ ...localStorage }),
  });
}
