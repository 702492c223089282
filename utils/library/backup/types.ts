// What validating and merging a backup pass between them and report to the popup. Types only, in their
// own module so that import (which validates) and merge (which writes) need not import each other.
import type { ImageRecord } from '../db/schema';
import type { BackupManifest } from './format';
import type { BackupArticle } from './schema';

export interface ImportReport {
  articlesAdded: number;
  /** Saved articles that gained versions, tags or reading state from the backup. */
  articlesMerged: number;
  versionsAdded: number;
  imagesAdded: number;
  /** Articles already in the library with nothing new in the backup. */
  skipped: number;
}

export interface ValidBackup {
  manifest: BackupManifest;
  articles: BackupArticle[];
  /** Images the articles use that the library does not have yet. */
  images: Map<string, ImageRecord>;
  /** Sizes of every image the articles use, from the backup or the library. */
  imageSizes: Map<string, number>;
}

/** Where an import is: checking the file (nothing written yet), or writing it; articles done of total. */
export interface ImportProgress {
  phase: 'checking' | 'writing';
  done: number;
  total: number;
}
