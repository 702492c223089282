// @vitest-environment node
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundHandlers, saveTab } from '../../../entrypoints/background/save-handlers';
import { getArticle, savedStateFor, saveToLibrary } from '../../../utils/library/articles';
import { parseBackupArticle } from '../../../utils/library/backup/schema';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import type { SaveRequest } from '../../../utils/shared/article';
import { backgroundDispatcher } from '../../../utils/shared/message-dispatch';
import type { Response } from '../../../utils/shared/messages';
import { ask, EXTENSION_ORIGIN, senders } from '../../support/messaging';

// The library handlers as the background serves them: behind the dispatcher, which decides who may ask.

const ARTICLE = 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/';
const fromPage = (url: string) => senders.contentScript(url);
const fromExtension = senders.extensionPage();

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
  const saveActiveTab = vi.fn(async () => ({ ok: false as const, error: 'failed' as const }));
  const capture = vi.fn(async () => ({ ok: false as const, error: 'no-answer' as const }));
  const loadPageUi = vi.fn(async () => {});
  const dispatch = backgroundDispatcher({
    extensionOrigin: EXTENSION_ORIGIN,
    mirrorHosts: async () => ['cdt.mirror.test'],
    handlers: backgroundHandlers({ db: async () => db, openReader, saveActiveTab, capture, loadPageUi }),
  });
  /** The answer's value, or the refusal's code. */
  const call = async (type: string, data: unknown, sender: Parameters<typeof ask>[3]) => {
    const response = (await ask(dispatch, type, data, sender)) as Response;
    return response.ok ? response.value : { refused: response.code };
  };
  return { db, call, openReader, saveActiveTab, capture, loadPageUi };
}

describe('background handlers', () => {
  it('saves from the article page, recording the address the browser reports', async () => {
    const { db, call } = await setup();
    const page = 'http://chinadigitaltimes.net:8123/2019/07/china-rebuked-by-22-nations-over-xinjiang/?utm_source=x';
    const result = await call('saveArticle', request(`${ARTICLE}#comments`), fromPage(page));
    expect(result).toMatchObject({ ok: true, version: 1 });
    const state = await savedStateFor(db, ARTICLE);
    expect(state?.versions).toBe(1);
    const [record] = await db.getAll('articles');
    expect(record?.meta.url).toBe(page);
    // The version says it was saved here, from the address the browser reported.
    const [version] = await db.getAll('versions');
    expect(version?.origin).toEqual({ kind: 'saved', url: page });
    expect(await call('getPageState', { canonicalUrl: ARTICLE }, fromPage(page))).toMatchObject({ versions: 1 });
  });

  it('does not let a page on another site save over, open or probe a CDT article', async () => {
    const { db, call, openReader } = await setup();
    await call('saveArticle', request(ARTICLE), fromPage(ARTICLE));
    const hostile = fromPage('https://evil.test/page');
    expect(await call('getPageState', { canonicalUrl: ARTICLE }, hostile)).toBeNull();
    expect(await call('openReader', { canonicalUrl: ARTICLE }, hostile)).toBe(false);
    expect(openReader).not.toHaveBeenCalled();
    expect(await call('saveArticle', request(ARTICLE, 'spoofed'), hostile)).toMatchObject({ ok: true, version: 1 });
    const keys = (await db.getAll('articles')).map((article) => article.canonicalUrl).sort();
    expect(keys).toEqual([ARTICLE, 'https://evil.test/page']);
    expect((await getArticle(db, (await savedStateFor(db, ARTICLE))?.id ?? ''))?.versions.map((v) => v.text)).toEqual([
      'Body text',
    ]);
  });

  it('saves a CDT page that names another saved article as its canonical as a separate article', async () => {
    const { db, call } = await setup();
    const pageA = 'https://chinadigitaltimes.net/2024/05/page-a/';
    await call('saveArticle', request(ARTICLE, 'The real article B'), fromPage(ARTICLE));
    // Page A claims to be B: in its canonical link (meta.canonicalUrl) and in every message it can shape.
    expect(await call('getPageState', { canonicalUrl: ARTICLE }, fromPage(pageA))).toBeNull();
    const forged = await call('saveArticle', request(ARTICLE, 'Forged text'), fromPage(pageA));
    expect(forged).toMatchObject({ ok: true, version: 1, newVersion: true });
    const b = await getArticle(db, (await savedStateFor(db, ARTICLE))?.id ?? '');
    expect(b?.versions.map((version) => version.text)).toEqual(['The real article B']);
    const a = await getArticle(db, (await savedStateFor(db, pageA))?.id ?? '');
    expect(a?.versions.map((version) => version.text)).toEqual(['Forged text']);
    expect(a?.article.meta.canonicalUrl).toBe(pageA);
    expect(await db.count('articles')).toBe(2);
  });

  it('lets a mirror page forge no other article: its key is CDT’s article at its own path', async () => {
    const { db, call } = await setup();
    await call('saveArticle', request(ARTICLE, 'The real article'), fromPage(ARTICLE));
    const mirrorPage = 'https://cdt.mirror.test/2019/07/x/';
    expect(await call('saveArticle', request(ARTICLE, 'Forged'), fromPage(mirrorPage))).toMatchObject({ ok: true });
    expect(await savedStateFor(db, 'https://chinadigitaltimes.net/2019/07/x/')).toMatchObject({ versions: 1 });
    expect(await savedStateFor(db, ARTICLE)).toMatchObject({ versions: 1 });
    // The mirror's copy of the same article is that article.
    const same = 'https://cdt.mirror.test/2019/07/china-rebuked-by-22-nations-over-xinjiang/';
    expect(await call('saveArticle', request(ARTICLE, 'Mirror copy'), fromPage(same))).toMatchObject({ version: 2 });
  });

  it('finds again an article an older Coral saved under the page’s own claim of its address', async () => {
    const { db, call } = await setup();
    const page = 'https://www.example.com/story?id=4';
    const old = await saveToLibrary(db, request('http://www.example.com/story?id=4', 'Old text'));
    if (!old.ok) throw new Error('not saved');
    expect(await call('getPageState', {}, fromPage(page))).toMatchObject({ id: old.id, versions: 1 });
    expect(await call('saveArticle', request(page, 'New text'), fromPage(page))).toMatchObject({
      id: old.id,
      version: 2,
    });
    const [only] = await db.getAll('articles');
    expect(only?.canonicalUrl).toBe('https://example.com/story?id=4');
    expect(await db.count('articles')).toBe(1);
  });

  it('refuses content-script messages that do not come from a tab, and malformed requests', async () => {
    const { call, db } = await setup();
    expect(await call('saveArticle', request(ARTICLE), { url: ARTICLE })).toEqual({ refused: 'forbidden' });
    expect(await call('saveArticle', { article: 'x' }, fromPage(ARTICLE))).toEqual({ refused: 'invalid' });
    expect(await db.count('articles')).toBe(0);
  });

  it('keeps only the known fields of a save, typed and cut to what a backup can hold', async () => {
    const { call, db } = await setup();
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
    expect(await call('saveArticle', junk, fromPage(ARTICLE))).toMatchObject({ ok: true });
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
    const { call, db } = await setup();
    const bad = request(ARTICLE);
    (bad.article.meta as { title: unknown }).title = ['T'];
    expect(await call('saveArticle', bad, fromPage(ARTICLE))).toEqual({ refused: 'invalid' });
    expect(await db.count('articles')).toBe(0);
  });

  it('opens the reader for the page the sender shows', async () => {
    const { call, openReader } = await setup();
    expect(await call('openReader', { canonicalUrl: ARTICLE }, fromPage(ARTICLE))).toBe(false);
    const saved = (await call('saveArticle', request(ARTICLE), fromPage(ARTICLE))) as { id: string };
    expect(await call('openReader', { canonicalUrl: ARTICLE }, fromPage(ARTICLE))).toBe(true);
    expect(openReader).toHaveBeenCalledWith(saved.id, fromPage(ARTICLE).tab);
  });

  it('captures in the tab of the content script that asked, on any site, and for no one else', async () => {
    const { call, capture } = await setup();
    expect(await call('capturePage', {}, fromPage('https://example.org/any/page'))).toEqual({
      ok: false,
      error: 'no-answer',
    });
    expect(await call('capturePage', {}, fromPage(ARTICLE))).toEqual({ ok: false, error: 'no-answer' });
    expect(capture.mock.calls).toEqual([
      [3, 0],
      [3, 0],
    ]);
    // Not an extension page, not a sender outside a tab, not a script in a frame of the page.
    expect(await call('capturePage', {}, fromExtension)).toEqual({ refused: 'forbidden' });
    expect(await call('capturePage', {}, { url: ARTICLE })).toEqual({ refused: 'forbidden' });
    expect(await call('capturePage', {}, senders.contentScript(ARTICLE, 4))).toEqual({ refused: 'forbidden' });
    expect(capture).toHaveBeenCalledTimes(2);
  });

  it("loads the page's UI into the tab of a CDT or mirror page's loader, and for no other page", async () => {
    const { call, loadPageUi } = await setup();
    expect(await call('loadPageUi', {}, fromPage(ARTICLE))).toBe(true);
    expect(await call('loadPageUi', {}, fromPage('https://cdt.mirror.test/'))).toBe(true);
    expect(loadPageUi.mock.calls).toEqual([
      [3, 0],
      [3, 0],
    ]);
    expect(await call('loadPageUi', {}, fromPage('https://example.org/'))).toEqual({ refused: 'forbidden' });
    expect(await call('loadPageUi', {}, fromExtension)).toEqual({ refused: 'forbidden' });
    expect(loadPageUi).toHaveBeenCalledTimes(2);
  });

  it('lets only extension pages save the active tab', async () => {
    const { call, saveActiveTab } = await setup();
    expect(await call('saveActiveTab', {}, fromPage(ARTICLE))).toEqual({ refused: 'forbidden' });
    expect(saveActiveTab).not.toHaveBeenCalled();
    await call('saveActiveTab', {}, fromExtension);
    expect(saveActiveTab).toHaveBeenCalledOnce();
  });
});

describe('saveTab', () => {
  const saved = { ok: true as const, id: 'a', savedAt: 1, version: 1, newVersion: true, failedImages: 0 };

  it('asks the tab, and injects the page UI first into a tab that does not answer', async () => {
    const answers = [Promise.reject(new Error('Receiving end does not exist.')), Promise.resolve(saved)];
    const saveNow = vi.fn(() => answers.shift() as Promise<typeof saved>);
    const injectPageUi = vi.fn(async () => {});
    expect(await saveTab({ saveNow, injectPageUi }, { id: 7, url: 'https://example.org/' })).toEqual(saved);
    expect(saveNow.mock.calls).toEqual([[7], [7]]);
    expect(injectPageUi).toHaveBeenCalledWith(7);
  });

  it('says why a tab the browser keeps Coral out of cannot be saved, by code', async () => {
    const saveNow = vi.fn(async () => {
      throw new Error('Receiving end does not exist.');
    });
    const refuse = (message: string) => async () => {
      throw new Error(message);
    };
    const deps = (message: string) => ({ saveNow, injectPageUi: refuse(message) });
    expect(await saveTab(deps('Cannot access a chrome:// URL'), { id: 1 })).toEqual({
      ok: false,
      error: 'browser-page',
    });
    expect(await saveTab(deps('Missing host permission for the tab'), { id: 1, url: 'https://x.org/a.pdf' })).toEqual({
      ok: false,
      error: 'pdf',
    });
    expect(await saveTab(deps('No tab with id: 1.'), { id: 1 })).toEqual({ ok: false, error: 'no-answer' });
    expect(await saveTab(deps('unused'), undefined)).toEqual({ ok: false, error: 'no-page' });
  });
});
