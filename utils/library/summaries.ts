// The library as the popup lists it: per article only what a row shows and what its filters and sorts
// read. A full record carries its excerpt, categories, site tags and addresses; kept for 50,000 articles
// they held the popup at 183 MiB. Records are read a batch at a time, so no more than one batch of them
// is alive at once, and the strings most articles share (site, author, language) are kept once.
import type { IDBPDatabase } from 'idb';
import type { ArticleMeta } from '../shared/article';
import type { ArticleRecord, CoralDB } from './db/schema';

export type ArticleSummary = Pick<ArticleRecord, 'id' | 'savedAt' | 'read' | 'tags'> & {
  /** Only where the site has no name: the list names the site by its host then. */
  canonicalUrl?: string;
  meta: Pick<ArticleMeta, 'title' | 'author' | 'published' | 'siteName' | 'lang' | 'dir'>;
};

/** Records read per request: big enough that the requests cost little, small enough to stay out of the heap. */
export const SUMMARY_BATCH = 500;

// Edits always make new tag arrays (popup-view's editArticle), so untagged articles can share this one.
const NO_TAGS: string[] = Object.freeze([]) as unknown as string[];

/** Keeps one copy of each string it is given. */
export function interner(): (value: string | undefined) => string | undefined {
  const seen = new Map<string, string>();
  return (value) => {
    if (value === undefined) return undefined;
    const kept = seen.get(value);
    if (kept !== undefined) return kept;
    seen.set(value, value);
    return value;
  };
}

export function summarize(record: ArticleRecord, intern = interner()): ArticleSummary {
  const { meta } = record;
  const summary: ArticleSummary = {
    id: record.id,
    savedAt: record.savedAt,
    read: record.read,
    tags: record.tags.length > 0 ? record.tags : NO_TAGS,
    meta: {
      title: meta.title,
      dir: meta.dir,
      ...(meta.author && { author: intern(meta.author) }),
      ...(meta.published && { published: meta.published }),
      ...(meta.siteName && { siteName: intern(meta.siteName) }),
      ...(meta.lang && { lang: intern(meta.lang) }),
    },
  };
  if (!meta.siteName) summary.canonicalUrl = record.canonicalUrl;
  return summary;
}

/** Newest saved first, ties by id from the last: the order of the `by-saved` index read backwards. */
const newestFirst = (a: ArticleSummary, b: ArticleSummary) => b.savedAt - a.savedAt || (a.id < b.id ? 1 : -1);

/** Every article not in the trash, summarised, most recently saved first. */
export async function listSummaries(db: IDBPDatabase<CoralDB>, batch = SUMMARY_BATCH): Promise<ArticleSummary[]> {
  const intern = interner();
  const out: ArticleSummary[] = [];
  const tx = db.transaction('articles', 'readonly');
  let after: string | undefined;
  for (;;) {
    const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
    const records = await tx.store.getAll(range, batch);
    for (const record of records) if (record.trashedAt === undefined) out.push(summarize(record, intern));
    if (records.length < batch) break;
    after = records.at(-1)?.id;
  }
  await tx.done;
  return out.sort(newestFirst);
}

/** How many articles are not in the trash, from key counts alone: the count line need not wait for the list. */
export async function countArticles(db: IDBPDatabase<CoralDB>): Promise<number> {
  const tx = db.transaction('articles', 'readonly');
  const [all, trashed] = await Promise.all([tx.store.count(), tx.store.index('by-trashed').count()]);
  await tx.done;
  return all - trashed;
}
