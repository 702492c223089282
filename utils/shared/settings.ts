import { storage } from 'wxt/utils/storage';

/**
 * Host names of CDT mirrors the user added on the options page. Versioned from the start so a later
 * shape (per-mirror options, say) can migrate the stored list instead of losing it.
 */
export const mirrorHosts = storage.defineItem<string[]>('local:mirrorHosts', { fallback: [], version: 1 });

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
export const readerPrefs = storage.defineItem<ReaderPrefs>('local:readerPrefs', {
  fallback: DEFAULT_READER_PREFS,
  version: 1,
});

/**
 * The article ids in the order the popup last showed them, so the reader's previous/next follow the
 * list the user was looking at. Session storage: it is a view, not data.
 */
export const listOrder = storage.defineItem<string[]>('session:listOrder', { fallback: [] });
