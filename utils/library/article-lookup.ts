import { legacyKeysOf } from '../shared/article-key';
import type { ArticleRecord } from './db/schema';

/** The articles store's `by-canonical` index, in a transaction or on the database. */
interface ByKey {
  get(key: string): Promise<ArticleRecord | undefined>;
}

/**
 * The article saved under a page's key (utils/shared/article-key.ts), or under the address an older
 * Coral keyed it by: a library saved before the key rule must be found again on the next save, not
 * split in two. A re-save that adds a version moves the article to the new key.
 */
export async function articleByKey(index: ByKey, key: string): Promise<ArticleRecord | undefined> {
  for (const candidate of legacyKeysOf(key)) {
    const found = await index.get(candidate);
    if (found) return found;
  }
  return undefined;
}
