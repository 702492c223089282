// The whole library as one zip: nothing locked in. Articles are read one at a time and streamed into the
// archive, so only the zip being built and one article are in memory at once, not a copy of everything.
import { strToU8, Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { IDBPDatabase } from 'idb';
import type { CoralDB, VersionRecord } from '../db/schema';
import {
  articleEntryName,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  imageEntryName,
  MANIFEST_NAME,
} from './format';
import type { BackupArticle } from './schema';

type LibraryDB = IDBPDatabase<CoralDB>;

const MISSING_IMAGE = 'The image was missing from the library when it was backed up.';

/**
 * A version whose image records are gone (a damaged library) is written with those images marked as
 * failed, so that the backup still imports everywhere rather than being refused for a missing file.
 */
function withoutMissingImages(version: VersionRecord, present: (hash: string) => boolean): VersionRecord {
  if (version.imageHashes.every(present)) return version;
  return {
    ...version,
    imageHashes: version.imageHashes.filter(present),
    images: version.images.map((ref) =>
      ref.hash && !present(ref.hash) ? { ref: ref.ref, url: ref.url, alt: ref.alt, error: MISSING_IMAGE } : ref,
    ),
  };
}

function zipInto(chunks: Uint8Array[]): { zip: Zip; done: Promise<void> } {
  let settle: { resolve: () => void; reject: (error: Error) => void } | undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = { resolve, reject };
  });
  const zip = new Zip((error, chunk, final) => {
    if (error) settle?.reject(error);
    else {
      chunks.push(chunk);
      if (final) settle?.resolve();
    }
  });
  return { zip, done };
}

function addJson(zip: Zip, name: string, value: unknown, mtime: number): void {
  const entry = new ZipDeflate(name, { level: 6 });
  entry.mtime = mtime;
  zip.add(entry);
  entry.push(strToU8(JSON.stringify(value)), true);
}

/** Every article not in the trash, with all its versions, tags, reading state and images. */
export async function exportLibrary(db: LibraryDB, now: number = Date.now()): Promise<Blob> {
  const chunks: Uint8Array[] = [];
  const { zip, done } = zipInto(chunks);
  const imageKeys = new Set(await db.getAllKeys('images'));
  const present = (hash: string): boolean => imageKeys.has(hash);
  const used = new Set<string>();
  const articleIds = (await db.getAll('articles')).filter((a) => a.trashedAt === undefined).map((a) => a.id);
  let articleCount = 0;
  for (const id of articleIds) {
    // Read again one by one: each is a fresh snapshot, and earlier articles can be collected meanwhile.
    const tx = db.transaction(['articles', 'versions'], 'readonly');
    const [article, versions] = await Promise.all([
      tx.objectStore('articles').get(id),
      tx.objectStore('versions').index('by-article').getAll(id),
      tx.done,
    ]);
    if (!article || article.trashedAt !== undefined || versions.length === 0) continue;
    const kept = versions.sort((a, b) => a.version - b.version).map((v) => withoutMissingImages(v, present));
    for (const version of kept) for (const hash of version.imageHashes) used.add(hash);
    const file: BackupArticle = { article: { ...article, versions: kept.length }, versions: kept };
    addJson(zip, articleEntryName(id), file, now);
    articleCount++;
  }
  const types: Record<string, string> = {};
  for (const hash of used) {
    const image = await db.get('images', hash);
    if (!image) continue;
    types[hash] = image.type;
    const entry = new ZipPassThrough(imageEntryName(hash, image.type));
    entry.mtime = now;
    zip.add(entry);
    entry.push(new Uint8Array(await image.blob.arrayBuffer()), true);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: now,
    app: 'Coral',
    articleCount,
    images: types,
  };
  addJson(zip, MANIFEST_NAME, manifest, now);
  zip.end();
  await done;
  return new Blob(chunks as BlobPart[], { type: 'application/zip' });
}
