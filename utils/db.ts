// The library database. This is the only file that opens IndexedDB, so the schema and its upgrade
// ladder live in one place.
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB, type StoreNames } from 'idb';
import type { ArticleMeta, ImageRef } from './article';

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
}

export interface ImageRecord {
  /** SHA-256 (hex) of the bytes: one record per distinct image across the whole library. */
  hash: string;
  blob: Blob;
  type: string;
  size: number;
}

export interface CoralDB extends DBSchema {
  articles: {
    key: string;
    value: ArticleRecord;
    indexes: { 'by-canonical': string; 'by-saved': number };
  };
  versions: {
    key: [string, number];
    value: VersionRecord;
    indexes: { 'by-article': string };
  };
  images: {
    key: string;
    value: ImageRecord;
  };
}

export const DB_NAME = 'coral';
export const DB_VERSION = 2;

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
