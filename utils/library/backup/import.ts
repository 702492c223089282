// Bringing a backup into the library: everything is checked first, and only a backup with nothing wrong
// is written, in one transaction, so a refused or failed import leaves the library exactly as it was.
import type { IDBPDatabase } from 'idb';
import { sha256Hex, utf8Length } from '../../shared/image-bytes';
import { sanitizeArticleHtml } from '../../shared/sanitize';
import type { CoralDB, ImageRecord } from '../db/schema';
import { BackupError, type BackupManifest, extensionForType, MAX_BACKUP_BYTES, parseManifest } from './format';
import { type MergeOptions, mergeBackup } from './merge';
import { inflateEach, parseJson, readDirectory, type ZipEntry } from './read';
import { type BackupArticle, parseBackupArticle } from './schema';
import type { ImportReport, ValidBackup } from './types';

type LibraryDB = IDBPDatabase<CoralDB>;

async function readBytes(file: Blob | ArrayBuffer): Promise<Uint8Array> {
  const size = file instanceof ArrayBuffer ? file.byteLength : file.size;
  // The zip of a backup at the cap is a little larger than the cap: directory and headers.
  if (size > MAX_BACKUP_BYTES + 64 * 1024 * 1024) throw new BackupError('The file is larger than a backup can be.');
  return new Uint8Array(file instanceof ArrayBuffer ? file : await file.arrayBuffer());
}

async function readArticles(data: Uint8Array, entries: ZipEntry[]): Promise<BackupArticle[]> {
  const articles: BackupArticle[] = [];
  const urls = new Map<string, string>();
  await inflateEach(data, entries, ({ name, entry }, bytes) => {
    if (entry.kind !== 'article') return;
    const parsed = parseBackupArticle(parseJson(bytes, name), name, entry.id);
    const other = urls.get(parsed.article.canonicalUrl);
    if (other) throw new BackupError(`is the same article as ${other}.`, name);
    urls.set(parsed.article.canonicalUrl, name);
    // The backup is not trusted any more than a web page: its HTML goes through the same allowlist.
    for (const version of parsed.versions) version.html = sanitizeArticleHtml(version.html, version.meta.url);
    articles.push(parsed);
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
  data: Uint8Array,
  entries: ZipEntry[],
  manifest: BackupManifest,
  articles: BackupArticle[],
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
  await inflateEach(data, entries, async ({ name, entry }, bytes) => {
    if (entry.kind !== 'image') return;
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
export async function validateBackup(db: LibraryDB, file: Blob | ArrayBuffer): Promise<ValidBackup> {
  const data = await readBytes(file);
  const entries = readDirectory(data);
  const manifestEntry = entries.find((e) => e.entry.kind === 'manifest');
  if (!manifestEntry) throw new BackupError('The zip has no coral-backup.json: it is not a Coral backup.');
  let manifest: BackupManifest | undefined;
  await inflateEach(data, [manifestEntry], ({ name }, bytes) => {
    manifest = parseManifest(parseJson(bytes, name));
  });
  if (!manifest) throw new BackupError('The zip has no coral-backup.json: it is not a Coral backup.');
  const articleEntries = entries.filter((e) => e.entry.kind === 'article');
  if (articleEntries.length !== manifest.articleCount) {
    throw new BackupError(
      `The manifest announces ${manifest.articleCount} articles, but the backup holds ${articleEntries.length}: it is incomplete.`,
    );
  }
  const articles = await readArticles(data, articleEntries);
  const imageEntries = entries.filter((e) => e.entry.kind === 'image');
  const { images, imageSizes } = await readImages(db, data, imageEntries, manifest, articles);
  recount(articles, imageSizes);
  return { manifest, articles, images, imageSizes };
}

/**
 * Imports a backup made by `exportLibrary` into an empty or a non-empty library. Articles are matched by
 * address: a new one is added, a saved one gains the versions it does not have. Throws a BackupError
 * (the library unchanged) when anything in the file is wrong.
 */
export async function importLibrary(
  db: LibraryDB,
  file: Blob | ArrayBuffer,
  options: Partial<MergeOptions> = {},
): Promise<ImportReport> {
  const backup = await validateBackup(db, file);
  // Every version it adds is stored as imported from this file, now: whatever the file says.
  const fileName = options.fileName ?? (typeof File !== 'undefined' && file instanceof File ? file.name : '');
  return mergeBackup(db, backup, { fileName, now: options.now ?? Date.now() });
}
