// The storage items of Coral's own pages, with their fallbacks and versions; their keys are in
// ./storage-keys.ts. (Bridge settings and mirror hosts are in the extension's IndexedDB, see
// utils/library/private-settings.ts: only the background and Coral's pages read them.)
import { storage } from 'wxt/utils/storage';
import type { BridgeStatus } from './bridge-types';
import { STORAGE_KEYS } from './storage-keys';

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

const OFF_VIEW: BridgeStatus = { enabled: false, configured: false, state: 'off' };

/**
 * Which bridge and how it did, for Coral's own pages. Session storage, which neither browser lets a
 * content script read; the switches on pages get only the on/off view, by message.
 */
export const bridgeStatus = storage.defineItem<BridgeStatus>(STORAGE_KEYS.bridgeStatus, { fallback: OFF_VIEW });
