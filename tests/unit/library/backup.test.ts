// @vitest-environment node
// Node's Blob, which fake-indexeddb can store (happy-dom's does not structured-clone). Import sanitises the
// HTML again, which needs a DOM: a happy-dom window is installed by hand for that alone.
import { Buffer } from 'node:buffer';
import { type Unzipped, unzipSync, zipSync } from 'fflate';
import { Window } from 'happy-dom';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { normalizeText, saveToLibrary } from '../../../utils/library/articles';
import { exportLibrary } from '../../../utils/library/backup/export';
import { BackupError, ImportStopped, MANIFEST_NAME } from '../../../utils/library/backup/format';
import { importLibrary } from '../../../utils/library/backup/import';
import { openLibrary } from '../../../utils/library/db/open';
import type { ArticleRecord, CoralDB, VersionRecord } from '../../../utils/library/db/schema';
import { searchKey } from '../../../utils/library/search/keys';
import { searchEntry } from '../../../utils/library/search/tokens';
import type { ArticleMeta, ImageRef } from '../../../utils/shared/article';
import { sha256Hex, utf8Length } from '../../../utils/shared/image-bytes';
import { sanitizeArticleHtml } from '../../../utils/shared/sanitize';
import { HOSTILE_BACKUP_HTML, inertProblems, SANITIZER_VECTORS } from '../../support/hostile-vectors';
import { inflatingZip } from '../../support/hostile-zip';
import { syntheticLibrary, writeSynthetic } from '../../support/synthetic-library';

beforeAll(async () => {
  const win = new Window({ url: 'https://example.org/' });
  Object.assign(globalThis, { window: win, document: win.document });
  await import('../../support/happy-dom-purify-shim');
});

type DB = IDBPDatabase<CoralDB>;
const dbs: DB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function freshDb(name = `backup-test-${crypto.randomUUID()}`): Promise<DB> {
  const db = await openLibrary(name);
  dbs.push(db);
  return db;
}

function png(seed: number, length = 96): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < length; i++) bytes[i] = (seed * 131 + i * 7) % 256;
  return bytes;
}

const T = (day: number): number => Date.UTC(2024, 7, day, 9, 30);

interface Seed {
  url: string;
  id: string;
  title: string;
  lang: string;
  texts: string[];
  images: Uint8Array<ArrayBuffer>[];
  tags?: string[];
  read?: boolean;
  progress?: number;
  trashedAt?: number;
}

/** Writes one article as the library would: consistent hashes, sizes and sanitised HTML. */
async function seed(db: DB, s: Seed): Promise<void> {
  const meta: ArticleMeta = {
    title: s.title,
    dir: 'ltr',
    lang: s.lang,
    categories: ['Politics'],
    tags: ['site-tag'],
    canonicalUrl: s.url,
    url: s.url,
    author: '作者 Author',
    published: '2024-07-30T10:00:00+08:00',
    archiveCard: { originalTitle: '原标题', source: '微信' },
  };
  const records = await Promise.all(
    s.images.map(async (bytes) => ({ hash: await sha256Hex(bytes), bytes, size: bytes.length })),
  );
  const refs: ImageRef[] = records.map((r, i) => ({
    ref: `img${i}`,
    url: `https://chinadigitaltimes.net/files/${i}.png`,
    alt: `图 ${i}`,
    hash: r.hash,
  }));
  const versions: VersionRecord[] = [];
  for (const [i, text] of s.texts.entries()) {
    const html = sanitizeArticleHtml(
      `<p>${text} <a href="/x">link</a></p>${refs.map((r) => `<img data-coral-ref="${r.ref}" alt="${r.alt}">`).join('')}<script>x()</script>`,
      s.url,
    );
    const hashes = [...new Set(refs.map((r) => r.hash as string))];
    const imageBytes = records.reduce((n, r) => n + r.size, 0);
    versions.push({
      articleId: s.id,
      version: i + 1,
      savedAt: T(i + 1),
      meta: { ...meta, title: `${s.title} v${i + 1}` },
      html,
      text,
      textHash: await sha256Hex(normalizeText(text)),
      images: refs,
      bytes: utf8Length(html) + utf8Length(text) + imageBytes,
      imageHashes: hashes,
    });
  }
  const textBytes = versions.reduce((n, v) => n + utf8Length(v.html) + utf8Length(v.text), 0);
  const last = versions[versions.length - 1] as VersionRecord;
  const article: ArticleRecord = {
    id: s.id,
    canonicalUrl: s.url,
    meta: last.meta,
    firstSavedAt: T(1),
    savedAt: last.savedAt,
    versions: versions.length,
    read: s.read ?? false,
    tags: s.tags ?? [],
    progress: s.progress ?? 0,
    textBytes,
    bytes: textBytes + records.reduce((n, r) => n + r.size, 0),
  };
  if (s.read) article.readAt = T(9);
  if (s.trashedAt) article.trashedAt = s.trashedAt;
  const tx = db.transaction(['articles', 'versions', 'images', 'search'], 'readwrite');
  for (const r of records)
    tx.objectStore('images').put({
      hash: r.hash,
      blob: new Blob([r.bytes], { type: 'image/png' }),
      type: 'image/png',
      size: r.size,
    });
  for (const v of versions) tx.objectStore('versions').put(v);
  tx.objectStore('articles').put(article);
  tx.objectStore('search').put(searchEntry(s.id, last.meta, article.tags, last.text));
  await tx.done;
}

const URL_A = 'https://chinadigitaltimes.net/chinese/702345.html';
const URL_B = 'https://chinadigitaltimes.net/2019/07/china-rebuked/';
const URL_C = 'https://chinadigitaltimes.net/2020/01/third/';
const URL_T = 'https://chinadigitaltimes.net/2020/02/trashed/';

const seeds: Seed[] = [
  {
    url: URL_A,
    id: 'aaaaaaaa-0000-4000-8000-000000000001',
    title: '【网络民议】被删除的文章',
    lang: 'zh-CN',
    texts: ['中国数字时代 第一版 文字', '中国数字时代 第二版 改过的文字', '第三版：又改了'],
    images: [png(1), png(2)],
    tags: ['审查', 'keep'],
    progress: 0.42,
  },
  {
    url: URL_B,
    id: 'bbbbbbbb-0000-4000-8000-000000000002',
    title: 'China rebuked by 22 nations',
    lang: 'en',
    texts: ['First text', 'Second text'],
    images: [png(2), png(3)],
    read: true,
    progress: 1,
  },
  {
    url: URL_C,
    id: 'cccccccc-0000-4000-8000-000000000003',
    title: 'No images',
    lang: 'en',
    texts: ['Plain'],
    images: [],
  },
];
const trashed: Seed = {
  url: URL_T,
  id: 'dddddddd-0000-4000-8000-000000000004',
  title: 'In the trash',
  lang: 'en',
  texts: ['Gone'],
  images: [png(3), png(9)],
  trashedAt: T(20),
};

async function dump(db: DB) {
  const images = await db.getAll('images');
  return {
    articles: await db.getAll('articles'),
    versions: await db.getAll('versions'),
    images: await Promise.all(
      images.map(async (i) => ({
        ...i,
        blob: Buffer.from(await i.blob.arrayBuffer()).toString('hex'),
        blobType: i.blob.type,
      })),
    ),
    search: await db.getAll('search'),
  };
}

async function seededBackup(): Promise<{ db: DB; backup: Blob }> {
  const db = await freshDb();
  for (const s of seeds) await seed(db, s);
  return { db, backup: await exportLibrary(db, T(15)) };
}

async function files(blob: Blob): Promise<Unzipped> {
  return unzipSync(new Uint8Array(await blob.arrayBuffer()));
}

async function rezip(blob: Blob, edit: (f: Unzipped) => void): Promise<Uint8Array> {
  const f = await files(blob);
  edit(f);
  return zipSync(f);
}

const json = (bytes: Uint8Array | undefined): Record<string, unknown> =>
  JSON.parse(Buffer.from(bytes ?? []).toString('utf8'));
const bytesOf = (value: unknown): Uint8Array<ArrayBuffer> => new TextEncoder().encode(JSON.stringify(value));

describe('exportLibrary and importLibrary', () => {
  it('round-trips the library exactly: articles, versions, image bytes; search is rebuilt', async () => {
    const name = `backup-roundtrip-${crypto.randomUUID()}`;
    const db = await freshDb(name);
    for (const s of [...seeds, trashed]) await seed(db, s);
    const full = await dump(db);
    const backup = await exportLibrary(db, T(15));

    const zip = await files(backup);
    expect(Object.keys(zip).sort()).toEqual(
      [
        MANIFEST_NAME,
        ...seeds.map((s) => `articles/${s.id}.json`),
        ...(await Promise.all([1, 2, 3].map(async (n) => `images/${await sha256Hex(png(n))}.png`))),
      ].sort(),
    );
    expect(json(zip[MANIFEST_NAME])).toMatchObject({
      format: 'coral-backup',
      formatVersion: 1,
      app: 'Coral',
      articleCount: 3,
      exportedAt: T(15),
    });

    db.close();
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = () => resolve();
      request.onerror = () => reject(request.error);
    });
    const restored = await freshDb(name);
    expect(await restored.count('articles')).toBe(0);
    await restored.clear('search');

    const report = await importLibrary(restored, backup, { fileName: 'coral-backup.zip', now: T(16) });
    expect(report).toEqual({ articlesAdded: 3, articlesMerged: 0, versionsAdded: 6, imagesAdded: 3, skipped: 0 });

    const after = await dump(restored);
    const keptHashes = new Set(await Promise.all([1, 2, 3].map((n) => sha256Hex(png(n)))));
    const byKey = <T>(list: T[], key: (t: T) => string) => [...list].sort((a, b) => key(a).localeCompare(key(b)));
    expect(byKey(after.articles, (a) => a.id)).toEqual(
      byKey(
        full.articles.filter((a) => a.id !== trashed.id),
        (a) => a.id,
      ),
    );
    // Everything comes back, and each version now says it was imported from this file (seeded versions
    // carry no origin, so the file claims none).
    const imported = { kind: 'imported', file: 'coral-backup.zip', importedAt: T(16) };
    expect(after.versions).toEqual(
      full.versions.filter((v) => v.articleId !== trashed.id).map((v) => ({ ...v, origin: imported })),
    );
    expect(byKey(after.images, (i) => i.hash)).toEqual(
      byKey(
        full.images.filter((i) => keptHashes.has(i.hash)),
        (i) => i.hash,
      ),
    );
    expect(byKey(after.search, (s) => s.articleId)).toEqual(
      byKey(
        full.search.filter((s) => s.articleId !== trashed.id),
        (s) => s.articleId,
      ),
    );
    expect(after.search.find((s) => s.articleId === seeds[0]?.id)?.tokens).toContain('审查');
  });

  it('round-trips what saveToLibrary writes, so the backup schema keeps up with the library', async () => {
    const db = await freshDb();
    const image = png(4);
    const meta: ArticleMeta = {
      title: '标题',
      dir: 'ltr',
      lang: 'zh-CN',
      categories: [],
      tags: [],
      canonicalUrl: URL_A,
      url: URL_A,
    };
    const save = (text: string, now: number) =>
      saveToLibrary(
        db,
        {
          article: {
            meta,
            html: `<p>${text}</p><img data-coral-ref="i0" alt="图">`,
            text,
            images: [{ ref: 'i0', url: `${URL_A}i.png`, alt: '图' }],
          },
          images: [{ ref: 'i0', type: 'image/png', base64: Buffer.from(image).toString('base64') }],
        },
        now,
      );
    expect((await save('第一版', T(1))).ok).toBe(true);
    expect((await save('第二版', T(2))).ok).toBe(true);
    const before = await dump(db);
    const copy = await freshDb();
    await importLibrary(copy, await exportLibrary(db), { fileName: 'mine.zip', now: T(3) });
    const origin = { kind: 'imported', file: 'mine.zip', importedAt: T(3), claimed: { kind: 'saved', url: URL_A } };
    expect(await dump(copy)).toEqual({
      ...before,
      versions: before.versions.map((v) => ({ ...v, origin })),
    });
  });

  it('merges into a library that has the article: new versions added after the old ones, nothing lost', async () => {
    const { backup } = await seededBackup();
    const db = await freshDb();
    // The same address, saved here once with the backup's second text and once with a text of its own.
    await seed(db, {
      ...(seeds[0] as Seed),
      id: 'local-id',
      texts: ['中国数字时代 第二版 改过的文字', '只在这里的版本'],
      images: [png(7)],
      tags: ['mine', 'keep'],
      progress: 0.9,
    });
    const before = await dump(db);

    const report = await importLibrary(db, backup);
    expect(report).toEqual({ articlesAdded: 2, articlesMerged: 1, versionsAdded: 2 + 3, imagesAdded: 3, skipped: 0 });

    const versions = await db.getAllFromIndex('versions', 'by-article', 'local-id');
    expect(versions.map((v) => [v.version, v.text])).toEqual([
      [1, '中国数字时代 第二版 改过的文字'],
      [2, '只在这里的版本'],
      [3, '中国数字时代 第一版 文字'],
      [4, '第三版：又改了'],
    ]);
    expect(versions.slice(0, 2)).toEqual(before.versions);
    const merged = await db.get('articles', 'local-id');
    expect(merged).toMatchObject({ versions: 4, tags: ['mine', 'keep', '审查'], progress: 0.9, read: false });
    // The list keeps showing the user's own newest copy, not what the file added.
    expect(merged?.meta.title).toBe(versions[1]?.meta.title);
    expect(merged?.savedAt).toBe(before.articles[0]?.savedAt);
    expect(await db.count('articles')).toBe(3);
    expect((await db.get('search', searchKey('local-id')))?.tokens).toContain('审查');
    // The local image is still there, and the merged article counts every image its versions use.
    expect(await db.getKey('images', await sha256Hex(png(7)))).toBeDefined();
    const textBytes = versions.reduce((n, v) => n + utf8Length(v.html) + utf8Length(v.text), 0);
    expect(merged?.textBytes).toBe(textBytes);
    expect(merged?.bytes).toBe(textBytes + 3 * 96);
  });

  it('changes nothing when the same backup is imported a second time', async () => {
    const { backup } = await seededBackup();
    const db = await freshDb();
    await importLibrary(db, backup);
    const once = await dump(db);
    expect(await importLibrary(db, backup)).toEqual({
      articlesAdded: 0,
      articlesMerged: 0,
      versionsAdded: 0,
      imagesAdded: 0,
      skipped: 3,
    });
    expect(await dump(db)).toEqual(once);
  });

  it('gives an article a new id when its id is taken by a different address', async () => {
    const { backup } = await seededBackup();
    const db = await freshDb();
    await seed(db, { ...(seeds[2] as Seed), url: 'https://chinadigitaltimes.net/other/', texts: ['Other'] });
    await importLibrary(db, backup);
    const moved = await db.getFromIndex('articles', 'by-canonical', URL_C);
    expect(moved?.id).not.toBe(seeds[2]?.id);
    expect((await db.getAllFromIndex('versions', 'by-article', moved?.id ?? '')).map((v) => v.text)).toEqual(['Plain']);
  });

  // The same import runs in real Chromium in tests/e2e/hostile-dom.e2e.ts.
  it('sanitises HTML from the backup again instead of trusting it', async () => {
    const { backup } = await seededBackup();
    const id = seeds[2]?.id as string;
    const hostile = await rezip(backup, (f) => {
      const file = json(f[`articles/${id}.json`]) as { versions: VersionRecord[] };
      (file.versions[0] as VersionRecord).html = HOSTILE_BACKUP_HTML.html;
      f[`articles/${id}.json`] = bytesOf(file);
    });
    const db = await freshDb();
    await importLibrary(db, new Blob([hostile as Uint8Array<ArrayBuffer>]));
    const [version] = await db.getAllFromIndex('versions', 'by-article', id);
    expect(version?.html).toBe(HOSTILE_BACKUP_HTML.sanitized);
  });

  it('imports every sanitiser vector inert', async () => {
    const { backup } = await seededBackup();
    const id = seeds[2]?.id as string;
    const hostile = await rezip(backup, (f) => {
      const file = json(f[`articles/${id}.json`]) as { versions: VersionRecord[] };
      (file.versions[0] as VersionRecord).html = SANITIZER_VECTORS.map((vector) => vector.html).join('');
      f[`articles/${id}.json`] = bytesOf(file);
    });
    const db = await freshDb();
    await importLibrary(db, new Blob([hostile as Uint8Array<ArrayBuffer>]));
    const [version] = await db.getAllFromIndex('versions', 'by-article', id);
    const body = document.createElement('body');
    body.innerHTML = version?.html ?? '';
    expect(inertProblems(body)).toEqual([]);
    expect(version?.html).not.toMatch(/alert|javascript|vbscript|data:text|attacker\.test/i);
  });
});

describe('importLibrary refuses a bad backup and changes nothing', () => {
  async function expectRefused(file: Blob | Uint8Array, message: RegExp): Promise<void> {
    const db = await freshDb();
    await seed(db, { ...(seeds[1] as Seed), id: 'existing', url: 'https://chinadigitaltimes.net/existing/' });
    const before = await dump(db);
    const input = file instanceof Uint8Array ? new Blob([file as Uint8Array<ArrayBuffer>]) : file;
    const error = await importLibrary(db, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(message);
    expect(await dump(db)).toEqual(before);
  }

  it('refuses a file that is not a zip', async () => {
    await expectRefused(new TextEncoder().encode('<html>not a zip</html>'), /not a readable zip/);
  });

  it("refuses issue 9's inflating zip (8 entries declaring 100 bytes, 64 MiB each) for what it is", async () => {
    await expectRefused(inflatingZip(), /^articles\/a0\.json: inflates past the size it declares/);
    await expectRefused(inflatingZip({ overlap: true, inflateTo: 4096 }), /shares its bytes with another file/);
    // Building the bomb (deflating 64 MiB) is most of the time this takes.
  }, 60_000);

  it('refuses a truncated zip', async () => {
    const { backup } = await seededBackup();
    const bytes = new Uint8Array(await backup.arrayBuffer());
    await expectRefused(bytes.slice(0, Math.floor(bytes.length / 2)), /not a readable zip/);
  });

  it('refuses a zip without a manifest, another format, or a format version it does not know', async () => {
    const { backup } = await seededBackup();
    await expectRefused(await rezip(backup, (f) => void delete f[MANIFEST_NAME]), /no coral-backup\.json/);
    const withManifest = (change: Record<string, unknown>) =>
      rezip(backup, (f) => {
        f[MANIFEST_NAME] = bytesOf({ ...json(f[MANIFEST_NAME]), ...change });
      });
    await expectRefused(await withManifest({ format: 'pocket-export' }), /coral-backup\.json: is not a Coral backup/);
    await expectRefused(await withManifest({ formatVersion: 2 }), /format version 2.*Update Coral/);
    await expectRefused(await withManifest({ articleCount: 4 }), /announces 4 articles.*holds 3/);
  });

  it('refuses article JSON with wrong types, naming the file and the field', async () => {
    const { backup } = await seededBackup();
    const id = seeds[0]?.id as string;
    const edit = (change: (file: { article: Record<string, unknown>; versions: Record<string, unknown>[] }) => void) =>
      rezip(backup, (f) => {
        const file = json(f[`articles/${id}.json`]) as {
          article: Record<string, unknown>;
          versions: Record<string, unknown>[];
        };
        change(file);
        f[`articles/${id}.json`] = bytesOf(file);
      });
    await expectRefused(
      await edit((f) => {
        f.article.progress = '50%';
      }),
      new RegExp(`articles/${id}\\.json: article\\.progress must be a number`),
    );
    await expectRefused(
      await edit((f) => {
        (f.versions[1] as Record<string, unknown>).text = 42;
      }),
      /versions\[1\]\.text must be a string/,
    );
    await expectRefused(
      await edit((f) => {
        f.article.canonicalUrl = 'javascript:alert(1)';
      }),
      /canonicalUrl is not an http\(s\) address/,
    );
    await expectRefused(
      await edit((f) => {
        f.article.id = 'other';
      }),
      /article\.id must match the file name/,
    );
    await expectRefused(
      await rezip(backup, (f) => {
        f[`articles/${id}.json`] = new TextEncoder().encode('{"article":');
      }),
      /is not valid JSON/,
    );
  });

  it('refuses an image whose bytes do not match its hash, and a version whose image is nowhere', async () => {
    const { backup } = await seededBackup();
    const hash = await sha256Hex(png(1));
    await expectRefused(
      await rezip(backup, (f) => {
        f[`images/${hash}.png`] = png(5);
      }),
      new RegExp(`images/${hash}\\.png: does not match its SHA-256 name`),
    );
    await expectRefused(
      await rezip(backup, (f) => {
        delete f[`images/${hash}.png`];
        const manifest = json(f[MANIFEST_NAME]) as { images: Record<string, string> };
        delete manifest.images[hash];
        f[MANIFEST_NAME] = bytesOf(manifest);
      }),
      /uses image .* neither in the backup nor in the library/,
    );
  });

  it('refuses path traversal and names the format never writes', async () => {
    const { backup } = await seededBackup();
    for (const name of [
      '../evil.json',
      'articles/../../evil.json',
      '/etc/passwd',
      'articles\\x.json',
      'images/notahash.png',
    ]) {
      await expectRefused(
        await rezip(backup, (f) => {
          f[name] = new TextEncoder().encode('{}');
        }),
        /a file Coral never writes/,
      );
    }
  });

  it('refuses an entry whose declared size is over the cap before inflating it', async () => {
    const { backup } = await seededBackup();
    const bytes = await rezip(backup, () => {});
    // The central directory's uncompressed size of the first article file, set to 3 GiB.
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let patched = 0;
    for (let i = 0; i + 46 < bytes.length; i++) {
      if (view.getUint32(i, true) !== 0x02014b50) continue;
      const nameLength = view.getUint16(i + 28, true);
      const name = Buffer.from(bytes.subarray(i + 46, i + 46 + nameLength)).toString();
      if (!name.startsWith('articles/')) continue;
      view.setUint32(i + 24, 3 * 1024 ** 3, true);
      patched++;
      break;
    }
    expect(patched).toBe(1);
    await expectRefused(bytes, /declares 3 GB, over the 256 MB limit/);
  });
});

describe('importLibrary writes in batches, with progress, and can be cancelled', () => {
  async function syntheticBackup(n: number): Promise<Blob> {
    const source = await freshDb();
    await writeSynthetic(source, syntheticLibrary(n));
    return exportLibrary(source, T(15));
  }
  const counts = async (db: DB) => ({
    articles: await db.count('articles'),
    versions: await db.count('versions'),
    search: await db.count('search'),
  });

  it('reports checking and writing progress, and a cancel between batches keeps the batches written', async () => {
    const backup = await syntheticBackup(45);
    const db = await freshDb();
    const checked: number[] = [];
    const written: number[] = [];
    const controller = new AbortController();
    const error = await importLibrary(db, backup, {
      batchArticles: 10,
      signal: controller.signal,
      onChecked: (done) => checked.push(done),
      onProgress: (done, total) => {
        written.push(done);
        expect(total).toBe(45);
        if (done >= 20) controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportStopped);
    expect(error).toMatchObject({ failure: 'cancelled', imported: 20, total: 45 });
    expect(checked.at(-1)).toBe(45);
    expect(written).toEqual([10, 20]);
    // Whole articles only: each kept one has its version and its search entry.
    expect(await counts(db)).toEqual({ articles: 20, versions: 20, search: 20 });
    // Importing the same file again finishes the job: the 20 are recognised, the rest added.
    const report = await importLibrary(db, backup, { batchArticles: 10 });
    expect(report).toMatchObject({ articlesAdded: 25, skipped: 20 });
    expect(await counts(db)).toEqual({ articles: 45, versions: 45, search: 45 });
  }, 60_000);

  it('a cancel while the file is being checked changes nothing', async () => {
    const backup = await syntheticBackup(120);
    const db = await freshDb();
    const controller = new AbortController();
    const error = await importLibrary(db, backup, {
      signal: controller.signal,
      onChecked: (done) => done >= 100 && controller.abort(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'cancelled', imported: 0 });
    expect(await counts(db)).toEqual({ articles: 0, versions: 0, search: 0 });
  }, 60_000);
});
