// Everything the popup asks of the outside world, behind one interface: components receive it as a
// prop, so their tests hand them a fake and never open IndexedDB or talk to a background.

import type { IDBPDatabase } from 'idb';
import { browser } from 'wxt/browser';
import { firstArticles } from '../library/articles';
import { exportLibrary } from '../library/backup/export';
import { importLibrary } from '../library/backup/import';
import type { ImportProgress, ImportReport } from '../library/backup/types';
import { openZipInWorker } from '../library/backup/zip-worker-client';
import { openLibrary } from '../library/db/open';
import type { CoralDB } from '../library/db/schema';
import { addTags, emptyTrash, purgeTrash, removeTags, restoreArticles, setRead, trashArticles } from '../library/edit';
import { SEARCH_PAGE_SIZE, type SearchPage, searchSession } from '../library/search/session';
import { storageReport } from '../library/stats';
import { type ArticleSummary, countArticles, interner, listSummaries, summarize } from '../library/summaries';
import { readerPath } from '../reader/url';
import type { SaveResult } from '../shared/article';
import { sendToBackground } from '../shared/messages';
import { requestPersistentStorage } from '../shared/persistent-storage';
import { listOrder } from '../shared/settings';

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

export interface ImportWatch {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
}

export interface PopupServices {
  /** The newest few, for the first paint. */
  firstArticles(limit: number): Promise<ArticleSummary[]>;
  /** Every article not in the trash, newest first, as summaries: the popup never holds whole records. */
  listArticles(): Promise<ArticleSummary[]>;
  /** How many `listArticles` will list, known long before it has read them. */
  countArticles?(): Promise<number>;
  /** Ranked ids, at most `SEARCH_PAGE_SIZE` of them, or null for an empty query. */
  search(query: string): Promise<string[] | null>;
  /** As `search`, and whether more matched than it returns, so the list can say it shows only the first. */
  searchPage?(query: string): Promise<SearchPage | null>;
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
  /** Imports a backup, reading the zip in a Web Worker; `signal` cancels it (what is written stays). */
  importLibrary(file: File, watch?: ImportWatch): Promise<ImportReport>;
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
  return browser.runtime.getURL(readerPath(id));
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

/**
 * The options page at its bridge form (`#bridge`), not at its top: from the popup the user came for the
 * bridge. A tab of its own, as openOptionsPage gives no way to name a section.
 */
export function openBridgeSettings(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/options.html#bridge') }).then(closeIfPopup);
}

export function realServices(db: IDBPDatabase<CoralDB>): PopupServices {
  // Search keeps the saved order and the index records it has read for the popup's lifetime; every
  // write made from here tells it what changed. Saves made elsewhere meanwhile show on the next open.
  const session = searchSession(db);
  const searchPage = (query: string) => session.search(query, SEARCH_PAGE_SIZE);
  return {
    firstArticles: async (limit) => {
      const intern = interner();
      return (await firstArticles(db, limit)).map((record) => summarize(record, intern));
    },
    countArticles: () => countArticles(db),
    listArticles: async () => {
      const all = await listSummaries(db);
      // After the list has painted, so that reading ahead for search never holds it up.
      setTimeout(() => session.warm().catch((error: unknown) => console.warn('Coral: search warm-up failed', error)));
      return all;
    },
    search: async (query) => (await searchPage(query))?.ids ?? null,
    searchPage,
    setRead: async (ids, read) => void (await setRead(db, ids, read)),
    addTags: async (ids, tags) => {
      await addTags(db, ids, tags);
      session.forget(ids);
    },
    removeTags: async (ids, tags) => {
      await removeTags(db, ids, tags);
      session.forget(ids);
    },
    trash: async (ids) => void (await trashArticles(db, ids, Date.now())),
    restore: async (ids) => void (await restoreArticles(db, ids)),
    deleteForGood: async (ids) => {
      await emptyTrash(db, ids);
      session.forget(ids);
    },
    purgeLeftovers: async () => void (await purgeTrash(db, Date.now() - TRASH_GRACE_MS)),
    storage: async (biggest) => ({ ...(await estimate()), ...(await storageReport(db, biggest)) }),
    requestPersistence: () => requestPersistentStorage(),
    exportLibrary: () => exportLibrary(db),
    importLibrary: async (file, { signal, onProgress } = {}) => {
      try {
        return await importLibrary(db, file, {
          open: (blob) => openZipInWorker(blob, signal ? { signal } : {}),
          fileName: file.name,
          ...(signal ? { signal } : {}),
          onChecked: (done, total) => onProgress?.({ phase: 'checking', done, total }),
          onProgress: (done, total) => onProgress?.({ phase: 'writing', done, total }),
        });
      } finally {
        // Even a stopped import may have written some batches.
        session.forget();
      }
    },
    saveActiveTab: async () => {
      const result = await sendToBackground('saveActiveTab', {});
      session.forget();
      return result;
    },
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
