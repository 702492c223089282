// What the reader does to saved articles: read marks, tags, reading progress, the trash and deleting
// for good. Each call is one readwrite transaction, and the search index changes with the articles.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import { allOrNothing } from './db/all-or-nothing';
import type { ArticleRecord, CoralDB } from './db/schema';
import { searchKey } from './search/keys';
import { tokenize } from './search/text';
import { reindexArticle, searchRecord } from './search/tokens';

type LibraryDB = IDBPDatabase<CoralDB>;
type WriteTx = IDBPTransaction<CoralDB, StoreNames<CoralDB>[], 'readwrite'>;

export const MAX_TAG_LENGTH = 50;
/** Reading this far counts as having read the article. */
export const READ_AT_PROGRESS = 0.97;

/** Trimmed, inner whitespace collapsed, at most 50 characters, no empties, no case-insensitive repeats. */
export function cleanTags(tags: string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    const tag = [...raw.replace(/\s+/g, ' ').trim()].slice(0, MAX_TAG_LENGTH).join('').trim();
    const key = tag.toLocaleLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    out.push(tag);
  }
  return out;
}

/**
 * Runs `change` on each article (missing ids are skipped) and stores the ones it returns, in one
 * transaction. `after` does any further writes for a changed article within the same transaction.
 */
async function editArticles(
  db: LibraryDB,
  ids: string[],
  change: (article: ArticleRecord) => ArticleRecord | undefined,
  after?: (tx: WriteTx, before: ArticleRecord, after: ArticleRecord) => Promise<void>,
): Promise<number> {
  const tx = db.transaction(['articles', 'versions', 'search'], 'readwrite');
  const articles = tx.objectStore('articles');
  let changed = 0;
  await allOrNothing(tx, () =>
    Promise.all(
      [...new Set(ids)].map(async (id) => {
        const before = await articles.get(id);
        const next = before && change(before);
        if (!before || !next) return;
        changed++;
        await articles.put(next);
        await after?.(tx, before, next);
      }),
    ),
  );
  return changed;
}

const withoutKey = <K extends 'readAt' | 'trashedAt'>(article: ArticleRecord, key: K): ArticleRecord => {
  const copy = { ...article };
  delete copy[key];
  return copy;
};

export async function setRead(db: LibraryDB, ids: string[], read: boolean, now: number = Date.now()): Promise<void> {
  await editArticles(db, ids, (a) => {
    if (a.read === read) return undefined;
    return read ? { ...a, read, readAt: now } : { ...withoutKey(a, 'readAt'), read };
  });
}

export async function addTags(db: LibraryDB, ids: string[], tags: string[]): Promise<void> {
  const adding = cleanTags(tags);
  if (adding.length === 0) return;
  await editArticles(
    db,
    ids,
    (a) => {
      const merged = cleanTags([...a.tags, ...adding]);
      return merged.length === a.tags.length ? undefined : { ...a, tags: merged };
    },
    // Adding only adds tokens; the title-marked ones are not touched by tags.
    async (tx, _before, next) => {
      const search = tx.objectStore('search');
      const entry = await search.get(searchKey(next.id));
      if (!entry) return reindexArticle(tx, next.id, next.meta, next.tags);
      const tokens = new Set(entry.tokens);
      for (const tag of adding) for (const t of tokenize(tag)) tokens.add(t);
      await search.put(searchRecord(next.id, [...tokens]));
    },
  );
}

export async function removeTags(db: LibraryDB, ids: string[], tags: string[]): Promise<void> {
  const removing = new Set(cleanTags(tags).map((t) => t.toLocaleLowerCase()));
  if (removing.size === 0) return;
  await editArticles(
    db,
    ids,
    (a) => {
      const kept = a.tags.filter((t) => !removing.has(t.toLocaleLowerCase()));
      return kept.length === a.tags.length ? undefined : { ...a, tags: kept };
    },
    // A removed tag's words may still be in the title or text: rebuild the entry rather than subtract.
    (tx, _before, next) => reindexArticle(tx, next.id, next.meta, next.tags),
  );
}

export async function trashArticles(db: LibraryDB, ids: string[], now: number): Promise<void> {
  await editArticles(db, ids, (a) => (a.trashedAt === undefined ? { ...a, trashedAt: now } : undefined));
}

export async function restoreArticles(db: LibraryDB, ids: string[]): Promise<void> {
  await editArticles(db, ids, (a) => (a.trashedAt === undefined ? undefined : withoutKey(a, 'trashedAt')));
}

/** Stores how far the reader got (0..1); reaching 97 % marks the article read. */
export async function setProgress(
  db: LibraryDB,
  id: string,
  progress: number,
  now: number = Date.now(),
): Promise<void> {
  const p = Number.isFinite(progress) ? Math.min(1, Math.max(0, progress)) : 0;
  await editArticles(db, [id], (a) => {
    const finished = p >= READ_AT_PROGRESS && !a.read;
    if (a.progress === p && !finished) return undefined;
    return finished ? { ...a, progress: p, read: true, readAt: now } : { ...a, progress: p };
  });
}

/**
 * Removes articles for good: their versions, their index entries, and every image that no remaining
 * version uses. Requests in a transaction run in order, so the counts see the deletions before them.
 */
async function removeWithin(tx: WriteTx, ids: string[]): Promise<void> {
  const versions = tx.objectStore('versions');
  const images = tx.objectStore('images');
  const candidates = new Set<string>();
  await Promise.all(
    ids.map(async (id) => {
      const kept = await versions.index('by-article').getAll(id);
      for (const v of kept) for (const h of v.imageHashes) candidates.add(h);
      await Promise.all([
        ...kept.map((v) => versions.delete([v.articleId, v.version])),
        tx.objectStore('articles').delete(id),
        tx.objectStore('search').delete(searchKey(id)),
      ]);
    }),
  );
  await Promise.all(
    [...candidates].map(async (hash) => {
      if ((await versions.index('by-image').count(hash)) === 0) await images.delete(hash);
    }),
  );
}

export async function deleteArticles(db: LibraryDB, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const tx = db.transaction(['articles', 'versions', 'images', 'search'], 'readwrite');
  await allOrNothing(tx, () => removeWithin(tx, unique));
}

/**
 * Deletes for good those of `ids` that are still in the trash; returns how many. The undo toast ends
 * with this rather than `deleteArticles`: in the seconds before, the article may have come back (saved
 * again from its page, or restored in another window), and then it is no longer the user's to lose.
 */
export async function emptyTrash(db: LibraryDB, ids: string[]): Promise<number> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return 0;
  const tx = db.transaction(['articles', 'versions', 'images', 'search'], 'readwrite');
  return allOrNothing(tx, async () => {
    const records = await Promise.all(unique.map((id) => tx.objectStore('articles').get(id)));
    const trashed = records.flatMap((record) => (record?.trashedAt !== undefined ? [record.id] : []));
    await removeWithin(tx, trashed);
    return trashed.length;
  });
}

/** Deletes for good what went into the trash before `olderThan` (ms since epoch); returns how many. */
export async function purgeTrash(db: LibraryDB, olderThan: number): Promise<number> {
  const tx = db.transaction(['articles', 'versions', 'images', 'search'], 'readwrite');
  return allOrNothing(tx, async () => {
    const trashed = tx.objectStore('articles').index('by-trashed');
    const ids = await trashed.getAllKeys(IDBKeyRange.upperBound(olderThan, true));
    await removeWithin(tx, ids);
    return ids.length;
  });
}
