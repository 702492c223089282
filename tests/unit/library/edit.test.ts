// @vitest-environment node
// Node's Blob, which fake-indexeddb can store; happy-dom's cannot be cloned.
import { Buffer } from 'node:buffer';
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getArticle, listArticles, saveToLibrary } from '../../../utils/library/articles';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import {
  addTags,
  cleanTags,
  deleteArticles,
  emptyTrash,
  purgeTrash,
  removeTags,
  restoreArticles,
  setProgress,
  setRead,
  trashArticles,
} from '../../../utils/library/edit';
import { searchLibrary } from '../../../utils/library/search/tokens';
import { storageReport } from '../../../utils/library/stats';
import type { SaveRequest } from '../../../utils/shared/article';

const dbs: IDBPDatabase<CoralDB>[] = [];
async function freshDb(): Promise<IDBPDatabase<CoralDB>> {
  const db = await openLibrary(`edit-test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

function png(seed: number, length = 64): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < length; i++) bytes[i] = (seed * 131 + i * 7) % 256;
  return bytes;
}

/** An article whose images are given as [ref, seed, size]. */
function request(slug: string, text: string, images: Array<[string, number, number]> = []): SaveRequest {
  const url = `https://chinadigitaltimes.net/${slug}/`;
  return {
    article: {
      meta: { title: `Title ${slug}`, dir: 'ltr', categories: [], tags: [], canonicalUrl: url, url },
      html: `<p>${text}</p>`,
      text,
      images: images.map(([ref]) => ({ ref, url: `https://chinadigitaltimes.net/files/${ref}.png`, alt: ref })),
    },
    images: images.map(([ref, seed, size]) => ({
      ref,
      type: 'image/png',
      base64: Buffer.from(png(seed, size)).toString('base64'),
    })),
  };
}

async function save(db: IDBPDatabase<CoralDB>, req: SaveRequest, now = 1_000): Promise<string> {
  const result = await saveToLibrary(db, req, now);
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

const article = async (db: IDBPDatabase<CoralDB>, id: string) => (await getArticle(db, id))?.article;

describe('read marks and progress', () => {
  it('marks read with the time and unread without it, leaving unknown ids alone', async () => {
    const db = await freshDb();
    const a = await save(db, request('a', 'one'));
    const b = await save(db, request('b', 'two'));
    await setRead(db, [a, b, 'missing'], true, 5_000);
    expect(await article(db, a)).toMatchObject({ read: true, readAt: 5_000 });
    await setRead(db, [a], true, 6_000);
    expect((await article(db, a))?.readAt).toBe(5_000);
    await setRead(db, [a], false);
    const unread = await article(db, a);
    expect(unread?.read).toBe(false);
    expect(unread && 'readAt' in unread).toBe(false);
    expect(await article(db, b)).toMatchObject({ read: true, readAt: 5_000 });
    expect(await db.count('articles')).toBe(2);
  });

  it('stores progress between 0 and 1, and reading to the end marks read', async () => {
    const db = await freshDb();
    const a = await save(db, request('a', 'one'));
    await setProgress(db, a, 0.5, 2_000);
    expect(await article(db, a)).toMatchObject({ progress: 0.5, read: false });
    await setProgress(db, a, -3, 2_000);
    expect((await article(db, a))?.progress).toBe(0);
    await setProgress(db, a, 0.97, 3_000);
    expect(await article(db, a)).toMatchObject({ progress: 0.97, read: true, readAt: 3_000 });
    await setProgress(db, a, 7, 4_000);
    expect(await article(db, a)).toMatchObject({ progress: 1, read: true, readAt: 3_000 });
  });
});

describe('tags', () => {
  it('cleans tags: trimmed, at most 50 characters, no empties, no repeats whatever the case', () => {
    expect(cleanTags(['  Law ', 'law', '', '   ', 'LAW', 'to   read', '审查', 'x'.repeat(60)])).toEqual([
      'Law',
      'to read',
      '审查',
      'x'.repeat(50),
    ]);
  });

  it('adds and removes tags, and search follows', async () => {
    const db = await freshDb();
    const a = await save(db, request('a', 'Firewall text'));
    const b = await save(db, request('b', 'Other text'));
    await addTags(db, [a, b], ['Xinjiang', ' 審查 ']);
    await addTags(db, [a], ['xinjiang', 'Firewall']);
    expect((await article(db, a))?.tags).toEqual(['Xinjiang', '審查', 'Firewall']);
    expect((await article(db, b))?.tags).toEqual(['Xinjiang', '審查']);
    expect(await searchLibrary(db, 'xinjiang ')).toHaveLength(2);
    expect(await searchLibrary(db, '审查')).toHaveLength(2);

    await removeTags(db, [a, b], ['XINJIANG', 'firewall']);
    expect((await article(db, a))?.tags).toEqual(['審查']);
    expect(await searchLibrary(db, 'xinjiang ')).toEqual([]);
    // The tag is gone, but the word is still in the text.
    expect(await searchLibrary(db, 'firewall ')).toEqual([a]);
    expect(await searchLibrary(db, '審查')).toHaveLength(2);
  });
});

describe('trash, restore, purge and delete', () => {
  it('hides trashed articles, restores them, and purges only what is old enough', async () => {
    const db = await freshDb();
    const a = await save(db, request('a', 'alpha words'), 1_000);
    const b = await save(db, request('b', 'beta words'), 2_000);
    await trashArticles(db, [a], 10_000);
    await trashArticles(db, [b], 20_000);
    expect(await listArticles(db)).toEqual([]);
    expect(await searchLibrary(db, 'words ')).toEqual([]);

    await restoreArticles(db, [b]);
    const restored = await article(db, b);
    expect(restored && 'trashedAt' in restored).toBe(false);
    expect(await searchLibrary(db, 'words ')).toEqual([b]);

    await trashArticles(db, [b], 20_000);
    expect(await purgeTrash(db, 10_000)).toBe(0);
    expect(await purgeTrash(db, 15_000)).toBe(1);
    expect(await article(db, a)).toBeUndefined();
    expect(await db.get('search', a)).toBeUndefined();
    expect(await db.getAllFromIndex('versions', 'by-article', a)).toEqual([]);
    await restoreArticles(db, [b]);
    expect((await listArticles(db)).map((x) => x.id)).toEqual([b]);
  });

  it('empties from the trash only what is still in it: a copy saved again meanwhile is kept', async () => {
    const db = await freshDb();
    const a = await save(db, request('a', 'alpha', [['x', 2, 64]]), 1_000);
    const b = await save(db, request('b', 'beta', [['x', 2, 64]]), 2_000);
    await trashArticles(db, [a, b], 10_000);
    // During the undo delay the reader saves a again from its page, which takes it out of the trash.
    expect((await saveToLibrary(db, request('a', 'alpha', [['x', 2, 64]]), 11_000)).ok).toBe(true);
    expect(await emptyTrash(db, [a, b, 'missing'])).toBe(1);
    expect(await article(db, b)).toBeUndefined();
    expect((await listArticles(db)).map((x) => x.id)).toEqual([a]);
    expect(await db.count('images')).toBe(1);
    expect(await emptyTrash(db, [a])).toBe(0);
    expect(await article(db, a)).toBeDefined();
  });

  it('deletes articles with their versions and index entries, keeping images another article uses', async () => {
    const db = await freshDb();
    // a: shared + onlyA; a second version adds onlyA2. b: shared + onlyB.
    const a = await save(
      db,
      request('a', 'first', [
        ['s', 1, 64],
        ['x', 2, 64],
      ]),
      1_000,
    );
    await save(
      db,
      request('a', 'second', [
        ['s', 1, 64],
        ['y', 3, 64],
      ]),
      2_000,
    );
    const b = await save(
      db,
      request('b', 'other', [
        ['s', 1, 64],
        ['z', 4, 64],
      ]),
      3_000,
    );
    expect(await db.count('images')).toBe(4);
    expect(await db.count('versions')).toBe(3);

    await deleteArticles(db, [a, 'missing']);
    expect(await article(db, a)).toBeUndefined();
    expect(await db.count('versions')).toBe(1);
    expect(await db.count('search')).toBe(1);
    const left = (await getArticle(db, b))?.versions[0]?.imageHashes ?? [];
    expect((await db.getAllKeys('images')).sort()).toEqual([...left].sort());
    expect(left).toHaveLength(2);

    await deleteArticles(db, [b]);
    expect(await db.count('images')).toBe(0);
    expect(await db.count('versions')).toBe(0);
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('search')).toBe(0);
  });

  it('changes nothing when a delete fails partway', async () => {
    const db = await freshDb();
    const a = await save(db, request('a', 'first', [['x', 2, 64]]));
    const original = IDBObjectStore.prototype.delete;
    vi.spyOn(IDBObjectStore.prototype, 'delete').mockImplementation(function (this: IDBObjectStore, key) {
      if (this.name === 'images') throw new DOMException('Disk on fire', 'UnknownError');
      return original.call(this, key);
    });
    await expect(deleteArticles(db, [a])).rejects.toThrow('Disk on fire');
    vi.restoreAllMocks();
    expect(await article(db, a)).toBeDefined();
    expect(await db.count('versions')).toBe(1);
    expect(await db.count('images')).toBe(1);
    expect(await db.count('search')).toBe(1);
  });
});

describe('storageReport', () => {
  it('counts articles, images and bytes, and names the biggest articles', async () => {
    const db = await freshDb();
    const small = await save(db, request('small', 'tiny'));
    const big = await save(
      db,
      request('big', 'large', [
        ['s', 1, 5_000],
        ['t', 2, 3_000],
      ]),
    );
    const mid = await save(db, request('mid', 'medium', [['s', 1, 5_000]]));
    const gone = await save(db, request('gone', 'trashed', [['u', 3, 100]]));
    await trashArticles(db, [gone], 1);
    const text = (body: string) => `<p>${body}</p>`.length + body.length;

    const report = await storageReport(db, 2);
    expect(report).toEqual({
      articles: 3,
      trashed: 1,
      images: 3,
      imageBytes: 8_100,
      bytes: text('tiny') + text('large') + text('medium') + text('trashed') + 8_100,
      biggest: [
        { id: big, title: 'Title big', bytes: text('large') + 8_000 },
        { id: mid, title: 'Title mid', bytes: text('medium') + 5_000 },
      ],
    });
    expect((await storageReport(db)).biggest.map((x) => x.id)).toEqual([big, mid, small]);
  });
});
