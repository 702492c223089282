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

type Big = { id: string; title: string; bytes: number };
const bigFirst = (a: Big, b: Big) => b.bytes - a.bytes || a.title.localeCompare(b.title);

/** Adds `one` to `top` if it is among the `limit` biggest: the report never holds a list of every article. */
function keepBiggest(top: Big[], one: Big, limit: number): void {
  if (limit <= 0) return;
  const last = top[limit - 1];
  if (top.length >= limit && last && bigFirst(one, last) >= 0) return;
  const at = top.findIndex((kept) => bigFirst(one, kept) < 0);
  top.splice(at < 0 ? top.length : at, 0, one);
  if (top.length > limit) top.pop();
}

export async function storageReport(db: IDBPDatabase<CoralDB>, limit = 5): Promise<StorageReport> {
  const tx = db.transaction(['articles', 'images'], 'readonly');
  let textBytes = 0;
  let articles = 0;
  let trashed = 0;
  const biggest: Big[] = [];
  for (let c = await tx.objectStore('articles').openCursor(); c; c = await c.continue()) {
    const a = c.value;
    textBytes += a.textBytes;
    if (a.trashedAt !== undefined) {
      trashed++;
      continue;
    }
    articles++;
    keepBiggest(biggest, { id: a.id, title: a.meta.title, bytes: a.bytes }, limit);
  }
  let images = 0;
  let imageBytes = 0;
  for (let c = await tx.objectStore('images').openCursor(); c; c = await c.continue()) {
    images++;
    imageBytes += c.value.size;
  }
  await tx.done;
  return { articles, trashed, bytes: textBytes + imageBytes, images, imageBytes, biggest };
}
