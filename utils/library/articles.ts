// Saving into and reading from the library. Functions take an open database so tests can hand them a
// fake one; nothing here opens IndexedDB itself.
import type { IDBPDatabase, IDBPTransaction } from 'idb';
import type { ExtractedArticle, ImagePayload, ImageRef, SavedState, SaveRequest, SaveResult } from '../shared/article';
import { formatBytes } from '../shared/format';
import { base64DecodedLength, base64ToBytes, imageTypeOf, sha256Hex, utf8Length } from '../shared/image-bytes';
import { MAX_ARTICLE_BYTES, MAX_IMAGE_BYTES } from '../shared/limits';
import { articleByKey } from './article-lookup';
import { allOrNothing } from './db/all-or-nothing';
import type { ArticleRecord, CoralDB, ImageRecord, VersionRecord } from './db/schema';
import { isOwnVersion } from './provenance';
import { saveFailure, tooLarge } from './save-error';
import { putSearchEntry } from './search/tokens';

type LibraryDB = IDBPDatabase<CoralDB>;
type SaveTx = IDBPTransaction<CoralDB, ('articles' | 'versions' | 'images' | 'search')[], 'readwrite'>;

interface PreparedImages {
  refs: ImageRef[];
  /** Distinct images by hash: two refs with the same bytes share one record. */
  records: Map<string, ImageRecord>;
}

/** Whitespace and Unicode form differences are not changes worth a new version. */
const distinctImageHashes = (images: ImageRef[]): string[] => [
  ...new Set(images.flatMap((i) => (i.hash ? [i.hash] : []))),
];

export function normalizeText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

async function decodeImage(payload: ImagePayload | undefined): Promise<ImageRecord | { error: string }> {
  if (!payload) return { error: 'The image was not fetched.' };
  if (payload.error) return { error: payload.error };
  if (!payload.base64) return { error: 'The image arrived without data.' };
  const limit = `the ${formatBytes(MAX_IMAGE_BYTES)} limit for one image`;
  // Refuse before decoding: the estimate is at most 2 bytes over the real size.
  if (base64DecodedLength(payload.base64) > MAX_IMAGE_BYTES + 2) return { error: `The image is over ${limit}.` };
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = base64ToBytes(payload.base64);
  } catch {
    return { error: 'The image data could not be decoded.' };
  }
  if (bytes.length > MAX_IMAGE_BYTES) return { error: `The image is over ${limit}.` };
  const type = imageTypeOf(payload.type, bytes);
  if (!type) return { error: `Not an image (${payload.type || 'unknown type'}).` };
  const hash = await sha256Hex(bytes);
  return { hash, blob: new Blob([bytes], { type }), type, size: bytes.length };
}

// Everything that is not IndexedDB (decoding, hashing, Blob creation) happens here, before the
// transaction opens: a transaction commits on its own as soon as it is left idle across another await.
async function prepareImages(article: ExtractedArticle, payloads: ImagePayload[]): Promise<PreparedImages> {
  const byRef = new Map(payloads.map((p) => [p.ref, p]));
  const refs: ImageRef[] = [];
  const records = new Map<string, ImageRecord>();
  for (const { ref, url, alt } of article.images) {
    const result = await decodeImage(byRef.get(ref));
    if ('error' in result) {
      refs.push({ ref, url, alt, error: result.error });
      continue;
    }
    records.set(result.hash, result);
    refs.push({ ref, url, alt, hash: result.hash });
  }
  return { refs, records };
}

const failedCount = (refs: ImageRef[]): number => refs.filter((r) => !r.hash).length;

interface NewVersion {
  article: ExtractedArticle;
  images: PreparedImages;
  textHash: string;
  textBytes: number;
  now: number;
}

async function write(db: LibraryDB, added: NewVersion): Promise<SaveResult> {
  const tx = db.transaction(['articles', 'versions', 'images', 'search'], 'readwrite');
  try {
    return await allOrNothing(tx, () => writeWithin(tx, added));
  } catch (error) {
    return saveFailure(error, tx.error);
  }
}

async function writeWithin(tx: SaveTx, added: NewVersion): Promise<SaveResult> {
  const { article, textHash } = added;
  const existing = await articleByKey(tx.objectStore('articles').index('by-canonical'), article.meta.canonicalUrl);
  const latest = existing ? await latestVersion(tx, existing.id) : undefined;
  // The same text as an imported version is still worth keeping: this one was saved here.
  if (existing && latest && isOwnVersion(latest) && latest.textHash === textHash) {
    return keepUnchanged(tx, existing, latest);
  }
  return addVersion(tx, existing, latest, added);
}

async function latestVersion(tx: SaveTx, articleId: string): Promise<VersionRecord | undefined> {
  const range = IDBKeyRange.bound([articleId, -Infinity], [articleId, Infinity]);
  return (await tx.objectStore('versions').openCursor(range, 'prev'))?.value;
}

/** The same text again: no new version. Saving an article that sits in the trash is asking for it back. */
async function keepUnchanged(tx: SaveTx, existing: ArticleRecord, latest: VersionRecord): Promise<SaveResult> {
  if (existing.trashedAt !== undefined) {
    const { trashedAt: _, ...restored } = existing;
    await tx.objectStore('articles').put(restored);
  }
  const { id, savedAt } = existing;
  return {
    ok: true,
    id,
    savedAt,
    version: latest.version,
    newVersion: false,
    failedImages: failedCount(latest.images),
  };
}

/** The article's size counts each of its images once, however many of its versions use it. */
async function newImageBytes(tx: SaveTx, existing: ArticleRecord, images: PreparedImages) {
  const hashes = distinctImageHashes(images.refs);
  const sizeOf = (hash: string) => images.records.get(hash)?.size ?? 0;
  const users = await Promise.all(hashes.map((h) => tx.objectStore('versions').index('by-image').getAllKeys(h)));
  return hashes.reduce(
    (sum, hash, i) => (users[i]?.some(([articleId]) => articleId === existing.id) ? sum : sum + sizeOf(hash)),
    0,
  );
}

/** The article's record with one more version; what the reader did (read, tags, progress) stays as it was. */
export function articleWithVersion(
  existing: ArticleRecord | undefined,
  added: { id: string; meta: ExtractedArticle['meta']; textBytes: number; newImageBytes: number; now: number },
): ArticleRecord {
  const textBytes = (existing?.textBytes ?? 0) + added.textBytes;
  return {
    id: added.id,
    canonicalUrl: added.meta.canonicalUrl,
    meta: added.meta,
    firstSavedAt: existing?.firstSavedAt ?? added.now,
    savedAt: added.now,
    versions: (existing?.versions ?? 0) + 1,
    read: existing?.read ?? false,
    ...(existing?.readAt !== undefined && { readAt: existing.readAt }),
    tags: existing?.tags ?? [],
    progress: existing?.progress ?? 0,
    textBytes,
    bytes: textBytes + (existing ? existing.bytes - existing.textBytes : 0) + added.newImageBytes,
  };
}

async function addVersion(
  tx: SaveTx,
  existing: ArticleRecord | undefined,
  latest: VersionRecord | undefined,
  added: NewVersion,
): Promise<SaveResult> {
  const id = existing?.id ?? crypto.randomUUID();
  const version = (latest?.version ?? 0) + 1;
  const { meta, html, text } = added.article;
  const { images, textBytes, now } = added;
  let imageBytes = 0;
  for (const record of images.records.values()) imageBytes += record.size;
  const fresh = existing ? await newImageBytes(tx, existing, images) : imageBytes;
  const versionRecord: VersionRecord = {
    articleId: id,
    version,
    savedAt: now,
    meta,
    html,
    text,
    textHash: added.textHash,
    images: images.refs,
    bytes: textBytes + imageBytes,
    imageHashes: distinctImageHashes(images.refs),
    // meta.url is the address the browser reported for the page (cleanSaveRequest), not the page's claim.
    origin: { kind: 'saved', url: meta.url },
  };
  const articleRecord = articleWithVersion(existing, { id, meta, textBytes, newImageBytes: fresh, now });
  await putAll(tx, images, versionRecord, articleRecord);
  return { ok: true, id, savedAt: now, version, newVersion: true, failedImages: failedCount(images.refs) };
}

async function putAll(tx: SaveTx, images: PreparedImages, version: VersionRecord, article: ArticleRecord) {
  // Every request gets a handler the moment it exists: if a later one throws, the abort rejects the
  // earlier ones, and those rejections are expected rather than unhandled.
  const requests: Promise<unknown>[] = [];
  const track = <T>(request: Promise<T>): Promise<T> => {
    request.catch(() => {});
    requests.push(request);
    return request;
  };
  const imageStore = tx.objectStore('images');
  const records = [...images.records.values()];
  const present = await Promise.all(records.map((r) => track(imageStore.getKey(r.hash))));
  for (const [i, record] of records.entries()) {
    if (present[i] === undefined) track(imageStore.put(record));
  }
  track(tx.objectStore('versions').add(version));
  track(tx.objectStore('articles').put(article));
  track(putSearchEntry(tx, article.id, version.meta, article.tags, version.text));
  await Promise.all(requests);
}

/**
 * Keeps an article: a new article, a new version of a saved one when its text changed, or nothing new
 * when it did not. All or nothing: on any failure the library is exactly as it was.
 */
export async function saveToLibrary(db: LibraryDB, req: SaveRequest, now: number = Date.now()): Promise<SaveResult> {
  try {
    const { article } = req;
    const textBytes = utf8Length(article.html) + utf8Length(article.text);
    if (textBytes > MAX_ARTICLE_BYTES) return tooLarge();
    const images = await prepareImages(article, req.images);
    let bytes = textBytes;
    for (const record of images.records.values()) bytes += record.size;
    if (bytes > MAX_ARTICLE_BYTES) return tooLarge();
    const textHash = await sha256Hex(normalizeText(article.text));
    return await write(db, { article, images, textHash, textBytes, now });
  } catch (error) {
    return saveFailure(error);
  }
}

export async function savedStateFor(db: LibraryDB, canonicalUrl: string): Promise<SavedState | null> {
  const article = await articleByKey(db.transaction('articles').store.index('by-canonical'), canonicalUrl);
  return article ? { id: article.id, savedAt: article.savedAt, versions: article.versions } : null;
}

/** The article and all its versions, newest first. */
export async function getArticle(
  db: LibraryDB,
  id: string,
): Promise<{ article: ArticleRecord; versions: VersionRecord[] } | undefined> {
  const tx = db.transaction(['articles', 'versions'], 'readonly');
  const [article, versions] = await Promise.all([
    tx.objectStore('articles').get(id),
    tx.objectStore('versions').index('by-article').getAll(id),
    tx.done,
  ]);
  if (!article) return undefined;
  return { article, versions: versions.sort((a, b) => b.version - a.version) };
}

export async function getImageBlob(db: LibraryDB, hash: string): Promise<Blob | undefined> {
  return (await db.get('images', hash))?.blob;
}

/** Every saved article not in the trash, most recently saved first. */
export async function listArticles(db: LibraryDB): Promise<ArticleRecord[]> {
  return (await db.getAllFromIndex('articles', 'by-saved')).reverse().filter((a) => a.trashedAt === undefined);
}

/** The `limit` most recently saved articles not in the trash: enough for a first paint. */
export async function firstArticles(db: LibraryDB, limit: number): Promise<ArticleRecord[]> {
  const out: ArticleRecord[] = [];
  if (limit <= 0) return out;
  const tx = db.transaction('articles', 'readonly');
  for (let c = await tx.store.index('by-saved').openCursor(null, 'prev'); c; c = await c.continue()) {
    if (c.value.trashedAt === undefined) out.push(c.value);
    if (out.length >= limit) break;
  }
  await tx.done;
  return out;
}

export async function getVersion(db: LibraryDB, id: string, version: number): Promise<VersionRecord | undefined> {
  return db.get('versions', [id, version]);
}
