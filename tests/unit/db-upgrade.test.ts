// @vitest-environment node
// Node's Blob, which structuredClone (and so fake-indexeddb) can store; happy-dom's cannot be cloned.
import { type IDBPDatabase, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import type { ArticleMeta } from '../../utils/article';
import { type ArticleRecord, type CoralDB, DB_VERSION, openLibrary, upgradeLibrary } from '../../utils/db';
import { getArticle, getImageBlob, listArticles, savedStateFor, saveToLibrary } from '../../utils/library';

const dbName = () => `upgrade-test-${crypto.randomUUID()}`;

/** The database exactly as version 1 of the schema left it. */
function openV1(name: string): Promise<IDBPDatabase<CoralDB>> {
  return openDB<CoralDB>(name, 1, {
    upgrade(db, oldVersion, _newVersion, tx) {
      upgradeLibrary(db, oldVersion, 1, tx);
    },
  });
}

const meta = (url: string): ArticleMeta => ({
  title: url,
  dir: 'ltr',
  categories: [],
  tags: [],
  canonicalUrl: url,
  url,
});

function articleRecord(id: string, savedAt: number): ArticleRecord {
  const url = `https://chinadigitaltimes.net/${id}/`;
  return { id, canonicalUrl: url, meta: meta(url), firstSavedAt: savedAt, savedAt, versions: 1 };
}

describe('library schema', () => {
  it('is at version 2', () => {
    expect(DB_VERSION).toBe(2);
  });

  it('creates every store and index on a fresh profile', async () => {
    const db = await openLibrary(dbName());
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['articles', 'images', 'versions']);
    const tx = db.transaction(['articles', 'versions', 'images']);
    expect([...tx.objectStore('articles').indexNames].sort()).toEqual(['by-canonical', 'by-saved']);
    expect(tx.objectStore('articles').index('by-canonical').unique).toBe(true);
    expect([...tx.objectStore('versions').indexNames]).toEqual(['by-article']);
    expect(tx.objectStore('versions').keyPath).toEqual(['articleId', 'version']);
    expect(tx.objectStore('images').keyPath).toBe('hash');
    db.close();
  });

  it('upgrades a version 1 database without losing data, and the new index works', async () => {
    const name = dbName();
    const v1 = await openV1(name);
    expect(v1.version).toBe(1);
    expect([...v1.transaction('articles').store.indexNames]).toEqual(['by-canonical']);
    const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const older = articleRecord('older', 1_000);
    const newer = articleRecord('newer', 2_000);
    const tx = v1.transaction(['articles', 'versions', 'images'], 'readwrite');
    await Promise.all([
      tx.objectStore('articles').put(newer),
      tx.objectStore('articles').put(older),
      tx.objectStore('versions').put({
        articleId: 'older',
        version: 1,
        savedAt: 1_000,
        meta: older.meta,
        html: '<p>kept</p><img data-coral-ref="img0" alt="a">',
        text: 'kept',
        textHash: 'not-a-real-hash',
        images: [{ ref: 'img0', url: 'https://chinadigitaltimes.net/files/a.png', alt: 'a', hash: 'abc' }],
        bytes: 50,
      }),
      tx
        .objectStore('images')
        .put({ hash: 'abc', blob: new Blob([bytes], { type: 'image/png' }), type: 'image/png', size: 7 }),
      tx.done,
    ]);
    v1.close();

    const db = await openLibrary(name);
    expect(db.version).toBe(2);
    expect(await savedStateFor(db, older.canonicalUrl)).toEqual({ id: 'older', savedAt: 1_000, versions: 1 });
    const saved = await getArticle(db, 'older');
    expect(saved?.article).toEqual(older);
    expect(saved?.versions[0]?.html).toBe('<p>kept</p><img data-coral-ref="img0" alt="a">');
    const blob = await getImageBlob(db, 'abc');
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(bytes);

    // Records written before the index existed are in it.
    expect(await db.getAllKeysFromIndex('articles', 'by-saved')).toEqual(['older', 'newer']);
    expect((await listArticles(db)).map((a) => a.id)).toEqual(['newer', 'older']);

    // And the upgraded database takes new versions as usual.
    const result = await saveToLibrary(
      db,
      { article: { meta: older.meta, html: '<p>new</p>', text: 'new', images: [] }, images: [] },
      3_000,
    );
    expect(result).toMatchObject({ ok: true, id: 'older', version: 2, newVersion: true });
    expect((await listArticles(db)).map((a) => a.id)).toEqual(['older', 'newer']);
    db.close();
  });

  it('steps aside when a newer version of the extension upgrades the database', async () => {
    const name = dbName();
    const db = await openLibrary(name);
    // Without the blocking handler this open would wait for ever and the test would time out.
    const next = await openDB(name, DB_VERSION + 1);
    expect(next.version).toBe(DB_VERSION + 1);
    next.close();
    expect(() => db.transaction('articles')).toThrow();
  });
});
