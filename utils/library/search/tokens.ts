// The full-text index in IndexedDB: one record per article with its tokens, and a multiEntry index
// from token to articles. Saves and edits keep it in step in their own transactions, so a search only
// reads keys: the posting lists, the trash and the saved-date order. No article is read.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { ArticleMeta } from '../../shared/article';
import type { CoralDB, SearchRecord } from '../db/schema';
import { isOwnVersion } from '../provenance';
import { articleIdOf, searchKey } from './keys';
import { queryTokens, tokenize } from './text';

type LibraryDB = IDBPDatabase<CoralDB>;

/** Title tokens are indexed a second time with this mark, so that ranking needs no article reads. */
export const TITLE_MARK = '^';

/** Everything an article can be found by: title, author, site, tags, categories, archive card, text. */
export function searchTokensFor(meta: ArticleMeta, tags: string[], text: string): string[] {
  const card = meta.archiveCard;
  const fields = [
    meta.title,
    meta.author,
    meta.siteName,
    ...tags,
    ...meta.tags,
    ...meta.categories,
    card?.originalTitle,
    card?.originalAuthor,
    card?.source,
    text,
  ];
  const tokens = new Set<string>();
  // Field by field, so that two fields never run together into a pair or word neither contains.
  for (const field of fields) if (field) for (const t of tokenize(field)) tokens.add(t);
  for (const t of tokenize(meta.title)) tokens.add(TITLE_MARK + t);
  return [...tokens];
}

/** An article's search record: the one shape every writer of the search store uses. */
export function searchEntry(articleId: string, meta: ArticleMeta, tags: string[], text: string): SearchRecord {
  return searchRecord(articleId, searchTokensFor(meta, tags, text));
}

export const searchRecord = (articleId: string, tokens: string[]): SearchRecord => ({
  key: searchKey(articleId),
  articleId,
  tokens,
});

type SearchWriteTx = IDBPTransaction<CoralDB, ('search' | StoreNames<CoralDB>)[], 'readwrite' | 'versionchange'>;

/** Writes (or replaces) an article's index entry within the caller's transaction. */
export function putSearchEntry(
  tx: SearchWriteTx,
  articleId: string,
  meta: ArticleMeta,
  tags: string[],
  text: string,
): Promise<string> {
  return tx.objectStore('search').put(searchEntry(articleId, meta, tags, text));
}

type SearchTx = IDBPTransaction<CoralDB, StoreNames<CoralDB>[], 'readonly' | 'readwrite'>;

const prefixRange = (p: string): IDBKeyRange => IDBKeyRange.bound(p, `${p}\uffff`);

const intersect = (so: Set<string> | undefined, ids: string[]): Set<string> =>
  so ? new Set(ids.filter((id) => so.has(id))) : new Set(ids);

/** Ids that have every token and a token starting with `prefix`, reading the rarest token first. */
async function matching(tx: SearchTx, tokens: string[], prefix: string | undefined): Promise<Set<string>> {
  const index = tx.objectStore('search').index('by-token');
  const counts = await Promise.all(tokens.map((t) => index.count(t)));
  if (counts.some((n) => n === 0)) return new Set();
  const order = tokens.map((t, i) => ({ t, n: counts[i] ?? 0 })).sort((a, b) => a.n - b.n);
  let result: Set<string> | undefined;
  for (const { t } of order) {
    const ids = (await index.getAllKeys(t)).map(articleIdOf);
    result = intersect(result, ids);
    if (result.size === 0) return result;
  }
  // The prefix goes last: its range is usually the widest read.
  if (prefix !== undefined) {
    const ids = (await index.getAllKeys(prefixRange(prefix))).map(articleIdOf);
    result = intersect(result, ids);
  }
  return result ?? new Set();
}

/**
 * Ids of the articles matching every token of `query`, not in the trash: those with all of it in the
 * title first, then by when they were saved, newest first. Null when the query has nothing to search
 * for (empty, or only a single letter still being typed).
 */
export async function searchLibrary(db: LibraryDB, query: string): Promise<string[] | null> {
  const { tokens, prefix } = queryTokens(query);
  if (tokens.length === 0 && prefix === undefined) return null;
  const tx = db.transaction(['search', 'articles'], 'readonly');
  const matches = await matching(tx, tokens, prefix);
  if (matches.size === 0) return [];
  const articles = tx.objectStore('articles');
  const [inTitle, trashed, bySaved] = await Promise.all([
    matching(
      tx,
      tokens.map((t) => TITLE_MARK + t),
      prefix === undefined ? undefined : TITLE_MARK + prefix,
    ),
    articles.index('by-trashed').getAllKeys(),
    articles.index('by-saved').getAllKeys(),
  ]);
  const trash = new Set(trashed);
  const newestFirst = bySaved.reverse().filter((id) => matches.has(id) && !trash.has(id));
  return [...newestFirst.filter((id) => inTitle.has(id)), ...newestFirst.filter((id) => !inTitle.has(id))];
}

type WriteTx = IDBPTransaction<CoralDB, StoreNames<CoralDB>[], 'readwrite'>;

/**
 * Rewrites an article's index entry from the version shown first (the newest saved here, or the newest
 * of all when none was), within the caller's transaction: a version a backup added is not what it indexes.
 */
export async function reindexArticle(tx: WriteTx, id: string, meta: ArticleMeta, tags: string[]): Promise<void> {
  let cursor = await tx.objectStore('versions').openCursor(IDBKeyRange.bound([id, -Infinity], [id, Infinity]), 'prev');
  const newest = cursor?.value;
  while (cursor && !isOwnVersion(cursor.value)) cursor = await cursor.continue();
  const text = (cursor?.value ?? newest)?.text ?? '';
  await putSearchEntry(tx, id, meta, tags, text);
}
