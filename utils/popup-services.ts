// Everything the popup asks of the outside world, behind one interface: components receive it as a
// prop, so their tests hand them a fake and never open IndexedDB or talk to a background.
import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import type { SaveResult } from './article';
import { exportLibrary } from './backup-export';
import { importLibrary } from './backup-import';
import { type ArticleRecord, type CoralDB, openLibrary } from './db';
import { firstArticles, listArticles } from './library';
import {
  addTags,
  deleteArticles,
  purgeTrash,
  removeTags,
  restoreArticles,
  setRead,
  trashArticles,
} from './library-edit';
import { storageReport } from './library-stats';
import { sendMessage } from './messages';
import { requestPersistentStorage } from './persistent-storage';
import { searchLibrary } from './search-index';
import { listOrder } from './settings';

export interface BiggestArticle {
  id: string;
  title: string;
  bytes: number;
}

export interface StorageInfo {
  /** From navigator.storage.estimate(); undefined where the browser does not say. */
  usage?: number;
  quota?: number;
  /** Null where the browser cannot tell. */
  persisted: boolean | null;
  articles: number;
  bytes: number;
  images: number;
  imageBytes: number;
  biggest: BiggestArticle[];
}

export interface ImportSummary {
  articlesAdded: number;
  articlesMerged: number;
  versionsAdded: number;
  imagesAdded: number;
  skipped: number;
}

export interface PopupServices {
  firstArticles(limit: number): Promise<ArticleRecord[]>;
  listArticles(): Promise<ArticleRecord[]>;
  /** Ranked ids, or null for an empty query. */
  search(query: string): Promise<string[] | null>;
  setRead(ids: string[], read: boolean): Promise<void>;
  addTags(ids: string[], tags: string[]): Promise<void>;
  removeTags(ids: string[], tags: string[]): Promise<void>;
  /** Moves to the trash now; `deleteForGood` or a later `purgeLeftovers` empties it. */
  trash(ids: string[]): Promise<void>;
  restore(ids: string[]): Promise<void>;
  deleteForGood(ids: string[]): Promise<void>;
  /** Empties trash left behind by a popup that closed while its undo was still on offer. */
  purgeLeftovers(): Promise<void>;
  storage(biggest: number): Promise<StorageInfo>;
  /** Asks the browser to keep the library when disk runs low; true when it will. */
  requestPersistence(): Promise<boolean>;
  exportLibrary(): Promise<Blob>;
  importLibrary(file: File): Promise<ImportSummary>;
  saveActiveTab(): Promise<SaveResult>;
  /** Remembers the listed order for the reader's previous/next. */
  setListOrder(ids: string[]): Promise<void>;
  openReader(id: string): void;
  openOptions(): void;
  /** Opens this page in a tab, where file pickers and downloads work in every browser. */
  openInTab(hash: string): void;
}

/** Trash older than this cannot still be waiting for its undo: the toast lasts 5 s. */
export const TRASH_GRACE_MS = 10_000;

export function readerUrl(id: string): string {
  return browser.runtime.getURL(`/reader.html?${new URLSearchParams({ id })}`);
}

async function estimate(): Promise<Pick<StorageInfo, 'usage' | 'quota' | 'persisted'>> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  const [estimated, persisted] = await Promise.all([
    storage?.estimate?.().catch(() => undefined),
    storage?.persisted?.().catch(() => null),
  ]);
  return { usage: estimated?.usage, quota: estimated?.quota, persisted: persisted ?? null };
}

/** Closes the popup after opening a tab; a tab showing this page stays. */
function closeIfPopup() {
  if (!new URLSearchParams(location.search).has('tab')) window.close();
}

export function realServices(db: IDBPDatabase<CoralDB>): PopupServices {
  return {
    firstArticles: (limit) => firstArticles(db, limit),
    listArticles: () => listArticles(db),
    search: (query) => searchLibrary(db, query),
    setRead: async (ids, read) => void (await setRead(db, ids, read)),
    addTags: async (ids, tags) => void (await addTags(db, ids, tags)),
    removeTags: async (ids, tags) => void (await removeTags(db, ids, tags)),
    trash: async (ids) => void (await trashArticles(db, ids, Date.now())),
    restore: async (ids) => void (await restoreArticles(db, ids)),
    deleteForGood: async (ids) => void (await deleteArticles(db, ids)),
    purgeLeftovers: async () => void (await purgeTrash(db, Date.now() - TRASH_GRACE_MS)),
    storage: async (biggest) => ({ ...(await estimate()), ...(await storageReport(db, biggest)) }),
    requestPersistence: () => requestPersistentStorage(),
    exportLibrary: () => exportLibrary(db),
    importLibrary: (file) => importLibrary(db, file),
    saveActiveTab: () => sendMessage('saveActiveTab', {}),
    setListOrder: (ids) => listOrder.setValue(ids),
    openReader: (id) => void browser.tabs.create({ url: readerUrl(id) }).then(closeIfPopup),
    openOptions: () => void browser.runtime.openOptionsPage().then(closeIfPopup),
    openInTab: (hash) =>
      void browser.tabs.create({ url: browser.runtime.getURL(`/popup.html?tab=1#${hash}`) }).then(closeIfPopup),
  };
}

export async function openServices(): Promise<PopupServices> {
  return realServices(await openLibrary());
}
