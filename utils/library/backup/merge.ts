// Writing a checked backup into the library, a batch of articles (with the images they bring) per
// transaction: one transaction for 50,000 articles made the browser's work grow faster than the library.
// Only IndexedDB requests are awaited inside a transaction (anything else would let it commit early);
// everything else was prepared beforehand. Every batch is whole or absent: if the user cancels or the disk
// fills, the batches already written are kept and ImportStopped says how many articles they hold.

import type { IDBPDatabase, IDBPTransaction } from 'idb';
import { utf8Length } from '../../shared/image-bytes';
import { allOrNothing } from '../db/all-or-nothing';
import type { ArticleRecord, CoralDB, VersionRecord } from '../db/schema';
import { firstShownVersion, importedOrigin, isOwnVersion, listingFields } from '../provenance';
import { isQuotaError } from '../save-error';
import { putSearchEntry } from '../search/tokens';
import { BackupError, ImportStopped } from './format';
import type { BackupArticle } from './schema';
import type { ImportReport, ValidBackup } from './types';

type LibraryDB = IDBPDatabase<CoralDB>;
type WriteTx = IDBPTransaction<CoralDB, Array<'articles' | 'versions' | 'images' | 'search'>, 'readwrite'>;

/** Which file the versions come from and when: every version a backup adds is stored as imported from it. */
interface ImportedFrom {
  /** The backup's file name, as the user picked it ('' when unknown). */
  fileName: string;
  now: number;
}

/** A version from the file as the library keeps it: imported, with what the file said about it as a claim. */
const asImported = (version: VersionRecord, articleId: string, options: ImportedFrom): VersionRecord => ({
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
  options: ImportedFrom,
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
  options: ImportedFrom,
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
  options: ImportedFrom,
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
  options: ImportedFrom,
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

/** What stays the same from one batch to the next. */
interface MergeState {
  report: ImportReport;
  /** Article ids taken so far by this import. */
  taken: Set<string>;
  /** The backup's image sizes plus those of the library's own images that merged articles use. */
  sizes: Map<string, number>;
  /** Images of the backup written so far. */
  written: Set<string>;
  /** The file and the time every added version is stored as imported from. */
  from: ImportedFrom;
}

async function writeArticles(tx: WriteTx, batch: readonly BackupArticle[], state: MergeState): Promise<void> {
  const { report, taken, sizes, from } = state;
  for (const incoming of batch) {
    const existing = await tx.objectStore('articles').index('by-canonical').get(incoming.article.canonicalUrl);
    if (!existing) {
      report.versionsAdded += await addArticle(tx, incoming, taken, from);
      report.articlesAdded++;
      continue;
    }
    taken.add(existing.id);
    const merged = await mergeInto(tx, existing, incoming, sizes, from);
    if (!merged) report.skipped++;
    else {
      report.versionsAdded += merged.versionsAdded;
      report.articlesMerged++;
    }
  }
}

/** The images the batch's articles use: the backup's are added, the ones it left out must be in the library. */
async function writeImages(
  tx: WriteTx,
  batch: readonly BackupArticle[],
  backup: ValidBackup,
  state: MergeState,
): Promise<void> {
  const images = tx.objectStore('images');
  const used = new Set(batch.flatMap(({ versions }) => versions.flatMap((v) => v.imageHashes)));
  for (const hash of used) {
    if (state.written.has(hash)) continue;
    const record = backup.images.get(hash);
    const stored = (await images.getKey(hash)) !== undefined;
    if (record && !stored) {
      quiet(images.add(record));
      state.report.imagesAdded++;
    } else if (!record && !stored && backup.imageSizes.has(hash)) {
      throw new BackupError(`Image ${hash} was removed from the library during the import.`, undefined, 'not-stored');
    }
    state.written.add(hash);
  }
}

/** Articles per transaction (unless a test asks for fewer), and the most image bytes one may carry. */
const BATCH_ARTICLES = 200;
const BATCH_IMAGE_BYTES = 32 * 1024 * 1024;

/** The next batch from `start`: up to BATCH_ARTICLES articles whose new images stay near BATCH_IMAGE_BYTES. */
function nextBatch(backup: ValidBackup, start: number, most: number): BackupArticle[] {
  const batch: BackupArticle[] = [];
  let bytes = 0;
  for (let i = start; i < backup.articles.length && batch.length < most; i++) {
    const incoming = backup.articles[i] as BackupArticle;
    const own = new Set(incoming.versions.flatMap((v) => v.imageHashes));
    let size = 0;
    for (const hash of own) size += backup.images.get(hash)?.size ?? 0;
    if (batch.length > 0 && bytes + size > BATCH_IMAGE_BYTES) break;
    batch.push(incoming);
    bytes += size;
  }
  return batch;
}

function storeFailure(error: unknown, tx: WriteTx): BackupError {
  if (error instanceof BackupError) return error;
  // The same test as a save's: a full disk is also Chrome's "Failed to write blobs", found on the request or the transaction.
  const quota = isQuotaError(error) || isQuotaError(tx.error);
  return new BackupError(
    `The library could not store the backup (${quota ? 'not enough storage space' : String(error)}).`,
    undefined,
    quota ? 'quota' : 'not-stored',
  );
}

export interface MergeOptions {
  /** The backup's file name, for the record of where imported versions came from. */
  fileName?: string;
  /** When the import happens (tests pin it); now unless given. */
  now?: number;
  /** Called after each batch is stored: articles done so far, of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Stops between batches; what is stored by then is kept. */
  signal?: AbortSignal;
  /** Articles per transaction; 200 unless a test wants small batches. */
  batchArticles?: number;
}

export async function mergeBackup(
  db: LibraryDB,
  backup: ValidBackup,
  options: MergeOptions = {},
): Promise<ImportReport> {
  const report: ImportReport = { articlesAdded: 0, articlesMerged: 0, versionsAdded: 0, imagesAdded: 0, skipped: 0 };
  const from: ImportedFrom = { fileName: options.fileName ?? '', now: options.now ?? Date.now() };
  const state: MergeState = {
    report,
    taken: new Set(),
    sizes: new Map(backup.imageSizes),
    written: new Set(),
    from,
  };
  const total = backup.articles.length;
  for (let done = 0; done < total; ) {
    if (options.signal?.aborted) throw new ImportStopped('cancelled', done, total);
    const batch = nextBatch(backup, done, options.batchArticles ?? BATCH_ARTICLES);
    const tx = db.transaction(['articles', 'versions', 'images', 'search'], 'readwrite');
    try {
      await allOrNothing(tx, async () => {
        await writeImages(tx, batch, backup, state);
        await writeArticles(tx, batch, state);
      });
    } catch (error) {
      const failure = storeFailure(error, tx);
      if (done === 0) throw failure;
      throw new ImportStopped(failure.failure === 'quota' ? 'quota' : 'not-stored', done, total, failure.message);
    }
    done += batch.length;
    options.onProgress?.(done, total);
  }
  return report;
}
