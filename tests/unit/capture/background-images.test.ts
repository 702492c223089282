// @vitest-environment node
// Images the page's CORS kept from the content script, fetched again by the background where Coral holds
// the host permission: never a host on the user's network, never beyond the size caps.
import { Buffer } from 'node:buffer';
import type { IDBPDatabase } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backgroundHandlers } from '../../../entrypoints/background/save-handlers';
import {
  type BackgroundImageDeps,
  mayFetchFromBackground,
  refetchBlockedImages,
} from '../../../utils/capture/background-images';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import type { ImagePayload, SaveRequest } from '../../../utils/shared/article';
import { MAX_ARTICLE_BYTES } from '../../../utils/shared/limits';
import { backgroundDispatcher } from '../../../utils/shared/message-dispatch';
import type { Response as Reply } from '../../../utils/shared/messages';
import { ask, EXTENSION_ORIGIN, senders } from '../../support/messaging';

const ARTICLE = 'https://chinadigitaltimes.net/2024/08/weibo-photos/';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9, 9, 9]);
const BLOCKED = 'The image could not be downloaded (Failed to fetch).';

function request(images: Array<{ ref: string; url: string; payload: ImagePayload }>): SaveRequest {
  return {
    article: {
      meta: { title: 'Photos', canonicalUrl: ARTICLE, url: ARTICLE, dir: 'ltr', categories: [], tags: [] },
      html: `<p>Text</p>${images.map(({ ref }) => `<img data-coral-ref="${ref}" alt="">`).join('')}`,
      text: 'Text',
      images: images.map(({ ref, url }) => ({ ref, url, alt: ref })),
    },
    images: images.map(({ payload }) => payload),
  };
}

const blocked = (ref: string): ImagePayload => ({ ref, error: BLOCKED, blocked: true });

/** Hosts Coral holds a permission for, and a fetch that serves a PNG for any address it is asked. */
function deps(granted: string[], body: Uint8Array = PNG) {
  const fetched: string[] = [];
  const fetchFn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    fetched.push(String(input));
    expect(init?.credentials).toBe('same-origin');
    return new Response(body.slice(), { headers: { 'content-type': 'image/png' } });
  });
  const hasPermission = vi.fn(async (pattern: string) => granted.includes(pattern));
  const value: BackgroundImageDeps = {
    hasPermission,
    isLocalName: (host) => !host.includes('.') || host.endsWith('.lan'),
    fetch: fetchFn as unknown as typeof fetch,
  };
  return { value, fetched, hasPermission };
}

describe('refetchBlockedImages', () => {
  it('fetches again the blocked images on hosts Coral may reach, and keeps the rest as they were', async () => {
    const { value, fetched } = deps(['https://wx1.sinaimg.cn/*']);
    const req = request([
      { ref: 'a', url: 'https://wx1.sinaimg.cn/large/a.png', payload: blocked('a') },
      { ref: 'b', url: 'https://other.example/b.png', payload: blocked('b') },
      { ref: 'c', url: 'https://wx1.sinaimg.cn/large/c.png', payload: { ref: 'c', error: 'The server answered 404.' } },
    ]);
    const out = await refetchBlockedImages(req, value);
    expect(fetched).toEqual(['https://wx1.sinaimg.cn/large/a.png']);
    expect(out.images[0]).toEqual({ ref: 'a', type: 'image/png', base64: Buffer.from(PNG).toString('base64') });
    expect(out.images.slice(1)).toEqual(req.images.slice(1));
    expect(out.article).toBe(req.article);
  });

  it('asks nothing and changes nothing when no image was blocked', async () => {
    const { value, hasPermission } = deps(['https://wx1.sinaimg.cn/*']);
    const req = request([{ ref: 'a', url: 'https://wx1.sinaimg.cn/a.png', payload: { ref: 'a', error: 'gone' } }]);
    expect(await refetchBlockedImages(req, value)).toBe(req);
    expect(hasPermission).not.toHaveBeenCalled();
  });

  it('counts what the request already holds against the article cap', async () => {
    const { value } = deps(['https://img.example/*'], new Uint8Array(64).fill(0x89));
    const req = request([{ ref: 'a', url: 'https://img.example/a.png', payload: blocked('a') }]);
    req.article.text = 'x'.repeat(MAX_ARTICLE_BYTES - 10);
    const out = await refetchBlockedImages(req, value);
    expect(out.images[0]?.base64).toBeUndefined();
  });
});

describe('mayFetchFromBackground', () => {
  it('only public http(s) hosts with a permission', async () => {
    const { value, hasPermission } = deps(['http://printer.lan/*', 'https://img.example/*', 'http://10.0.0.1/*']);
    expect(await mayFetchFromBackground('https://img.example/a.png', value)).toBe(true);
    expect(await mayFetchFromBackground('https://IMG.example./a.png', value)).toBe(true);
    expect(await mayFetchFromBackground('https://elsewhere.example/a.png', value)).toBe(false);
    for (const url of [
      'http://printer.lan/a.png',
      'http://router/a.png',
      'http://10.0.0.1/a.png',
      'http://[::1]/a.png',
      'ftp://img.example/a.png',
      'not a url',
    ]) {
      expect(await mayFetchFromBackground(url, value)).toBe(false);
    }
    expect(hasPermission.mock.calls.map(([pattern]) => pattern)).toEqual([
      'https://img.example/*',
      'https://img.example/*',
      'https://elsewhere.example/*',
    ]);
  });
});

describe('saving through the background', () => {
  const dbs: IDBPDatabase<CoralDB>[] = [];
  afterEach(() => {
    for (const db of dbs.splice(0)) db.close();
  });

  it('stores the image the page blocked, so the save keeps it and counts no failure', async () => {
    const db = await openLibrary(`background-images-${crypto.randomUUID()}`);
    dbs.push(db);
    const { value } = deps(['https://wx1.sinaimg.cn/*']);
    const dispatch = backgroundDispatcher({
      extensionOrigin: EXTENSION_ORIGIN,
      mirrorHosts: async () => [],
      handlers: backgroundHandlers({
        db: async () => db,
        openReader: async () => {},
        saveActiveTab: async () => ({ ok: false, error: 'failed' }),
        capture: async () => ({ ok: false, error: 'failed' }),
        loadPageUi: async () => {},
        refetchImages: (req) => refetchBlockedImages(req, value),
      }),
    });
    const req = request([{ ref: 'a', url: 'https://wx1.sinaimg.cn/large/a.png', payload: blocked('a') }]);
    const reply = (await ask(dispatch, 'saveArticle', req, senders.contentScript(ARTICLE))) as Reply;
    expect(reply).toMatchObject({ ok: true, value: { ok: true, failedImages: 0 } });
    expect(await db.count('images')).toBe(1);
  });
});
