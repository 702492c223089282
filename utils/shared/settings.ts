// The storage items every context may use, with their fallbacks and versions; their keys are in
// ./storage-keys.ts. (Bridge settings are in utils/bridge/settings.ts: only the background and the
// options page read them.)
import { storage } from 'wxt/utils/storage';
import type { BridgeStatus, BridgeView } from './bridge-types';
import { STORAGE_KEYS } from './storage-keys';

/**
 * Host names of CDT mirrors the user added on the options page. Versioned from the start so a later
 * shape (per-mirror options, say) can migrate the stored list instead of losing it.
 */
export const mirrorHosts = storage.defineItem<string[]>(STORAGE_KEYS.mirrorHosts, { fallback: [], version: 1 });

export type ReaderTheme = 'system' | 'light' | 'sepia' | 'dark';
export interface ReaderPrefs {
  /** Body text size in px. */
  fontSize: number;
  /** Measure in em (Latin); CJK pages scale it down. */
  lineWidth: number;
  font: 'serif' | 'sans';
  theme: ReaderTheme;
}
export const DEFAULT_READER_PREFS: ReaderPrefs = { fontSize: 19, lineWidth: 38, font: 'serif', theme: 'system' };

/** Typography and theme of the reader, remembered across articles. */
export const readerPrefs = storage.defineItem<ReaderPrefs>(STORAGE_KEYS.readerPrefs, {
  fallback: DEFAULT_READER_PREFS,
  version: 1,
});

/**
 * The article ids in the order the popup last showed them, so the reader's previous/next follow the
 * list the user was looking at. Session storage: it is a view, not data.
 */
export const listOrder = storage.defineItem<string[]>(STORAGE_KEYS.listOrder, { fallback: [] });

const OFF_VIEW: BridgeView = { enabled: false, configured: false, state: 'off' };

/**
 * What the bridge switches show (no addresses, no credentials); the background is its only writer.
 * Local storage: a sleeping service worker or a restarted browser still shows the last state, and
 * content scripts can read and watch it in both browsers.
 */
export const bridgeView = storage.defineItem<BridgeView>(STORAGE_KEYS.bridgeView, { fallback: OFF_VIEW });

/**
 * Which bridge and how it did, for Coral's own pages. Session storage, which neither browser lets a
 * content script read.
 */
export const bridgeStatus = storage.defineItem<BridgeStatus>(STORAGE_KEYS.bridgeStatus, { fallback: OFF_VIEW });
