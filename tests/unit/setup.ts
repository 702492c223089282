import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// happy-dom's nodeName and NodeIterator differ from browsers in ways that silently turn DOMPurify off.
// Files that run in the node environment (for real Blobs) have no window to patch.
if (typeof window !== 'undefined') await import('../support/happy-dom-purify-shim');

/** Settings kept in the library's IndexedDB (utils/library/private-settings.ts) start afresh, as storage does. */
async function clearPrivateSettings() {
  if (!(await indexedDB.databases()).some((known) => known.name === 'coral')) return;
  const db = await openDB('coral');
  if (db.objectStoreNames.contains('settings')) await db.clear('settings');
  db.close();
}

beforeEach(async () => {
  fakeBrowser.reset();
  await clearPrivateSettings();
});
