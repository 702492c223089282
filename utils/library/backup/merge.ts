// Writing a checked backup into the library in ONE transaction. Only IndexedDB requests are awaited
// inside it (anything else would let it commit early); everything else was prepared beforehand.

import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { utf8Length } from '../../shared/image-bytes';
import { allOrNothing } from '../db/all-or-nothing';
import type { ArticleRecord, CoralDB, VersionRecord } from '../db/schema';
import { firstShownVersion, importedOrigin, isOwnVersion, listingFields } from '../provenance';
import { putSearchEntry } from '../search/tokens';
import { BackupError } from './format';
import type { BackupArticle } from './schema';
import type { ImportReport, ValidBackup } from './types';

type LibraryDB = IDBPDatabase<CoralDB>;
type WriteTx = IDBPTransaction<CoralDB, Array<'articles' | 'versions' | 'images' | 'search'>, 'readwrite'>;

/** Which file the versions come from and when: every version a backup adds is stored as imported from it. */
export interface MergeOptions {
  /** The backup's file name, as the user picked it ('' when unknown). */
  fileName: string;
  now: number;
}

/** A version from the file as the library keeps it: imported, with what the file said about it as a claim. */
const asImported = (version: VersionRecord, articleId: string, options: MergeOptions): VersionRecord => ({
  ...version,
  articleId,
  origin: importedOrigin(version.origin, options.fileName, options.now),
});

// A request that fails aborts the transaction, which rejects every other pending one: those rejections
// are expected, and the abort itself is reported once, through the transaction.
function quiet(request: Promise<unknown>): void {
  request.catch(() => {});
}

function indexRecord(tx: WriteTx, article: ArticleRecord, versions: VersionRecord[]): void {
  const first = firstShownVersion(versions);
  if (!first) return;
  quiet(putSearchEntry(tx, article.id, first.meta, article.tags, first.text));
}

async function addArticle(
  tx: WriteTx,
  { article, versions }: BackupArticle,
  taken: Set<string>,
  options: MergeOptions,
): Promise<number> {
  const free = !taken.has(article.id) && (await tx.objectStore('articles').getKey(article.id)) === undefined;
  const id = free ? article.id : crypto.randomUUID();
  taken.add(id);
  const stored = versions.map((v) => asImported(v, id, options));
  // The listing follows the version shown first, not the record the file wrote.
  const record: ArticleRecord = {
    ...article,
    id,
    ...listingFields(stored),
    firstSavedAt: Math.min(article.firstSavedAt, options.now),
  };
  for (const version of stored) quiet(tx.objectStore('versions').add(version));
  quiet(tx.objectStore('articles').add(record));
  indexRecord(tx, record, stored);
  return stored.length;
}

/** When the user first saved it stays so; a file's earlier date counts only for an article known from files alone. */
function firstSavedAfterMerge(
  existing: ArticleRecord,
  have: VersionRecord[],
  theirs: ArticleRecord,
  options: MergeOptions,
): number {
  if (have.some(isOwnVersion)) return existing.firstSavedAt;
  return Math.min(existing.firstSavedAt, theirs.firstSavedAt, options.now);
}

/** What a saved article gains from the backup: versions with text it does not have, tags, reading state. */
function mergeRecords(
  existing: ArticleRecord,
  have: VersionRecord[],
  incoming: BackupArticle,
  sizes: Map<string, number>,
  options: MergeOptions,
): { record: ArticleRecord; added: VersionRecord[] } {
  const hashes = new Set(have.map((v) => v.textHash));
  let next = have.reduce((max, v) => Math.max(max, v.version), 0) + 1;
  const added: VersionRecord[] = [];
  const bySavedAt = [...incoming.versions].sort((a, b) => a.savedAt - b.savedAt || a.version - b.version);
  for (const version of bySavedAt) {
    if (hashes.has(version.textHash)) continue;
    hashes.add(version.textHash);
    added.push({ ...asImported(version, existing.id, options), version: next++ });
  }
  const all = [...have, ...added];
  const used = new Set(all.flatMap((v) => v.imageHashes));
  let imageBytes = 0;
  for (const hash of used) imageBytes += sizes.get(hash) ?? 0;
  const textBytes = existing.textBytes + added.reduce((n, v) => n + utf8Length(v.html) + utf8Length(v.text), 0);
  const theirs = incoming.article;
  const readAts = [existing.read ? existing.readAt : undefined, theirs.read ? theirs.readAt : undefined].filter(
    (t): t is number => t !== undefined,
  );
  const readAt = readAts.length > 0 ? Math.max(...readAts) : undefined;
  const record: ArticleRecord = {
    ...existing,
    // What the user saved here stays what the list shows and the reader opens on.
    ...(added.length > 0 ? listingFields(all) : { meta: existing.meta, savedAt: existing.savedAt }),
    firstSavedAt: firstSavedAfterMerge(existing, have, theirs, options),
    versions: all.length,
    read: existing.read || theirs.read,
    tags: [...new Set([...existing.tags, ...theirs.tags])],
    progress: Math.max(existing.progress, theirs.progress),
    textBytes,
    bytes: textBytes + imageBytes,
  };
  if (readAt === undefined) delete record.readAt;
  else if (readAt !== existing.readAt) record.readAt = readAt;
  return { record, added };
}

function unchanged(a: ArticleRecord, b: ArticleRecord): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Adds to `sizes` the library's own images that `have` (an article's versions) use. */
async function addLibrarySizes(tx: WriteTx, have: VersionRecord[], sizes: Map<string, number>): Promise<void> {
  for (const hash of new Set(have.flatMap((v) => v.imageHashes))) {
    if (sizes.has(hash)) continue;
    const image = await tx.objectStore('images').get(hash);
    if (image) sizes.set(hash, image.size);
  }
}

/** Merges one article into the one the library has at the same address; what it added, or null for nothing. */
async function mergeInto(
  tx: WriteTx,
  existing: ArticleRecord,
  incoming: BackupArticle,
  sizes: Map<string, number>,
  options: MergeOptions,
): Promise<{ versionsAdded: number } | null> {
  const have = await tx.objectStore('versions').index('by-article').getAll(existing.id);
  await addLibrarySizes(tx, have, sizes);
  const { record, added } = mergeRecords(existing, have, incoming, sizes, options);
  if (added.length === 0 && unchanged(existing, record)) return null;
  for (const version of added) quiet(tx.objectStore('versions').add(version));
  quiet(tx.objectStore('articles').put(record));
  indexRecord(tx, record, [...have, ...added]);
  return { versionsAdded: added.length };
}

async function writeArticles(
  tx: WriteTx,
  backup: ValidBackup,
  report: ImportReport,
  options: MergeOptions,
): Promise<void> {
  const taken = new Set<string>();
  // The backup's sizes plus those of the library's own images that merged articles use.
  const sizes = new Map(backup.imageSizes);
  for (const incoming of backup.articles) {
    const existing = await tx.objectStore('articles').index('by-canonical').get(incoming.article.canonicalUrl);
    if (!existing) {
      report.versionsAdded += await addArticle(tx, incoming, taken, options);
      report.articlesAdded++;
      continue;
    }
    taken.add(existing.id);
    const merged = await mergeInto(tx, existing, incoming, sizes, options);
    if (!merged) report.skipped++;
    else {
      report.versionsAdded += merged.versionsAdded;
      report.articlesMerged++;
    }
  }
}

async function writeImages(tx: WriteTx, backup: ValidBackup, report: ImportReport): Promise<void> {
  const images = tx.objectStore('images');
  for (const [hash, record] of backup.images) {
    if ((await images.getKey(hash)) !== undefined) continue;
    quiet(images.add(record));
    report.imagesAdded++;
  }
  // Images the backup left out because the library had them must still be there now.
  for (const hash of backup.imageSizes.keys()) {
    if (!backup.images.has(hash) && (await images.getKey(hash)) === undefined) {
      throw new BackupError(`Image ${hash} was removed from the library during the import.`, undefined, 'not-stored');
    }
  }
}

async function writeAll(tx: WriteTx, backup: ValidBackup, options: MergeOptions): Promise<ImportReport> {
  const report: ImportReport = { articlesAdded: 0, articlesMerged: 0, versionsAdded: 0, imagesAdded: 0, skipped: 0 };
  await writeArticles(tx, backup, report, options);
  await writeImages(tx, backup, report);
  return report;
}

export async function mergeBackup(db: LibraryDB, backup: ValidBackup, options: MergeOptions): Promise<ImportReport> {
  const tx = db.transaction(['articles', 'versions', 'images', 'search'], 'readwrite');
  try {
    return await allOrNothing(tx, () => writeAll(tx, backup, options));
  } catch (error) {
    if (error instanceof BackupError) throw error;
    const name = error instanceof Error || error instanceof DOMException ? error.name : '';
    const quota = name === 'QuotaExceededError' || tx.error?.name === 'QuotaExceededError';
    throw new BackupError(
      `The library could not store the backup (${quota ? 'not enough storage space' : String(error)}).`,
      undefined,
      quota ? 'quota' : 'not-stored',
    );
  }
}
