// The library database's shape: its stores, their records and indexes, and the version the extension
// expects. Types and constants only, so any library module can import it without pulling in code.
import type { DBSchema } from 'idb';
import type { ArticleMeta, ImageRef } from '../../shared/article';

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

/**
 * Where a version came from. Only `saved` versions are the user's own copy; an `imported` one is what a
 * backup file claims, and its claims (when and where it was saved) are shown as claims. Versions saved
 * before this field existed have none: they were saved here, from `meta.url`.
 */
export type VersionOrigin =
  | {
      kind: 'saved';
      /** The address the browser reported for the page (not the page's own claim). */
      url: string;
    }
  | {
      kind: 'imported';
      /** The backup's file name, as the user picked it. */
      file: string;
      /** When this browser imported it. */
      importedAt: number;
      /**
       * Where the file said the version came from (its own `origin`), kept as a claim so a round trip
       * keeps the history; one level only, older claims are dropped.
       */
      claimed?: { kind: 'saved'; url: string } | { kind: 'imported'; file: string; importedAt: number };
    };

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
  /** Absent on versions saved before provenance was kept: those were saved here. */
  origin?: VersionOrigin;
}

export interface ImageRecord {
  /** SHA-256 (hex) of the bytes: one record per distinct image across the whole library. */
  hash: string;
  blob: Blob;
  type: string;
  size: number;
}

/**
 * The full-text index of one article: its tokens, from `searchTokensFor`. Written only through
 * ../search/tokens.ts (`putSearchEntry`), which derives the short `key` from the id.
 */
export interface SearchRecord {
  /** `searchKey(articleId)`: short, because every index entry holds a copy of it. */
  key: string;
  articleId: string;
  tokens: string[];
}

/** A bridge's password, kept here rather than in storage.local, which content scripts can read. */
export interface SecretRecord {
  /** The bridge's id in bridgeSettings. */
  id: string;
  password: string;
}

/**
 * A setting only the extension's own pages and background may read (bridge addresses, mirror hosts):
 * content scripts can read storage.local, while IndexedDB opened beside a page is the page's own.
 */
export interface SettingRecord {
  /** The setting's name, e.g. `bridgeSettings`. */
  key: string;
  value: unknown;
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
    /** `searchKey(articleId)` from ../search/keys.ts. */
    key: string;
    value: SearchRecord;
    indexes: { 'by-token': string };
  };
  secrets: {
    key: string;
    value: SecretRecord;
  };
  settings: {
    key: string;
    value: SettingRecord;
  };
}

export const DB_NAME = 'coral';
export const DB_VERSION = 6;
