// Gives every article without a search entry one, from its newest version, with today's tokenizer.
// The upgrade ladder creates the search store empty (a shipped step must not call live code that can
// change), so the background and the popup run this after opening: the first time after an upgrade it
// indexes the whole library, afterwards it finds nothing to do and reads only keys.
import type { IDBPDatabase } from 'idb';
import type { CoralDB } from '../db/schema';
import { articleIdOf } from './keys';
import { reindexArticle } from './tokens';

/** How many articles one transaction indexes, so a large library never holds one long transaction. */
const BATCH = 200;

/** Indexes the articles that have no search entry; returns how many it indexed. */
export async function backfillSearchIndex(db: IDBPDatabase<CoralDB>): Promise<number> {
  const indexed = new Set((await db.getAllKeys('search')).map(articleIdOf));
  const missing = (await db.getAllKeys('articles')).filter((id) => !indexed.has(id));
  for (let i = 0; i < missing.length; i += BATCH) {
    const tx = db.transaction(['articles', 'versions', 'search'], 'readwrite');
    for (const id of missing.slice(i, i + BATCH)) {
      const article = await tx.objectStore('articles').get(id);
      if (article) await reindexArticle(tx, id, article.meta, article.tags);
    }
    await tx.done;
  }
  return missing.length;
}
