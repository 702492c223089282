// How much the library keeps, and which articles take the most room: for freeing space.
import type { IDBPDatabase } from 'idb';
import type { CoralDB } from './db/schema';

export interface StorageReport {
  /** Articles not in the trash. */
  articles: number;
  /** Articles in the trash, waiting to be purged. */
  trashed: number;
  /** Everything stored, the trash included: HTML and text of every version plus every image once. */
  bytes: number;
  images: number;
  imageBytes: number;
  /** The largest articles not in the trash, largest first; an image they share counts for each. */
  biggest: Array<{ id: string; title: string; bytes: number }>;
}

export async function storageReport(db: IDBPDatabase<CoralDB>, limit = 5): Promise<StorageReport> {
  const tx = db.transaction(['articles', 'images'], 'readonly');
  let textBytes = 0;
  let articles = 0;
  let trashed = 0;
  const live: Array<{ id: string; title: string; bytes: number }> = [];
  for (let c = await tx.objectStore('articles').openCursor(); c; c = await c.continue()) {
    const a = c.value;
    textBytes += a.textBytes;
    if (a.trashedAt !== undefined) {
      trashed++;
      continue;
    }
    articles++;
    live.push({ id: a.id, title: a.meta.title, bytes: a.bytes });
  }
  let images = 0;
  let imageBytes = 0;
  for (let c = await tx.objectStore('images').openCursor(); c; c = await c.continue()) {
    images++;
    imageBytes += c.value.size;
  }
  await tx.done;
  const biggest = live.sort((a, b) => b.bytes - a.bytes || a.title.localeCompare(b.title)).slice(0, Math.max(0, limit));
  return { articles, trashed, bytes: textBytes + imageBytes, images, imageBytes, biggest };
}
