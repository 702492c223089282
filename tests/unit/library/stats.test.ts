// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../../utils/library/db/open';
import { storageReport } from '../../../utils/library/stats';
import { syntheticLibrary, writeSynthetic } from '../../support/synthetic-library';

describe('storageReport', () => {
  it('names the biggest articles, largest first, ties by title, whatever the limit', async () => {
    const db = await openLibrary(`stats-test-${crypto.randomUUID()}`);
    const lib = syntheticLibrary(40, 11);
    // Equal sizes, so the title decides between them.
    for (const a of lib.articles.slice(0, 6)) a.bytes = 1_000_000;
    await writeSynthetic(db, lib);
    const everyOne = lib.articles
      .map((a) => ({ id: a.id, title: a.meta.title, bytes: a.bytes }))
      .sort((a, b) => b.bytes - a.bytes || a.title.localeCompare(b.title));
    for (const limit of [0, 1, 4, 7, 40, 50])
      expect((await storageReport(db, limit)).biggest).toEqual(everyOne.slice(0, limit));
    db.close();
  });
});
