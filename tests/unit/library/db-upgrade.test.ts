// @vitest-environment node
// Node's Blob, which structuredClone (and so fake-indexeddb) can store; happy-dom's cannot be cloned.
import { type IDBPDatabase, openDB } from 'idb';
import { describe, expect, it } from 'vitest';
import { getArticle, getImageBlob, listArticles, savedStateFor, saveToLibrary } from '../../../utils/library/articles';
import { upgradeLibrary } from '../../../utils/library/db/migrations';
import { openLibrary } from '../../../utils/library/db/open';
import type { ArticleRecord, CoralDB, VersionRecord } from '../../../utils/library/db/schema';
import { backfillSearchIndex } from '../../../utils/library/search/backfill';
import { searchLibraryPage } from '../../../utils/library/search/session';
import { searchLibrary } from '../../../utils/library/search/tokens';
import type { ArticleMeta, ImageRef } from '../../../utils/shared/article';

const dbName = () => `upgrade-test-${crypto.randomUUID()}`;

/** The database exactly as an older version of the schema left it. */
function openAt(name: string, version: number): Promise<IDBPDatabase<CoralDB>> {
  return openDB<CoralDB>(name, version, {
    upgrade(db, oldVersion, _newVersion, tx) {
      upgradeLibrary(db, oldVersion, version, tx);
    },
  });
}
const openV1 = (name: string) => openAt(name, 1);

/** Article and version records as schema versions 1 and 2 wrote them, before the v3 fields. */
type OldArticle = Pick<ArticleRecord, 'id' | 'canonicalUrl' | 'meta' | 'firstSavedAt' | 'savedAt' | 'versions'>;
interface OldVersion {
  articleId: string;
  version: number;
  savedAt: number;
  meta: ArticleMeta;
  html: string;
  text: string;
  textHash: string;
  images: ImageRef[];
  bytes: number;
}

const meta = (url: string): ArticleMeta => ({
  title: url,
  dir: 'ltr',
  categories: [],
  tags: [],
  canonicalUrl: url,
  url,
});

function articleRecord(id: string, savedAt: number): OldArticle {
  const url = `https://chinadigitaltimes.net/${id}/`;
  return { id, canonicalUrl: url, meta: meta(url), firstSavedAt: savedAt, savedAt, versions: 1 };
}

describe('library schema', () => {
  it('keeps the library when the extension opens it again', async () => {
    const name = dbName();
    const first = await openLibrary(name);
    const saved = await saveToLibrary(
      first,
      {
        article: { meta: meta('https://chinadigitaltimes.net/again/'), html: '<p>再次</p>', text: '再次', images: [] },
        images: [],
      },
      1_000,
    );
    expect(saved.ok).toBe(true);
    const before = { articles: await first.getAll('articles'), versions: await first.getAll('versions') };
    first.close();

    const again = await openLibrary(name);
    expect({ articles: await again.getAll('articles'), versions: await again.getAll('versions') }).toEqual(before);
    expect(await searchLibrary(again, '再次')).toHaveLength(1);
    again.close();
  });

  it('creates every store and index on a fresh profile', async () => {
    const db = await openLibrary(dbName());
    expect([...db.objectStoreNames].sort()).toEqual([
      'articles',
      'images',
      'search',
      'secrets',
      'settings',
      'versions',
    ]);
    const tx = db.transaction(['articles', 'versions', 'images', 'search']);
    expect([...tx.objectStore('articles').indexNames].sort()).toEqual(['by-canonical', 'by-saved', 'by-trashed']);
    expect(tx.objectStore('articles').index('by-canonical').unique).toBe(true);
    expect([...tx.objectStore('versions').indexNames].sort()).toEqual(['by-article', 'by-image']);
    expect(tx.objectStore('versions').index('by-image').multiEntry).toBe(true);
    expect(tx.objectStore('versions').keyPath).toEqual(['articleId', 'version']);
    expect(tx.objectStore('images').keyPath).toBe('hash');
    expect(tx.objectStore('search').keyPath).toBe('key');
    expect(tx.objectStore('search').index('by-token').multiEntry).toBe(true);
    expect(db.transaction('secrets').store.keyPath).toBe('id');
    expect(db.transaction('settings').store.keyPath).toBe('key');
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
      tx.objectStore('articles').put(newer as ArticleRecord),
      tx.objectStore('articles').put(older as ArticleRecord),
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
      } satisfies OldVersion as VersionRecord),
      tx
        .objectStore('images')
        .put({ hash: 'abc', blob: new Blob([bytes], { type: 'image/png' }), type: 'image/png', size: 7 }),
      tx.done,
    ]);
    v1.close();

    const db = await openLibrary(name);
    expect(await savedStateFor(db, older.canonicalUrl)).toEqual({ id: 'older', savedAt: 1_000, versions: 1 });
    const saved = await getArticle(db, 'older');
    const textBytes = '<p>kept</p><img data-coral-ref="img0" alt="a">'.length + 'kept'.length;
    expect(saved?.article).toEqual({ ...older, read: false, tags: [], progress: 0, textBytes, bytes: textBytes + 7 });
    expect(saved?.versions[0]?.imageHashes).toEqual(['abc']);
    // The upgrade leaves the search store empty; the background fills it after opening.
    expect(await searchLibrary(db, 'kept')).toEqual([]);
    expect(await backfillSearchIndex(db)).toBe(2);
    expect(await searchLibrary(db, 'kept')).toEqual(['older']);
    expect(await backfillSearchIndex(db)).toBe(0);
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
    expect(await searchLibrary(db, 'kept')).toEqual([]);
    // 'older' by its new text; 'newer' (a version-less record) by the word in its title, so it ranks first.
    expect(await searchLibrary(db, 'new')).toEqual(['newer', 'older']);
    db.close();
  });

  it('upgrades a version 2 database: new fields, image hashes, sizes and the search index', async () => {
    const name = dbName();
    const v2 = await openAt(name, 2);
    expect(v2.version).toBe(2);
    const zh = articleRecord('zh', 5_000);
    const en = articleRecord('en', 6_000);
    const ref = (r: string, hash?: string): ImageRef => ({
      ref: r,
      url: `https://x/${r}.png`,
      alt: r,
      ...(hash && { hash }),
    });
    const version = (articleId: string, n: number, text: string, images: ImageRef[]): OldVersion => ({
      articleId,
      version: n,
      savedAt: 1_000 * n,
      meta: articleId === 'zh' ? { ...zh.meta, title: '網絡審查的歷史' } : { ...en.meta, title: 'Firewall history' },
      html: `<p>${text}</p>`,
      text,
      textHash: `${articleId}-${n}`,
      images,
      bytes: 0,
    });
    const versions = [
      // The shared image is used twice in one version and again in the next: its size counts once.
      version('zh', 1, '舊版本', [ref('a', 'shared'), ref('b', 'shared'), ref('c')]),
      version('zh', 2, '記者被刪除', [ref('a', 'shared'), ref('d', 'own')]),
      version('en', 1, 'Journalists deleted posts', [ref('e', 'shared')]),
    ];
    const tx = v2.transaction(['articles', 'versions', 'images'], 'readwrite');
    const blob = (n: number) => new Blob([new Uint8Array(n)], { type: 'image/png' });
    await Promise.all([
      tx.objectStore('articles').put({ ...zh, meta: versions[1]?.meta as ArticleMeta, versions: 2 } as ArticleRecord),
      tx.objectStore('articles').put({ ...en, meta: versions[2]?.meta as ArticleMeta } as ArticleRecord),
      ...versions.map((v) => tx.objectStore('versions').put(v as VersionRecord)),
      tx.objectStore('images').put({ hash: 'shared', blob: blob(100), type: 'image/png', size: 100 }),
      tx.objectStore('images').put({ hash: 'own', blob: blob(30), type: 'image/png', size: 30 }),
      tx.done,
    ]);
    v2.close();

    const db = await openLibrary(name);
    const hashes = (await db.getAll('versions')).map((v) => [v.articleId, v.version, v.imageHashes]);
    expect(hashes).toEqual([
      ['en', 1, ['shared']],
      ['zh', 1, ['shared']],
      ['zh', 2, ['shared', 'own']],
    ]);
    expect(await db.getAllKeysFromIndex('versions', 'by-image', 'shared')).toHaveLength(3);
    const utf8 = (s: string) => new TextEncoder().encode(s).length;
    const zhText = utf8('<p>舊版本</p>舊版本<p>記者被刪除</p>記者被刪除');
    expect(await db.get('articles', 'zh')).toMatchObject({ read: false, tags: [], progress: 0, textBytes: zhText });
    expect((await db.get('articles', 'zh'))?.bytes).toBe(zhText + 130);
    expect((await db.get('articles', 'en'))?.bytes).toBe(utf8('<p>Journalists deleted posts</p>') + 25 + 100);
    expect((await db.get('articles', 'zh'))?.trashedAt).toBeUndefined();

    // Entries come from the newest version: its text and title, Traditional folded to Simplified.
    expect(await db.count('search')).toBe(0);
    await backfillSearchIndex(db);
    expect(await db.count('search')).toBe(2);
    expect(await searchLibrary(db, '删除')).toEqual(['zh']);
    expect(await searchLibrary(db, '网络审查')).toEqual(['zh']);
    expect(await searchLibrary(db, '旧版本')).toEqual([]);
    expect(await searchLibrary(db, 'journalists')).toEqual(['en']);
    expect(await searchLibrary(db, 'history')).toEqual(['en']);
    db.close();
  });

  it('upgrades a version 3 database: the library is kept, a secrets store is added, the index rebuilt', async () => {
    const name = dbName();
    const v3 = await openAt(name, 3);
    expect(v3.version).toBe(3);
    expect([...v3.objectStoreNames]).not.toContain('secrets');
    const saved = await saveToLibrary(
      v3,
      {
        article: { meta: meta('https://chinadigitaltimes.net/v3/'), html: '<p>审查</p>', text: '审查', images: [] },
        images: [],
      },
      7_000,
    );
    expect(saved.ok).toBe(true);
    const before = { articles: await v3.getAll('articles'), versions: await v3.getAll('versions') };
    v3.close();

    const db = await openLibrary(name);
    expect(await db.getAll('articles')).toEqual(before.articles);
    expect(await db.getAll('versions')).toEqual(before.versions);
    expect(await db.count('search')).toBe(0);
    expect(await backfillSearchIndex(db)).toBe(1);
    expect(await searchLibrary(db, '审查')).toHaveLength(1);
    expect(await db.count('secrets')).toBe(0);
    await db.put('secrets', { id: 'b-1', password: 'p' });
    expect(await db.get('secrets', 'b-1')).toEqual({ id: 'b-1', password: 'p' });
    db.close();
  });

  it('upgrades a version 4 database: its passwords are kept, and a settings store is added', async () => {
    const name = dbName();
    const v4 = await openAt(name, 4);
    expect([...v4.objectStoreNames]).not.toContain('settings');
    await v4.put('secrets', { id: 'b-1', password: 'p' });
    v4.close();

    const db = await openLibrary(name);
    expect(await db.get('secrets', 'b-1')).toEqual({ id: 'b-1', password: 'p' });
    expect(await db.count('settings')).toBe(0);
    await db.put('settings', { key: 'mirrorHosts', value: ['cdt.example.org'] });
    expect(await db.get('settings', 'mirrorHosts')).toEqual({ key: 'mirrorHosts', value: ['cdt.example.org'] });
    db.close();
  });

  it('rebuilds the search index of a version 4 database, whose tokens were folded apart (么 → 幺, 麼 → 么)', async () => {
    const name = dbName();
    const v4 = await openAt(name, 4);
    const url = 'https://chinadigitaltimes.net/why/';
    const article = { ...articleRecord('why', 1_000), read: false, tags: [], progress: 0, textBytes: 9, bytes: 9 };
    const text = '为什么删帖';
    const tx = v4.transaction(['articles', 'versions', 'search'], 'readwrite');
    await Promise.all([
      tx.objectStore('articles').put(article as ArticleRecord),
      tx.objectStore('versions').put({
        ...({ articleId: 'why', version: 1, savedAt: 1_000, meta: meta(url), html: `<p>${text}</p>`, text } as const),
        ...{ textHash: 'h', images: [], bytes: 9, imageHashes: [] },
      }),
      // Exactly what the one-pass folding stored: 么 became 幺, so 為什麼 (folded to 为什么) never met it.
      tx.objectStore('search').put({
        articleId: 'why',
        tokens: ['为', '什', '幺', '删', '帖', '为什', '什幺', '幺删', '删帖'],
      } as unknown as CoralDB['search']['value']),
      tx.done,
    ]);
    v4.close();

    const db = await openLibrary(name);
    expect(db.transaction('search').store.keyPath).toBe('key');
    expect(await db.count('search')).toBe(0);
    expect(await backfillSearchIndex(db)).toBe(1);
    for (const query of ['為什麼', '为什么', '什麽', '麼']) expect(await searchLibrary(db, query)).toEqual(['why']);
    expect((await searchLibraryPage(db, '為什麼'))?.ids).toEqual(['why']);
    expect(await db.get('articles', 'why')).toEqual(article);
    db.close();
  });

  it('steps aside when a newer version of the extension upgrades the database', async () => {
    const name = dbName();
    const db = await openLibrary(name);
    // Without the blocking handler this open would wait for ever and the test would time out.
    const next = await openDB(name, db.version + 1);
    expect(next.version).toBe(db.version + 1);
    next.close();
    expect(() => db.transaction('articles')).toThrow();
  });
});
