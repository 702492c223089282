// @vitest-environment node
// Where each version came from, and which one the library shows first. The attack: a shared backup, made
// with Coral's own export and then edited (back-dated "saved on", a phishing address, new text), is
// imported over an article the user saved. The user's own copy must stay what the list and reader show.
// Node's Blob (fake-indexeddb stores it) plus a happy-dom window for the sanitiser, as in backup.test.ts.
import { type Unzipped, unzipSync, zipSync } from 'fflate';
import { Window } from 'happy-dom';
import type { IDBPDatabase } from 'idb';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getArticle, saveToLibrary } from '../../../utils/library/articles';
import { exportLibrary } from '../../../utils/library/backup/export';
import { BackupError } from '../../../utils/library/backup/format';
import { importLibrary } from '../../../utils/library/backup/import';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB, VersionRecord } from '../../../utils/library/db/schema';
import { firstShownVersion, isOwnVersion } from '../../../utils/library/provenance';
import { backfillSearchIndex } from '../../../utils/library/search/backfill';
import { searchKey } from '../../../utils/library/search/keys';
import { searchTokensFor } from '../../../utils/library/search/tokens';
import type { ArticleMeta } from '../../../utils/shared/article';

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
async function freshDb(): Promise<DB> {
  const db = await openLibrary(`provenance-${crypto.randomUUID()}`);
  dbs.push(db);
  return db;
}

const T = (day: number): number => Date.UTC(2025, 2, day, 8);
const CANONICAL = 'https://chinadigitaltimes.net/chinese/712345.html';
const PAGE = `${CANONICAL}?utm_source=rss`;
const PHISHING = 'https://chinadigitaltimes.net.login-check.example/chinese/712345.html';
const OWN_TEXT = '原文：被删除的文章，用户自己保存的版本。';
const FORGED_TEXT = '伪造的版本：请在这里重新登录。';

const metaFor = (url: string): ArticleMeta => ({
  title: '被删除的文章',
  dir: 'ltr',
  lang: 'zh-CN',
  categories: [],
  tags: [],
  canonicalUrl: CANONICAL,
  url,
  archiveCard: { source: '微信' },
});

async function save(db: DB, text: string, now: number, url = PAGE): Promise<string> {
  const result = await saveToLibrary(
    db,
    { article: { meta: metaFor(url), html: `<p>${text}</p>`, text, images: [] }, images: [] },
    now,
  );
  if (!result.ok) throw new Error(result.error);
  return result.id;
}

type ArticleFile = { article: Record<string, unknown>; versions: Array<Record<string, unknown>> };

/** The project's own export, with every article file edited: what someone could share as "a backup". */
async function editedBackup(db: DB, edit: (file: ArticleFile) => void): Promise<Blob> {
  const zip: Unzipped = unzipSync(new Uint8Array(await (await exportLibrary(db, T(2))).arrayBuffer()));
  for (const name of Object.keys(zip).filter((n) => n.startsWith('articles/'))) {
    const file = JSON.parse(new TextDecoder().decode(zip[name])) as ArticleFile;
    edit(file);
    zip[name] = new TextEncoder().encode(JSON.stringify(file));
  }
  return new Blob([zipSync(zip)]);
}

/** A backup of the same article with forged text, claims and a phishing address. */
async function forgedBackup(claims: Partial<VersionRecord> = {}): Promise<Blob> {
  const attacker = await freshDb();
  await save(attacker, FORGED_TEXT, T(1), PHISHING);
  return editedBackup(attacker, (file) => {
    for (const v of file.versions) {
      Object.assign(v, { savedAt: Date.UTC(2019, 0, 1), origin: { kind: 'saved', url: CANONICAL }, ...claims });
      const meta = v.meta as ArticleMeta;
      v.meta = { ...meta, url: PHISHING, archiveCard: { source: PHISHING } };
    }
    file.article.savedAt = Date.UTC(2030, 0, 1);
    file.article.meta = file.versions[0]?.meta;
  });
}

describe('an imported version never takes the place of the user’s own copy', () => {
  it('keeps the saved copy first in the reader and the list after a forged backup is imported over it', async () => {
    const db = await freshDb();
    const id = await save(db, OWN_TEXT, T(5));

    const report = await importLibrary(db, await forgedBackup(), { fileName: 'from-a-friend.zip', now: T(10) });
    expect(report.versionsAdded).toBe(1);

    const found = await getArticle(db, id);
    const own = found?.versions.find((v) => v.text === OWN_TEXT);
    const forged = found?.versions.find((v) => v.text === FORGED_TEXT);
    expect(own?.origin).toEqual({ kind: 'saved', url: PAGE });
    // Stored as imported from this file, now; what the file said stays beside it as a claim.
    expect(forged?.origin).toEqual({
      kind: 'imported',
      file: 'from-a-friend.zip',
      importedAt: T(10),
      claimed: { kind: 'saved', url: CANONICAL },
    });
    expect(forged?.savedAt).toBe(Date.UTC(2019, 0, 1));
    expect(forged?.version).toBeGreaterThan(own?.version ?? Infinity);
    expect(firstShownVersion(found?.versions ?? [])?.text).toBe(OWN_TEXT);
    // The popup list and the search index read the record: it still describes the user's copy.
    expect(found?.article.meta.url).toBe(PAGE);
    expect(found?.article.meta.archiveCard?.source).toBe('微信');
    expect(found?.article.savedAt).toBe(T(5));
    expect(found?.article.firstSavedAt).toBe(T(5));
  });

  it('indexes the user’s copy for search, also when the index is rebuilt', async () => {
    const db = await freshDb();
    const id = await save(db, OWN_TEXT, T(5));
    await importLibrary(db, await forgedBackup(), { fileName: 'x.zip', now: T(10) });
    const own = (await getArticle(db, id))?.versions.find(isOwnVersion);
    if (!own) throw new Error('the saved version is gone');
    const indexed = async () => new Set((await db.get('search', searchKey(id)))?.tokens);
    expect(await indexed()).toEqual(new Set(searchTokensFor(own.meta, [], OWN_TEXT)));
    // As after an upgrade that rebuilds the index: the entry is made again from the versions.
    await db.delete('search', searchKey(id));
    expect(await backfillSearchIndex(db)).toBe(1);
    expect(await indexed()).toEqual(new Set(searchTokensFor(own.meta, [], OWN_TEXT)));
  });

  it('lists an article known only from a file at no later than its import, whatever date it claims', async () => {
    const db = await freshDb();
    const backup = await forgedBackup({ savedAt: Date.UTC(2100, 0, 1) });
    await importLibrary(db, backup, { fileName: 'x.zip', now: T(10) });
    const [article] = await db.getAll('articles');
    const versions = await db.getAll('versions');
    expect(versions.map((v) => v.origin?.kind)).toEqual(['imported']);
    expect(versions[0]?.savedAt).toBe(Date.UTC(2100, 0, 1));
    expect(article?.savedAt).toBe(T(10));
    expect(article?.firstSavedAt).toBeLessThanOrEqual(T(10));
  });

  it('keeps a save of the same text as an imported version as the user’s own copy', async () => {
    const db = await freshDb();
    await importLibrary(db, await forgedBackup(), { fileName: 'x.zip', now: T(10) });
    const id = await save(db, FORGED_TEXT, T(11));
    const versions = (await getArticle(db, id))?.versions ?? [];
    expect(versions.map((v) => v.origin?.kind)).toEqual(['saved', 'imported']);
    expect(firstShownVersion(versions)?.origin).toEqual({ kind: 'saved', url: PAGE });
    // A second save of the same text is nothing new.
    await save(db, FORGED_TEXT, T(12));
    expect((await getArticle(db, id))?.versions).toHaveLength(2);
  });

  it('takes the file name from the File it is given', async () => {
    const db = await freshDb();
    const blob = await forgedBackup();
    await importLibrary(db, new File([blob], 'coral-backup-2025-03-01-0900.zip'));
    const [version] = await db.getAll('versions');
    expect(version?.origin).toMatchObject({ kind: 'imported', file: 'coral-backup-2025-03-01-0900.zip' });
  });

  it('keeps a file name without direction characters and short enough to come back from its own export', async () => {
    const db = await freshDb();
    await importLibrary(db, await forgedBackup(), { fileName: `photos\u202Egpj.zip${'📚'.repeat(200)}`, now: T(3) });
    const [version] = await db.getAll('versions');
    const file = version?.origin?.kind === 'imported' ? version.origin.file : '';
    expect(file.startsWith('photosgpj.zip📚')).toBe(true);
    expect(file.length).toBeLessThanOrEqual(255);
    expect(file.isWellFormed()).toBe(true);
    const again = await freshDb();
    await importLibrary(again, await exportLibrary(db), { fileName: 'b.zip', now: T(4) });
    expect((await again.getAll('versions'))[0]?.origin).toMatchObject({ claimed: { kind: 'imported', file } });
  });
});

describe('export and import keep where each version came from', () => {
  it('brings nothing back as "saved here" that was imported, through two round trips', async () => {
    const first = await freshDb();
    const id = await save(first, OWN_TEXT, T(5));
    await importLibrary(first, await forgedBackup(), { fileName: 'first.zip', now: T(6) });

    const second = await freshDb();
    await importLibrary(second, await exportLibrary(first, T(7)), { fileName: 'second.zip', now: T(8) });
    const inSecond = (await getArticle(second, id))?.versions ?? [];
    expect(inSecond.every((v) => !isOwnVersion(v))).toBe(true);
    expect(inSecond.map((v) => [v.text, v.origin])).toEqual([
      [
        FORGED_TEXT,
        {
          kind: 'imported',
          file: 'second.zip',
          importedAt: T(8),
          claimed: { kind: 'imported', file: 'first.zip', importedAt: T(6) },
        },
      ],
      [OWN_TEXT, { kind: 'imported', file: 'second.zip', importedAt: T(8), claimed: { kind: 'saved', url: PAGE } }],
    ]);

    const third = await freshDb();
    await importLibrary(third, await exportLibrary(second, T(9)), { fileName: 'third.zip', now: T(10) });
    const inThird = (await getArticle(third, id))?.versions ?? [];
    // One level of claim: the file's own origin, not the whole chain.
    const viaSecond = { kind: 'imported', file: 'second.zip', importedAt: T(8) };
    expect(inThird.map((v) => v.origin)).toEqual([
      { kind: 'imported', file: 'third.zip', importedAt: T(10), claimed: viaSecond },
      { kind: 'imported', file: 'third.zip', importedAt: T(10), claimed: viaSecond },
    ]);
  });
});

describe('hostile origin fields in a backup', () => {
  const hostile: Array<[string, unknown, RegExp]> = [
    ['an unknown kind', { kind: 'trusted', url: CANONICAL }, /origin\.kind must be "saved" or "imported"/],
    ['a script address', { kind: 'saved', url: 'javascript:alert(1)' }, /origin\.url is not an http\(s\) address/],
    ['no address', { kind: 'saved' }, /origin\.url must be a string/],
    [
      'a file name that hides its extension',
      { kind: 'imported', file: 'backup\u202Egpj.zip', importedAt: 1 },
      /origin\.file has control/,
    ],
    ['an overlong file name', { kind: 'imported', file: 'a'.repeat(300), importedAt: 1 }, /origin\.file is longer/],
    [
      'a time that is no time',
      { kind: 'imported', file: 'a.zip', importedAt: -5 },
      /origin\.importedAt must be between/,
    ],
    ['a string for an origin', 'saved', /origin must be an object/],
    [
      'a bad nested claim',
      { kind: 'imported', file: 'a.zip', importedAt: 1, claimed: { kind: 'me' } },
      /origin\.claimed\.kind/,
    ],
  ];

  it.each(hostile)('refuses %s and changes nothing', async (_what, origin, message) => {
    const db = await freshDb();
    await save(db, OWN_TEXT, T(5));
    const before = await db.getAll('versions');
    const backup = await forgedBackup({ origin } as Partial<VersionRecord>);
    const error = await importLibrary(db, backup).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect((error as Error).message).toMatch(message);
    expect(await db.getAll('versions')).toEqual(before);
  });

  it('ignores fields it does not know and anything claimed beyond one level', async () => {
    const db = await freshDb();
    const origin = {
      kind: 'imported',
      file: 'old.zip',
      importedAt: 3,
      verified: true,
      claimed: { kind: 'saved', url: PHISHING, claimed: { kind: 'saved', url: 'javascript:x' }, trusted: 1 },
    };
    await importLibrary(db, await forgedBackup({ origin } as Partial<VersionRecord>), { fileName: 'f.zip', now: T(3) });
    const [version] = await db.getAll('versions');
    expect(version?.origin).toEqual({
      kind: 'imported',
      file: 'f.zip',
      importedAt: T(3),
      claimed: { kind: 'imported', file: 'old.zip', importedAt: 3 },
    });
  });
});
