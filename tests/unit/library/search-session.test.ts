import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import { addTags, trashArticles } from '../../../utils/library/edit';
import { searchLibraryPage, searchSession } from '../../../utils/library/search/session';
import { searchLibrary } from '../../../utils/library/search/tokens';
import { syntheticLibrary, writeSynthetic } from '../../support/synthetic-library';

const dbs: IDBPDatabase<CoralDB>[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function seeded(n: number) {
  const db = await openLibrary(`search-session-test-${crypto.randomUUID()}`);
  dbs.push(db);
  const lib = syntheticLibrary(n, 42);
  await writeSynthetic(db, lib);
  await trashArticles(
    db,
    lib.articles.slice(0, 50).map((a) => a.id),
    1,
  );
  return { db, lib };
}

// Common words, a prefix, CJK in both scripts, a rare word, two words together, no match.
const QUERIES = [
  'censorship ',
  'corrup',
  'th',
  '审查',
  '審查 自由',
  '防火長城',
  'police verdict ',
  'xinjiang law',
  'zzzz',
];

describe('search pages on 2,000 synthetic articles', () => {
  it('are the head of the full ranking, and say whether there is more', async () => {
    const { db } = await seeded(2_000);
    const cold = searchSession(db);
    const warm = searchSession(db);
    await warm.warm();
    for (const query of QUERIES) {
      const full = (await searchLibrary(db, query)) ?? [];
      for (const limit of [1, 30, 200, 5_000]) {
        const expected = { ids: full.slice(0, limit), truncated: full.length > limit };
        expect(await searchLibraryPage(db, query, limit), `${query} ${limit}`).toEqual(expected);
        // Sessions reuse lists and records from earlier queries; the answers must not change.
        expect(await cold.search(query, limit), `cold ${query} ${limit}`).toEqual(expected);
        expect(await warm.search(query, limit), `warm ${query} ${limit}`).toEqual(expected);
      }
    }
    expect((await searchLibraryPage(db, 'censorship '))?.truncated).toBe(true);
    expect(await warm.search('x')).toBeNull();
    expect(await warm.search('  ')).toBeNull();
  }, 120_000);

  it('sees an edit once told to forget the edited articles, and the trash at once', async () => {
    const { db, lib } = await seeded(300);
    const session = searchSession(db);
    await session.warm();
    const target = lib.articles[100]?.id as string;
    expect((await session.search('zebra '))?.ids).toEqual([]);
    await addTags(db, [target], ['Zebra']);
    session.forget([target]);
    expect(await session.search('zebra ')).toEqual({ ids: [target], truncated: false });
    expect((await session.search('zebr'))?.ids).toEqual([target]);
    await trashArticles(db, [target], 2);
    expect(await session.search('zebra ')).toEqual({ ids: [], truncated: false });
  }, 60_000);
});
