// The upgrade ladder. Each step brings the database from one version to the next and never changes
// once it has shipped: a profile that skipped releases still passes through every step as it was. So a
// step uses only IndexedDB and the frozen helpers in this file, never live code that may change later
// (the search tokenizer, say): data that live code derives, like the search index, is rebuilt by live
// code after opening (see ../search/backfill.ts).
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { CoralDB, VersionRecord } from './schema';

export type UpgradeTx = IDBPTransaction<CoralDB, StoreNames<CoralDB>[], 'versionchange'>;

/** Brings a database from `oldVersion` up to `newVersion`, one step at a time. Add steps; never edit one. */
export function upgradeLibrary(db: IDBPDatabase<CoralDB>, oldVersion: number, newVersion: number, tx: UpgradeTx): void {
  if (oldVersion < 1 && newVersion >= 1) {
    const articles = db.createObjectStore('articles', { keyPath: 'id' });
    articles.createIndex('by-canonical', 'canonicalUrl', { unique: true });
    const versions = db.createObjectStore('versions', { keyPath: ['articleId', 'version'] });
    versions.createIndex('by-article', 'articleId');
    db.createObjectStore('images', { keyPath: 'hash' });
  }
  if (oldVersion < 2 && newVersion >= 2) {
    // The library list shows the most recently saved first; existing records are indexed on creation.
    tx.objectStore('articles').createIndex('by-saved', 'savedAt');
  }
  if (oldVersion < 3 && newVersion >= 3) {
    // Records without `trashedAt` are left out of this index, so it lists exactly the trash.
    tx.objectStore('articles').createIndex('by-trashed', 'trashedAt');
    tx.objectStore('versions').createIndex('by-image', 'imageHashes', { multiEntry: true });
    // Created empty: the background fills it for every article that has no entry yet.
    db.createObjectStore('search', { keyPath: 'articleId' }).createIndex('by-token', 'tokens', { multiEntry: true });
    // A failed step must abort the upgrade (the old database stays), not leave it half-migrated.
    migrateToV3(tx).catch(() => {
      try {
        tx.abort();
      } catch {
        // Already finished or aborted.
      }
    });
  }
  if (oldVersion < 4 && newVersion >= 4) {
    db.createObjectStore('secrets', { keyPath: 'id' });
  }
  if (oldVersion < 5 && newVersion >= 5) {
    // Filled by the background from storage.local at its start (see ../private-settings.ts).
    db.createObjectStore('settings', { keyPath: 'key' });
  }
  if (oldVersion < 6 && newVersion >= 6) {
    // Search folding became a closed map (么 and 麼 had folded apart) and the index keys became short,
    // so every entry is stale: the store is created anew, empty, and the background refills it after
    // opening, with the tokenizer of the day (as after v3).
    if (db.objectStoreNames.contains('search')) db.deleteObjectStore('search');
    db.createObjectStore('search', { keyPath: 'key' }).createIndex('by-token', 'tokens', { multiEntry: true });
  }
}

// Frozen helpers of the v3 step: copies, on purpose, so that later changes to live code cannot change
// what this step does.
const v3Utf8Length = (text: string): number => new TextEncoder().encode(text).length;
const v3DistinctImageHashes = (images: VersionRecord['images']): string[] => [
  ...new Set(images.flatMap((i) => (i.hash ? [i.hash] : []))),
];

interface ArticleTotals {
  textBytes: number;
  hashes: Set<string>;
}

// Only IndexedDB requests are awaited here: any other await would let the upgrade transaction commit.
async function migrateToV3(tx: UpgradeTx): Promise<void> {
  const sizes = new Map<string, number>();
  for (let c = await tx.objectStore('images').openCursor(); c; c = await c.continue()) {
    sizes.set(c.value.hash, c.value.size);
  }
  const totals = new Map<string, ArticleTotals>();
  for (let c = await tx.objectStore('versions').openCursor(); c; c = await c.continue()) {
    const version: VersionRecord = { ...c.value, imageHashes: v3DistinctImageHashes(c.value.images) };
    c.update(version);
    const t = totals.get(version.articleId) ?? { textBytes: 0, hashes: new Set<string>() };
    totals.set(version.articleId, t);
    t.textBytes += v3Utf8Length(version.html) + v3Utf8Length(version.text);
    for (const h of version.imageHashes) t.hashes.add(h);
  }
  for (let c = await tx.objectStore('articles').openCursor(); c; c = await c.continue()) {
    const t = totals.get(c.value.id);
    let imageBytes = 0;
    for (const h of t?.hashes ?? []) imageBytes += sizes.get(h) ?? 0;
    const textBytes = t?.textBytes ?? 0;
    c.update({ ...c.value, read: false, tags: [], progress: 0, textBytes, bytes: textBytes + imageBytes });
  }
}
