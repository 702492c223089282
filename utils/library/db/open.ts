// The library database. This is the only file that opens IndexedDB, so the schema and its upgrade
// ladder live in one place.
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { ArticleMeta, ImageRef } from '../../shared/article';
import { utf8Length } from '../../shared/image-bytes';
import { searchTokensFor } from '../search/tokens';

export interface ArticleRecord {
  id: string;
  canonicalUrl: string;
  /** Meta of the newest version, for listing without reading versions. */
  meta: ArticleMeta;
  firstSavedAt: number;
  /** When the newest version was saved. */
  savedAt: number;
  /** How many versions are kept. */
  versions: number;
  read: boolean;
  /** When it was marked read; absent while unread. */
  readAt?: number;
  /** The user's own tags (not the site's, which are in `meta.tags`). */
  tags: string[];
  /** How far the reader got, 0..1. */
  progress: number;
  /** Set while in the trash: hidden from lists and search, purged later. */
  trashedAt?: number;
  /** HTML and text of all versions. */
  textBytes: number;
  /** `textBytes` plus the sizes of the distinct images its versions use (shared images count in full). */
  bytes: number;
}

export interface VersionRecord {
  articleId: string;
  version: number;
  savedAt: number;
  meta: ArticleMeta;
  html: string;
  text: string;
  /** SHA-256 of the normalised text: equal hashes mean a re-save changed nothing. */
  textHash: string;
  images: ImageRef[];
  /** HTML, text and kept images, in bytes. */
  bytes: number;
  /** The distinct image hashes `images` refers to: the `by-image` index tells which images are still used. */
  imageHashes: string[];
}

export interface ImageRecord {
  /** SHA-256 (hex) of the bytes: one record per distinct image across the whole library. */
  hash: string;
  blob: Blob;
  type: string;
  size: number;
}

/** The full-text index of one article: its tokens, from `searchTokensFor`. */
export interface SearchRecord {
  articleId: string;
  tokens: string[];
}

/** A bridge's password, kept here rather than in storage.local, which content scripts can read. */
export interface SecretRecord {
  /** The bridge's id in bridgeSettings. */
  id: string;
  password: string;
}

export interface CoralDB extends DBSchema {
  articles: {
    key: string;
    value: ArticleRecord;
    indexes: { 'by-canonical': string; 'by-saved': number; 'by-trashed': number };
  };
  versions: {
    key: [string, number];
    value: VersionRecord;
    indexes: { 'by-article': string; 'by-image': string };
  };
  images: {
    key: string;
    value: ImageRecord;
  };
  search: {
    key: string;
    value: SearchRecord;
    indexes: { 'by-token': string };
  };
  secrets: {
    key: string;
    value: SecretRecord;
  };
}

export const DB_NAME = 'coral';
export const DB_VERSION = 4;

type UpgradeTx = IDBPTransaction<CoralDB, StoreNames<CoralDB>[], 'versionchange'>;

/**
 * Brings a database from `oldVersion` up to `newVersion`, one step at a time, so that a profile that
 * skipped releases still passes through every step. Never edit a step that has shipped; add one.
 */
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
}

export const distinctImageHashes = (images: ImageRef[]): string[] => [
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
  const search = tx.objectStore('search');
  const totals = new Map<string, ArticleTotals>();
  // Versions come ordered by [articleId, version], so an article's last one is its newest: it is
  // indexed when the cursor moves on, and no article's text is held longer than that.
  let latest: VersionRecord | undefined;
  const indexLatest = () => {
    if (latest) search.put({ articleId: latest.articleId, tokens: searchTokensFor(latest.meta, [], latest.text) });
  };
  for (let c = await tx.objectStore('versions').openCursor(); c; c = await c.continue()) {
    const version: VersionRecord = { ...c.value, imageHashes: distinctImageHashes(c.value.images) };
    c.update(version);
    if (latest && latest.articleId !== version.articleId) indexLatest();
    latest = version;
    const t = totals.get(version.articleId) ?? { textBytes: 0, hashes: new Set<string>() };
    totals.set(version.articleId, t);
    t.textBytes += utf8Length(version.html) + utf8Length(version.text);
    for (const h of version.imageHashes) t.hashes.add(h);
  }
  indexLatest();
  for (let c = await tx.objectStore('articles').openCursor(); c; c = await c.continue()) {
    const t = totals.get(c.value.id);
    let imageBytes = 0;
    for (const h of t?.hashes ?? []) imageBytes += sizes.get(h) ?? 0;
    const textBytes = t?.textBytes ?? 0;
    c.update({ ...c.value, read: false, tags: [], progress: 0, textBytes, bytes: textBytes + imageBytes });
  }
}

export function openLibrary(name: string = DB_NAME): Promise<IDBPDatabase<CoralDB>> {
  return openDB<CoralDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, newVersion, tx) {
      upgradeLibrary(db, oldVersion, newVersion ?? DB_VERSION, tx);
    },
    blocking(_current, _blocked, event) {
      // A newer extension version wants to upgrade: step aside rather than leave it waiting forever.
      (event.target as IDBDatabase).close();
    },
  });
}
