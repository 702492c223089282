// @vitest-environment node
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { backgroundHandlers } from '../../../entrypoints/background/save-handlers';
import { savedStateFor } from '../../../utils/library/articles';
import { parseBackupArticle } from '../../../utils/library/backup/schema';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import type { SaveRequest } from '../../../utils/shared/article';

const EXT = 'chrome-extension://coral-test/';
const ARTICLE = 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/';
const tab = { id: 7, index: 2 } as Browser.tabs.Tab;
const fromPage = (url: string): Browser.runtime.MessageSender => ({ url, tab });
const fromExtension: Browser.runtime.MessageSender = { url: `${EXT}popup.html` };

function request(canonicalUrl: string, text = 'Body text'): SaveRequest {
  return {
    article: {
      meta: { title: 'T', canonicalUrl, url: canonicalUrl, dir: 'ltr', categories: [], tags: [] },
      html: `<p>${text}</p>`,
      text,
      images: [],
    },
    images: [],
  };
}

const dbs: IDBPDatabase<CoralDB>[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function setup() {
  const db = await openLibrary(`handlers-${crypto.randomUUID()}`);
  dbs.push(db);
  const openReader = vi.fn(async () => {});
  const saveActiveTab = vi.fn(async () => ({ ok: false as const, error: 'failed' as const, message: 'x' }));
  const capture = vi.fn(async () => ({ ok: false as const, error: 'failed' as const, message: 'captured' }));
  const handlers = backgroundHandlers({
    db: async () => db,
    extensionOrigin: EXT,
    mirrorHosts: async () => ['cdt.mirror.test'],
    openReader,
    saveActiveTab,
    capture,
  });
  return { db, handlers, openReader, saveActiveTab, capture };
}

describe('background handlers', () => {
  it('saves from the article page, recording the address the browser reports', async () => {
    const { db, handlers } = await setup();
    const page = 'http://chinadigitaltimes.net:8123/2019/07/china-rebuked-by-22-nations-over-xinjiang/?utm_source=x';
    const result = await handlers.saveArticle?.(request(`${ARTICLE}#comments`), fromPage(page));
    expect(result).toMatchObject({ ok: true, version: 1 });
    const state = await savedStateFor(db, ARTICLE);
    expect(state?.versions).toBe(1);
    const [record] = await db.getAll('articles');
    expect(record?.meta.url).toBe(page);
    expect(await handlers.getPageState?.({ canonicalUrl: ARTICLE }, fromPage(page))).toMatchObject({ versions: 1 });
  });

  it('does not let a page save or probe another site', async () => {
    const { db, handlers, openReader } = await setup();
    await handlers.saveArticle?.(request(ARTICLE), fromPage(ARTICLE));
    const hostile = fromPage('https://evil.test/page');
    expect(await handlers.getPageState?.({ canonicalUrl: ARTICLE }, hostile)).toBeNull();
    expect(await handlers.openReader?.({ canonicalUrl: ARTICLE }, hostile)).toBe(false);
    expect(openReader).not.toHaveBeenCalled();
    expect(await handlers.saveArticle?.(request(ARTICLE, 'spoofed'), hostile)).toMatchObject({
      ok: false,
      error: 'forbidden',
    });
    expect((await db.getAll('versions')).length).toBe(1);
  });

  it('refuses content-script messages that do not come from a tab, and malformed requests', async () => {
    const { handlers, db } = await setup();
    expect(await handlers.saveArticle?.(request(ARTICLE), { url: ARTICLE })).toMatchObject({ error: 'forbidden' });
    expect(await handlers.saveArticle?.({ article: 'x' } as never, fromPage(ARTICLE))).toMatchObject({
      error: 'forbidden',
    });
    expect(await db.count('articles')).toBe(0);
  });

  it('keeps only the known fields of a save, typed and cut to what a backup can hold', async () => {
    const { handlers, db } = await setup();
    const junk = request(ARTICLE);
    Object.assign(junk.article.meta, {
      lang: 'x'.repeat(500),
      author: { toString: 'not text' },
      tags: ['ok', 7, null],
      stowaway: 'y'.repeat(100_000),
    });
    Object.assign(junk.article, { extra: 'z'.repeat(100_000) });
    junk.article.images = [
      { ref: 'img0', url: 'javascript:alert(1)', alt: 'a' },
      { ref: 'img1', url: 'https://chinadigitaltimes.net/a.png', alt: 5 as never },
    ];
    expect(await handlers.saveArticle?.(junk, fromPage(ARTICLE))).toMatchObject({ ok: true });
    const [article] = await db.getAll('articles');
    const versions = await db.getAll('versions');
    expect(article?.meta).not.toHaveProperty('stowaway');
    expect(article?.meta).not.toHaveProperty('author');
    expect(article?.meta.lang).toHaveLength(64);
    expect(article?.meta.tags).toEqual(['ok']);
    expect(versions[0]?.images.map((image) => [image.ref, image.alt])).toEqual([['img1', '']]);
    expect(versions[0]).not.toHaveProperty('extra');
    // What was saved can be restored: the backup's own checks accept the stored records.
    if (!article) throw new Error('not saved');
    expect(() => parseBackupArticle({ article, versions }, 'a.json', article.id)).not.toThrow();
  });

  it('refuses a save whose title is not text', async () => {
    const { handlers, db } = await setup();
    const bad = request(ARTICLE);
    (bad.article.meta as { title: unknown }).title = ['T'];
    expect(await handlers.saveArticle?.(bad, fromPage(ARTICLE))).toMatchObject({ error: 'forbidden' });
    expect(await db.count('articles')).toBe(0);
  });

  it('opens the reader for the page the sender shows', async () => {
    const { handlers, openReader } = await setup();
    expect(await handlers.openReader?.({ canonicalUrl: ARTICLE }, fromPage(ARTICLE))).toBe(false);
    const saved = await handlers.saveArticle?.(request(ARTICLE), fromPage(ARTICLE));
    expect(await handlers.openReader?.({ canonicalUrl: ARTICLE }, fromPage(ARTICLE))).toBe(true);
    expect(openReader).toHaveBeenCalledWith(saved?.ok && saved.id, tab);
  });

  it('accepts a mirror page naming CDT as canonical', async () => {
    const { handlers } = await setup();
    const result = await handlers.saveArticle?.(request(ARTICLE), fromPage('https://cdt.mirror.test/2019/07/x/'));
    expect(result).toMatchObject({ ok: true });
  });

  it('captures in the frame of the content script that asked, and for no one else', async () => {
    const { handlers, capture } = await setup();
    const frame = { ...fromPage('https://example.org/any/page'), frameId: 4 };
    expect(await handlers.capturePage?.({}, frame)).toMatchObject({ message: 'captured' });
    expect(await handlers.capturePage?.({}, fromPage(ARTICLE))).toMatchObject({ message: 'captured' });
    expect(capture.mock.calls).toEqual([
      [7, 4],
      [7, 0],
    ]);
    expect(await handlers.capturePage?.({}, fromExtension)).toMatchObject({ error: 'forbidden' });
    expect(await handlers.capturePage?.({}, { url: ARTICLE })).toMatchObject({ error: 'forbidden' });
    expect(await handlers.capturePage?.({}, { url: ARTICLE, tab: { index: 0 } as Browser.tabs.Tab })).toMatchObject({
      error: 'forbidden',
    });
    expect(capture).toHaveBeenCalledTimes(2);
  });

  it('lets only extension pages save the active tab', async () => {
    const { handlers, saveActiveTab } = await setup();
    expect(await handlers.saveActiveTab?.({}, fromPage(ARTICLE))).toMatchObject({ error: 'forbidden' });
    expect(saveActiveTab).not.toHaveBeenCalled();
    await handlers.saveActiveTab?.({}, fromExtension);
    expect(saveActiveTab).toHaveBeenCalledOnce();
  });
});
