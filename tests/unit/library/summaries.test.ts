// @vitest-environment node
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { listArticles } from '../../../utils/library/articles';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import { trashArticles } from '../../../utils/library/edit';
import { interner, listSummaries, summarize } from '../../../utils/library/summaries';
import { type ListFilters, NO_FILTERS, type SortKey, visibleArticles } from '../../../utils/popup/list-model';
import { syntheticLibrary, writeSynthetic } from '../../support/synthetic-library';

const dbs: IDBPDatabase<CoralDB>[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function seeded(n: number) {
  const db = await openLibrary(`summaries-test-${crypto.randomUUID()}`);
  dbs.push(db);
  const lib = syntheticLibrary(n, 7);
  // Two articles saved in the same millisecond: their order must still be the index's.
  const [, a, b] = lib.articles;
  if (a && b) b.savedAt = a.savedAt;
  await writeSynthetic(db, lib);
  return { db, lib };
}

describe('listSummaries', () => {
  it('lists what listArticles lists, in its order, across many batches, without the trash', async () => {
    const { db, lib } = await seeded(60);
    const trashed = lib.articles.filter((_, i) => i % 9 === 0).map((a) => a.id);
    await trashArticles(db, trashed, Date.now());
    const records = await listArticles(db);
    // Batches of 7 over 60 records: the walk must resume after each batch's last key.
    const summaries = await listSummaries(db, 7);
    expect(summaries.map((s) => s.id)).toEqual(records.map((r) => r.id));
    expect(summaries).toHaveLength(60 - trashed.length);
    expect(await listSummaries(db, 60)).toEqual(summaries);
  });

  it('gives every sort and filter the same list as the whole records would', async () => {
    const { db } = await seeded(80);
    const records = await listArticles(db);
    const summaries = await listSummaries(db);
    const tag = records.flatMap((r) => r.tags)[0] ?? '';
    const filters: ListFilters[] = [
      NO_FILTERS,
      { ...NO_FILTERS, unreadOnly: true },
      { ...NO_FILTERS, site: '中国数字时代' },
      { ...NO_FILTERS, tag },
    ];
    const matches = records.filter((_, i) => i % 3 === 0).map((r) => r.id);
    for (const sort of ['saved', 'published', 'title', 'relevance'] as SortKey[])
      for (const f of filters)
        for (const m of [null, matches]) {
          const query = { sort, filters: f, matches: m, locale: 'zh-CN' };
          const ids = (list: readonly { id: string }[]) => list.map((a) => a.id);
          expect(ids(visibleArticles(summaries, query))).toEqual(ids(visibleArticles(records, query)));
        }
  });
});

describe('summarize', () => {
  it('keeps only what a row shows and the list sorts and filters by', async () => {
    const lib = syntheticLibrary(1, 3);
    const record = lib.articles[0];
    if (!record) throw new Error('no article');
    record.tags = ['law'];
    const summary = summarize(record);
    expect(Object.keys(summary).sort()).toEqual(['id', 'meta', 'read', 'savedAt', 'tags']);
    expect(Object.keys(summary.meta).sort()).toEqual(['author', 'dir', 'lang', 'published', 'siteName', 'title']);
    expect(summary.meta.title).toBe(record.meta.title);
    expect(summary.tags).toEqual(['law']);
  });

  it('keeps the address only where the site has no name, for naming the site by its host', () => {
    const record = syntheticLibrary(1, 3).articles[0];
    if (!record) throw new Error('no article');
    record.meta.siteName = undefined;
    expect(summarize(record).canonicalUrl).toBe(record.canonicalUrl);
  });

  it('interns repeated strings, and leaves absent ones absent', () => {
    const intern = interner();
    const first = intern(['China', 'Digital Times'].join(' '));
    expect(intern(['China Digital', 'Times'].join(' '))).toBe(first);
    expect(intern(undefined)).toBeUndefined();
  });
});
