// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../utils/library/db/open';
import { trashArticles } from '../../../utils/library/edit';
import { realServices } from '../../../utils/popup/services';
import { syntheticLibrary, writeSynthetic } from '../../support/synthetic-library';

const closers: Array<() => void> = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

describe('the popup services', () => {
  it('list the library as summaries: no excerpt, address or site tags kept per article', async () => {
    const db = await openLibrary(`services-test-${crypto.randomUUID()}`);
    closers.push(() => db.close());
    const lib = syntheticLibrary(12, 5);
    await writeSynthetic(db, lib);
    const services = realServices(db);
    const all = await services.listArticles();
    const first = await services.firstArticles(3);
    expect(all).toHaveLength(12);
    expect(first.map((a) => a.id)).toEqual(all.slice(0, 3).map((a) => a.id));
    for (const listed of [...all, ...first]) {
      expect(listed).not.toHaveProperty('meta.excerpt');
      expect(listed).not.toHaveProperty('meta.url');
      expect(listed).not.toHaveProperty('canonicalUrl');
      expect(listed).not.toHaveProperty('textBytes');
    }
  });

  it('count the library from keys, leaving out the trash as the list does', async () => {
    const db = await openLibrary(`services-test-${crypto.randomUUID()}`);
    closers.push(() => db.close());
    const lib = syntheticLibrary(9, 6);
    await writeSynthetic(db, lib);
    await trashArticles(db, [lib.articles[2]?.id ?? '', lib.articles[5]?.id ?? ''], Date.now());
    const services = realServices(db);
    expect(await services.countArticles?.()).toBe(7);
    expect(await services.listArticles()).toHaveLength(7);
  });
});
