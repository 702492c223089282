// @vitest-environment node
// Node's own Blob, not happy-dom's: fake-indexeddb stores values with structuredClone, which only
// clones the platform Blob (as browsers do), and happy-dom's Blob comes back as an empty object.
import { Buffer } from 'node:buffer';
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  firstArticles,
  getArticle,
  getImageBlob,
  getVersion,
  listArticles,
  savedStateFor,
  saveToLibrary,
} from '../../../utils/library/articles';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import { addTags, setProgress, trashArticles } from '../../../utils/library/edit';
import { isQuotaError, saveFailure } from '../../../utils/library/save-error';
import { searchLibrary } from '../../../utils/library/search/tokens';
import type { ExtractedArticle, ImagePayload, SaveRequest } from '../../../utils/shared/article';
import { MAX_ARTICLE_BYTES, MAX_IMAGE_BYTES } from '../../../utils/shared/limits';

const T1 = Date.UTC(2024, 7, 1);
const T2 = Date.UTC(2024, 7, 2);
const URL1 = 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/';
const URL2 = 'https://chinadigitaltimes.net/chinese/702345.html';

/** A PNG signature followed by bytes that differ by `seed`, so each seed is a distinct image. */
function png(seed: number, length = 64): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < length; i++) bytes[i] = (seed * 131 + i * 7) % 256;
  return bytes;
}
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const payload = (ref: string, bytes: Uint8Array): ImagePayload => ({ ref, type: 'image/png', base64: b64(bytes) });

function article(url: string, text: string, refs: string[] = []): ExtractedArticle {
  return {
    meta: { title: `Title of ${url}`, dir: 'ltr', categories: [], tags: [], canonicalUrl: url, url, lang: 'en' },
    html: `<p>${text}</p>${refs.map((r) => `<img data-coral-ref="${r}" alt="alt ${r}">`).join('')}`,
    text,
    images: refs.map((ref) => ({ ref, url: `https://chinadigitaltimes.net/files/${ref}.png`, alt: `alt ${ref}` })),
  };
}

const dbs: IDBPDatabase<CoralDB>[] = [];
async function freshDb(): Promise<IDBPDatabase<CoralDB>> {
  const db = await openLibrary(`library-test-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}

/** Everything in the database, images as hash/type/size plus their bytes. */
async function dump(db: IDBPDatabase<CoralDB>) {
  const images = await db.getAll('images');
  return {
    articles: await db.getAll('articles'),
    versions: await db.getAll('versions'),
    images: await Promise.all(
      images.map(async (i) => ({ ...i, blob: Buffer.from(await i.blob.arrayBuffer()).toString('hex') })),
    ),
    search: await db.getAll('search'),
  };
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

describe('saveToLibrary', () => {
  it('saves a new article with its images as Blobs and reads it back', async () => {
    const db = await freshDb();
    const bytes = png(1);
    const req: SaveRequest = { article: article(URL1, 'Hello world', ['img0']), images: [payload('img0', bytes)] };
    const result = await saveToLibrary(db, req, T1);
    expect(result).toMatchObject({ ok: true, version: 1, newVersion: true, savedAt: T1, failedImages: 0 });
    if (!result.ok) throw new Error(result.error);

    const saved = await getArticle(db, result.id);
    expect(saved?.article).toEqual({
      id: result.id,
      canonicalUrl: URL1,
      meta: req.article.meta,
      firstSavedAt: T1,
      savedAt: T1,
      versions: 1,
      read: false,
      tags: [],
      progress: 0,
      textBytes: req.article.html.length + req.article.text.length,
      bytes: req.article.html.length + req.article.text.length + bytes.length,
    });
    const version = saved?.versions[0];
    expect(version?.html).toBe(req.article.html);
    expect(version?.textHash).toMatch(/^[0-9a-f]{64}$/);
    const hash = version?.images[0]?.hash;
    expect(version?.images[0]).toMatchObject({ ref: 'img0', alt: 'alt img0', url: req.article.images[0]?.url });
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(version?.imageHashes).toEqual([hash]);
    expect(await searchLibrary(db, 'hello world')).toEqual([result.id]);

    const blob = await getImageBlob(db, hash as string);
    expect(blob).toBeInstanceOf(Blob);
    expect(blob?.type).toBe('image/png');
    expect(new Uint8Array(await (blob as Blob).arrayBuffer())).toEqual(bytes);
    // Base64 never reaches the database.
    expect(JSON.stringify(await db.getAll('versions'))).not.toContain(b64(bytes).slice(0, 40));
    expect(await savedStateFor(db, URL1)).toEqual({ id: result.id, savedAt: T1, versions: 1 });
    expect(await savedStateFor(db, URL2)).toBeNull();
    expect(await getArticle(db, 'no-such-id')).toBeUndefined();
  });

  it('stores one record per distinct image, within an article and across articles', async () => {
    const db = await freshDb();
    const shared = png(7);
    const first = await saveToLibrary(db, {
      article: article(URL1, 'One', ['a', 'b', 'c']),
      images: [payload('a', shared), payload('b', png(8)), payload('c', shared)],
    });
    const second = await saveToLibrary(db, {
      article: article(URL2, 'Two', ['x']),
      images: [payload('x', shared)],
    });
    expect(first.ok && second.ok).toBe(true);
    expect(await db.count('images')).toBe(2);

    const v1 = await db.get('versions', [first.ok ? first.id : '', 1]);
    const refs = v1?.images ?? [];
    expect(refs).toHaveLength(3);
    expect(refs[0]?.hash).toBe(refs[2]?.hash);
    expect(refs[0]?.hash).not.toBe(refs[1]?.hash);
    expect((await db.getAllKeys('images')).sort()).toEqual([refs[0]?.hash, refs[1]?.hash].sort());
    const v2 = await db.getAllFromIndex('versions', 'by-article', second.ok ? second.id : '');
    expect(v2[0]?.images[0]?.hash).toBe(refs[0]?.hash);
  });

  it('records failed images with their reason and no hash, and still saves', async () => {
    const db = await freshDb();
    const refs = ['ok', 'fetch-failed', 'garbage', 'missing', 'huge', 'html'];
    const result = await saveToLibrary(db, {
      article: article(URL1, 'Text', refs),
      images: [
        payload('ok', png(1)),
        { ref: 'fetch-failed', error: 'The server answered 404.' },
        { ref: 'garbage', type: 'image/png', base64: '%%% not base64 %%%' },
        { ref: 'huge', type: 'image/png', base64: b64(new Uint8Array(MAX_IMAGE_BYTES + 1)) },
        { ref: 'html', type: 'text/html', base64: b64(new TextEncoder().encode('<html>')) },
      ],
    });
    expect(result).toMatchObject({ ok: true, failedImages: 5 });
    const [version] = await db.getAll('versions');
    const byRef = new Map(version?.images.map((i) => [i.ref, i]));
    expect(byRef.get('ok')?.hash).toBeDefined();
    expect(byRef.get('fetch-failed')).toMatchObject({ error: 'The server answered 404.', alt: 'alt fetch-failed' });
    expect(byRef.get('garbage')?.error).toMatch(/could not be decoded/);
    expect(byRef.get('missing')?.error).toMatch(/not fetched/);
    expect(byRef.get('huge')?.error).toMatch(/over the 10 MB limit/);
    expect(byRef.get('html')?.error).toMatch(/Not an image/);
    for (const ref of refs.slice(1)) expect(byRef.get(ref)?.hash).toBeUndefined();
    expect(await db.count('images')).toBe(1);
  });

  it('refuses a too-large article with its code and writes nothing', async () => {
    const db = await freshDb();
    const bigHtml = await saveToLibrary(db, {
      article: { ...article(URL1, 'x'), html: 'a'.repeat(MAX_ARTICLE_BYTES + 1) },
      images: [],
    });
    expect(bigHtml).toMatchObject({ ok: false, error: 'too-large' });

    // Five distinct 9 MiB images: each is allowed, together they are not.
    const refs = ['a', 'b', 'c', 'd', 'e'];
    const bigImages = await saveToLibrary(db, {
      article: article(URL1, 'x', refs),
      images: refs.map((r, i) => payload(r, png(i, 9 * 1024 * 1024))),
    });
    expect(bigImages).toMatchObject({ ok: false, error: 'too-large' });
    expect(await db.count('articles')).toBe(0);
    expect(await db.count('versions')).toBe(0);
    expect(await db.count('images')).toBe(0);
  });

  it('adds a version only when the text changed, keeping the old ones', async () => {
    const db = await freshDb();
    const first = await saveToLibrary(db, { article: article(URL1, 'Original  text'), images: [] }, T1);
    if (!first.ok) throw new Error(first.error);

    const same = await saveToLibrary(db, { article: article(URL1, ' Original\n text '), images: [] }, T2);
    expect(same).toEqual({ ok: true, id: first.id, savedAt: T1, version: 1, newVersion: false, failedImages: 0 });
    expect(await db.count('versions')).toBe(1);

    const edited = article(URL1, 'Edited text');
    const changed = await saveToLibrary(db, { article: edited, images: [] }, T2);
    expect(changed).toEqual({ ok: true, id: first.id, savedAt: T2, version: 2, newVersion: true, failedImages: 0 });

    const saved = await getArticle(db, first.id);
    expect(saved?.article).toMatchObject({ firstSavedAt: T1, savedAt: T2, versions: 2 });
    expect(saved?.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(saved?.versions[0]?.html).toBe(edited.html);
    expect(saved?.versions[1]?.html).toBe('<p>Original  text</p>');
    expect(await savedStateFor(db, URL1)).toEqual({ id: first.id, savedAt: T2, versions: 2 });
    expect(await db.count('articles')).toBe(1);
  });
});

describe('failed saves leave the library exactly as it was', () => {
  const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

  async function seeded() {
    const db = await freshDb();
    const first = await saveToLibrary(db, { article: article(URL1, 'v1', ['a']), images: [payload('a', png(1))] }, T1);
    if (!first.ok) throw new Error(first.error);
    return { db, id: first.id, before: await dump(db) };
  }
  // A new version of the saved article plus a second article, each with a new image.
  const attempts = (): SaveRequest[] => [
    { article: article(URL1, 'v2', ['a', 'b']), images: [payload('a', png(1)), payload('b', png(2))] },
    { article: article(URL2, 'other', ['c']), images: [payload('c', png(3))] },
  ];

  it.each([
    ['images', 'put'],
    ['versions', 'add'],
    ['articles', 'put'],
    ['search', 'put'],
  ] as const)('rolls back everything when the %s store %s hits the quota, and a retry works', async (store, method) => {
    const { db, id, before } = await seeded();
    const original = IDBObjectStore.prototype[method];
    const spy = vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === store) throw quota();
      return original.apply(this, args);
    });

    for (const req of attempts()) {
      const result = await saveToLibrary(db, req, T2);
      expect(result).toMatchObject({ ok: false, error: 'quota' });
    }
    expect(spy).toHaveBeenCalled();
    expect(await dump(db)).toEqual(before);

    spy.mockRestore();
    const [retry, other] = attempts();
    expect(await saveToLibrary(db, retry as SaveRequest, T2)).toMatchObject({ ok: true, id, version: 2 });
    expect(await saveToLibrary(db, other as SaveRequest, T2)).toMatchObject({ ok: true, version: 1 });
    expect(await db.count('images')).toBe(3);
    expect(await db.count('versions')).toBe(3);
  });

  it('reports any other failure as failed, without the browser’s words, and changes nothing', async () => {
    const { db, before } = await seeded();
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(() => {
      throw new DOMException('Disk on fire', 'UnknownError');
    });
    const result = await saveToLibrary(db, attempts()[0] as SaveRequest, T2);
    expect(result).toEqual({ ok: false, error: 'failed' });
    expect(await dump(db)).toEqual(before);
  });

  it('recognises a quota failure found only at commit time', () => {
    const abort = new DOMException('Transaction aborted', 'AbortError');
    expect(isQuotaError(abort, quota())).toBe(true);
    expect(isQuotaError(abort, null)).toBe(false);
    expect(saveFailure(abort, quota()).error).toBe('quota');
    expect(saveFailure(new Error('boom')).error).toBe('failed');
  });
});

describe('listArticles and firstArticles', () => {
  it('lists the most recently saved first', async () => {
    const db = await freshDb();
    await saveToLibrary(db, { article: article(URL1, 'one'), images: [] }, T1);
    await saveToLibrary(db, { article: article(URL2, 'two'), images: [] }, T2);
    expect((await listArticles(db)).map((a) => a.canonicalUrl)).toEqual([URL2, URL1]);
    await saveToLibrary(db, { article: article(URL1, 'one, edited'), images: [] }, T2 + 1);
    expect((await listArticles(db)).map((a) => a.canonicalUrl)).toEqual([URL1, URL2]);
  });

  it('leaves out the trash, and firstArticles stops at the limit', async () => {
    const db = await freshDb();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await saveToLibrary(db, { article: article(`${URL1}${i}`, `text ${i}`), images: [] }, T1 + i);
      if (!r.ok) throw new Error(r.error);
      ids.push(r.id);
    }
    await trashArticles(db, [ids[5] as string, ids[3] as string], T2);
    const newestFirst = [ids[4], ids[2], ids[1], ids[0]];
    expect((await listArticles(db)).map((a) => a.id)).toEqual(newestFirst);
    expect((await firstArticles(db, 3)).map((a) => a.id)).toEqual(newestFirst.slice(0, 3));
    expect((await firstArticles(db, 10)).map((a) => a.id)).toEqual(newestFirst);
    expect(await firstArticles(db, 0)).toEqual([]);
  });
});

describe('what a new version keeps and counts', () => {
  it('keeps read, tags and progress, counts each image of the article once, and indexes the new text', async () => {
    const db = await freshDb();
    const shared = png(1);
    const first = await saveToLibrary(
      db,
      { article: article(URL1, 'Original words', ['a', 'b']), images: [payload('a', shared), payload('b', shared)] },
      T1,
    );
    if (!first.ok) throw new Error(first.error);
    await addTags(db, [first.id], ['Keep']);
    await setProgress(db, first.id, 0.99, T1 + 5);
    const v1 = await getVersion(db, first.id, 1);
    expect(v1?.imageHashes).toHaveLength(1);

    const edited = article(URL1, 'Edited words', ['a', 'c']);
    const second = await saveToLibrary(
      db,
      { article: edited, images: [payload('a', shared), payload('c', png(2))] },
      T2,
    );
    expect(second).toMatchObject({ ok: true, id: first.id, version: 2 });
    const saved = (await getArticle(db, first.id))?.article;
    const v1Text = (v1?.html.length ?? 0) + (v1?.text.length ?? 0);
    const v2Text = edited.html.length + edited.text.length;
    expect(saved).toMatchObject({
      read: true,
      readAt: T1 + 5,
      tags: ['Keep'],
      progress: 0.99,
      textBytes: v1Text + v2Text,
    });
    expect(saved?.bytes).toBe(v1Text + v2Text + 64 + 64);
    expect((await getVersion(db, first.id, 2))?.bytes).toBe(v2Text + 128);
    expect(await getVersion(db, first.id, 3)).toBeUndefined();

    expect(await searchLibrary(db, 'edited')).toEqual([first.id]);
    expect(await searchLibrary(db, 'original')).toEqual([]);
    expect(await searchLibrary(db, 'keep')).toEqual([first.id]);
  });

  it('takes an article out of the trash when it is saved again, changed or not', async () => {
    const db = await freshDb();
    const first = await saveToLibrary(db, { article: article(URL1, 'one'), images: [] }, T1);
    const other = await saveToLibrary(db, { article: article(URL2, 'two'), images: [] }, T1);
    if (!first.ok || !other.ok) throw new Error('not saved');
    await trashArticles(db, [first.id, other.id], T2);
    expect(await listArticles(db)).toEqual([]);
    expect(await saveToLibrary(db, { article: article(URL1, 'one'), images: [] }, T2)).toMatchObject({
      newVersion: false,
    });
    expect(await saveToLibrary(db, { article: article(URL2, 'two, edited'), images: [] }, T2)).toMatchObject({
      newVersion: true,
    });
    const listed = await listArticles(db);
    expect(listed.map((a) => a.id).sort()).toEqual([first.id, other.id].sort());
    expect(listed.every((a) => a.trashedAt === undefined)).toBe(true);
  });
});
