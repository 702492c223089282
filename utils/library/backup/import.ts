// Bringing a backup into the library: everything is checked first, and only a backup with nothing wrong
// is written, so a refused import leaves the library exactly as it was. The writing goes in batches
// (merge.ts); an import cancelled or failing midway keeps the batches already stored and says how many.
import type { IDBPDatabase } from 'idb';
import { sha256Hex, utf8Length } from '../../shared/image-bytes';
import { sanitizeArticleHtml } from '../../shared/sanitize';
import type { CoralDB, ImageRecord } from '../db/schema';
import { BackupError, type BackupManifest, extensionForType, ImportStopped, parseManifest } from './format';
import { type MergeOptions, mergeBackup } from './merge';
import { inflateEach, parseJson, type ZipEntry, type ZipSource } from './read';
import { type BackupArticle, parseBackupArticle } from './schema';
import type { ImportReport, ValidBackup } from './types';
import { openZip } from './zip-reader';

type LibraryDB = IDBPDatabase<CoralDB>;

export interface ImportOptions extends MergeOptions {
  /** How to open the file; the popup opens it in a Web Worker. */
  open?: (file: Blob) => Promise<ZipSource>;
  /** Called as articles are checked (before anything is written): how many so far, of how many. */
  onChecked?: (done: number, total: number) => void;
}

function checkCancel(signal: AbortSignal | undefined, total: number): void {
  if (signal?.aborted) throw new ImportStopped('cancelled', 0, total);
}

async function readArticles(source: ZipSource, entries: ZipEntry[], options: ImportOptions): Promise<BackupArticle[]> {
  const articles: BackupArticle[] = [];
  const urls = new Map<string, string>();
  await inflateEach(source, entries, ({ name, entry }, bytes) => {
    checkCancel(options.signal, entries.length);
    if (entry.kind !== 'article') return;
    const parsed = parseBackupArticle(parseJson(bytes, name), name, entry.id);
    const other = urls.get(parsed.article.canonicalUrl);
    if (other) throw new BackupError(`is the same article as ${other}.`, name);
    urls.set(parsed.article.canonicalUrl, name);
    // The backup is not trusted any more than a web page: its HTML goes through the same allowlist.
    for (const version of parsed.versions) version.html = sanitizeArticleHtml(version.html, version.meta.url);
    articles.push(parsed);
    if (articles.length % 100 === 0 || articles.length === entries.length) {
      options.onChecked?.(articles.length, entries.length);
    }
  });
  return articles;
}

/** Version and article sizes as the library counts them, from the (re-sanitised) content. */
function recount(articles: BackupArticle[], sizes: Map<string, number>): void {
  for (const { article, versions } of articles) {
    const used = new Set<string>();
    let textBytes = 0;
    for (const version of versions) {
      const text = utf8Length(version.html) + utf8Length(version.text);
      let images = 0;
      for (const hash of version.imageHashes) images += sizes.get(hash) ?? 0;
      for (const hash of version.imageHashes) used.add(hash);
      version.bytes = text + images;
      textBytes += text;
    }
    let imageBytes = 0;
    for (const hash of used) imageBytes += sizes.get(hash) ?? 0;
    article.textBytes = textBytes;
    article.bytes = textBytes + imageBytes;
  }
}

/** The images the zip holds, each listed in the manifest with the right extension, and every listed one there. */
function imagesInZip(entries: ZipEntry[], manifest: BackupManifest): Set<string> {
  const inZip = new Set<string>();
  for (const { name, entry } of entries) {
    if (entry.kind !== 'image') continue;
    const type = manifest.images[entry.hash];
    if (!type) throw new BackupError('is not listed in the manifest.', name);
    if (entry.ext !== extensionForType(type)) throw new BackupError(`does not have the extension of ${type}.`, name);
    inZip.add(entry.hash);
  }
  const missing = Object.keys(manifest.images).find((hash) => !inZip.has(hash));
  if (missing) throw new BackupError(`The manifest lists image ${missing}, but the backup does not contain it.`);
  return inZip;
}

async function readImages(
  db: LibraryDB,
  source: ZipSource,
  entries: ZipEntry[],
  manifest: BackupManifest,
  articles: BackupArticle[],
  signal: AbortSignal | undefined,
): Promise<Pick<ValidBackup, 'images' | 'imageSizes'>> {
  const needed = new Set(articles.flatMap(({ versions }) => versions.flatMap((v) => v.imageHashes)));
  const inZip = imagesInZip(entries, manifest);
  const tx = db.transaction('images', 'readonly');
  const known = await Promise.all([...needed].map((hash) => tx.store.get(hash)));
  const imageSizes = new Map<string, number>();
  for (const record of known) if (record) imageSizes.set(record.hash, record.size);
  const lost = [...needed].find((hash) => !inZip.has(hash) && !imageSizes.has(hash));
  if (lost) {
    const user = articles.find(({ versions }) => versions.some((v) => v.imageHashes.includes(lost)));
    throw new BackupError(
      `uses image ${lost}, which is neither in the backup nor in the library.`,
      `articles/${user?.article.id}.json`,
    );
  }
  const images = new Map<string, ImageRecord>();
  await inflateEach(source, entries, async ({ name, entry }, bytes) => {
    if (entry.kind !== 'image') return;
    checkCancel(signal, articles.length);
    // Every image is checked, even one the library has, so a damaged backup is never called good.
    if ((await sha256Hex(bytes)) !== entry.hash) throw new BackupError('does not match its SHA-256 name.', name);
    if (!needed.has(entry.hash) || imageSizes.has(entry.hash)) return;
    const type = manifest.images[entry.hash] as string;
    images.set(entry.hash, { hash: entry.hash, blob: new Blob([bytes], { type }), type, size: bytes.length });
    imageSizes.set(entry.hash, bytes.length);
  });
  return { images, imageSizes };
}

/** Reads and checks a whole backup without writing anything; throws a BackupError on the first problem. */
export async function validateBackup(
  db: LibraryDB,
  file: Blob | ArrayBuffer,
  options: ImportOptions = {},
): Promise<ValidBackup> {
  const blob = file instanceof Blob ? file : new Blob([file]);
  const source = await (options.open ?? openZip)(blob);
  try {
    return await validateSource(db, source, options);
  } finally {
    source.close();
  }
}

async function validateSource(db: LibraryDB, source: ZipSource, options: ImportOptions): Promise<ValidBackup> {
  const { entries } = source;
  const manifestEntry = entries.find((e) => e.entry.kind === 'manifest');
  if (!manifestEntry) throw new BackupError('The zip has no coral-backup.json: it is not a Coral backup.');
  let manifest: BackupManifest | undefined;
  await inflateEach(source, [manifestEntry], ({ name }, bytes) => {
    manifest = parseManifest(parseJson(bytes, name));
  });
  if (!manifest) throw new BackupError('The zip has no coral-backup.json: it is not a Coral backup.');
  const articleEntries = entries.filter((e) => e.entry.kind === 'article');
  if (articleEntries.length !== manifest.articleCount) {
    throw new BackupError(
      `The manifest announces ${manifest.articleCount} articles, but the backup holds ${articleEntries.length}: it is incomplete.`,
    );
  }
  const articles = await readArticles(source, articleEntries, options);
  const imageEntries = entries.filter((e) => e.entry.kind === 'image');
  const { images, imageSizes } = await readImages(db, source, imageEntries, manifest, articles, options.signal);
  checkCancel(options.signal, articles.length);
  recount(articles, imageSizes);
  return { manifest, articles, images, imageSizes };
}

/**
 * Imports a backup made by `exportLibrary` into an empty or a non-empty library. Articles are matched by
 * address: a new one is added, a saved one gains the versions it does not have. Throws a BackupError
 * (the library unchanged) when anything in the file is wrong, and ImportStopped when writing stopped
 * part way (cancelled, or storage full), with how many articles were kept.
 */
export async function importLibrary(
  db: LibraryDB,
  file: Blob | ArrayBuffer,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const backup = await validateBackup(db, file, options);
  // Every version it adds is stored as imported from this file, now: whatever the file says.
  const fileName = options.fileName ?? (typeof File !== 'undefined' && file instanceof File ? file.name : '');
  return mergeBackup(db, backup, { ...options, fileName });
}
