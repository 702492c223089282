import { describe, expect, it, vi } from 'vitest';
import { fetchImages as mockedFetchImages } from '../../../utils/capture/fetch-images';
import { savePage } from '../../../utils/capture/save-page';
import {
  canRetrySave,
  type ExtractedArticle,
  type ImagePayload,
  type SaveRequest,
  type SaveResult,
} from '../../../utils/shared/article';
import { MAX_ARTICLE_BYTES } from '../../../utils/shared/limits';
import { backgroundDispatcher } from '../../../utils/shared/message-dispatch';
import type { BackgroundHandlers } from '../../../utils/shared/messages';
import { EXTENSION_ORIGIN, senders, serveAs } from '../../support/messaging';

const article: ExtractedArticle = {
  meta: {
    title: 'China Rebuked by 22 Nations Over Xinjiang',
    dir: 'ltr',
    categories: [],
    tags: [],
    canonicalUrl: 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/',
    url: 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/',
  },
  html: '<p>Text</p><img data-coral-ref="img0" alt="Geneva">',
  text: 'Text 中文',
  images: [{ ref: 'img0', url: 'https://chinadigitaltimes.net/files/2019/07/geneva-council.png', alt: 'Geneva' }],
};
const images: ImagePayload[] = [{ ref: 'img0', type: 'image/png', base64: 'iVBORw0KGgo=' }];
const saved: SaveResult = {
  ok: true,
  id: 'a1',
  savedAt: 1_700_000_000_000,
  version: 1,
  newVersion: true,
  failedImages: 0,
};

/** The background, answering this document's content script as a browser would name it. */
function background(saveArticle: BackgroundHandlers['saveArticle'], page = article.meta.url): () => void {
  const dispatch = backgroundDispatcher({
    extensionOrigin: EXTENSION_ORIGIN,
    mirrorHosts: async () => [],
    handlers: { saveArticle },
  });
  return serveAs(senders.contentScript(page), dispatch);
}

vi.mock('../../../utils/capture/extract', () => ({ extractArticle: vi.fn(() => article) }));
vi.mock('../../../utils/capture/fetch-images', () => ({ fetchImages: vi.fn(async () => images) }));

describe('savePage', () => {
  it('extracts the page, fetches its images and sends both to the background', async () => {
    const extract = vi.fn(() => article);
    const fetchImages = vi.fn(async () => images);
    const send = vi.fn(async (_request: SaveRequest) => saved);
    const result = await savePage(document, 'https://chinadigitaltimes.net/x/', { extract, fetchImages, send });
    expect(result).toEqual(saved);
    expect(extract).toHaveBeenCalledWith(document, 'https://chinadigitaltimes.net/x/');
    // The HTML (51 bytes) and text (11 bytes of UTF-8) count against the article's size cap before any image.
    expect(fetchImages).toHaveBeenCalledWith(article.images, 62);
    expect(send).toHaveBeenCalledWith({ article, images });
  });

  it('says an article too large for the message, once JSON-encoded, can never be saved', async () => {
    // Tens of megabytes to encode: a generous timeout for a busy machine, not a speed target.
    // 34 MiB of quotes and backslashes: under the 40 MiB article cap as text, 68 MiB as JSON.
    const quoted = { ...article, html: `<p>${'"\\'.repeat(17 * 1024 * 1024)}</p>`, images: [] };
    expect(quoted.html.length).toBeLessThan(MAX_ARTICLE_BYTES);
    const send = vi.fn(async (_request: SaveRequest) => saved);
    const result = await savePage(document, 'https://chinadigitaltimes.net/x/', {
      extract: () => quoted,
      fetchImages: async () => [],
      send,
    });
    expect(result).toEqual({ ok: false, error: 'too-large' });
    expect(canRetrySave('too-large')).toBe(false);
    expect(send).not.toHaveBeenCalled();
  }, 60_000);

  it('measures the request as JSON: a large article that escapes little is still sent', async () => {
    const plain = { ...article, html: `<p>${'x'.repeat(30 * 1024 * 1024)}</p>`, images: [] };
    const send = vi.fn(async (_request: SaveRequest) => saved);
    const result = await savePage(document, 'https://chinadigitaltimes.net/x/', {
      extract: () => plain,
      fetchImages: async () => [],
      send,
    });
    expect(result).toEqual(saved);
    expect(send).toHaveBeenCalledTimes(1);
  }, 60_000);

  it('passes a refusal from the background through unchanged', async () => {
    const refused: SaveResult = { ok: false, error: 'quota' };
    const result = await savePage(document, 'https://chinadigitaltimes.net/x/', { send: async () => refused });
    expect(result).toEqual(refused);
  });

  it('turns an extraction error into a failed result without sending', async () => {
    const send = vi.fn(async () => saved);
    const extract = () => {
      throw new Error('No article body');
    };
    const result = await savePage(document, 'https://example.com/', { extract, send });
    expect(result).toEqual({ ok: false, error: 'failed' });
    expect(send).not.toHaveBeenCalled();
  });

  it('turns a messaging failure into a failed result', async () => {
    const result = await savePage(document, 'https://chinadigitaltimes.net/x/', {
      send: () => Promise.reject(new Error('Extension context invalidated.')),
    });
    expect(result).toEqual({ ok: false, error: 'failed' });
  });

  it('refuses a PDF shown in the browser’s viewer without extracting or sending', async () => {
    const send = vi.fn(async () => saved);
    const extract = vi.fn(() => article);
    const pdf = document.implementation.createHTMLDocument('x.pdf');
    Object.defineProperty(pdf, 'contentType', { value: 'application/pdf' });
    expect(await savePage(pdf, 'https://example.com/x.pdf', { extract, send })).toEqual({ ok: false, error: 'pdf' });
    expect(extract).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  it('sends a saveArticle message by default', async () => {
    const received: unknown[] = [];
    const stop = background((data) => {
      received.push(data);
      return saved;
    });
    try {
      const result = await savePage(document, 'https://chinadigitaltimes.net/x/');
      expect(result).toEqual(saved);
      expect(received).toEqual([{ article, images }]);
      expect(mockedFetchImages).toHaveBeenCalledWith(article.images, undefined, { reservedBytes: 62 });
    } finally {
      stop();
    }
  });

  it('reports a background error as a failed result', async () => {
    const stop = background(() => {
      throw new Error('Database is closed');
    });
    try {
      expect(await savePage(document, 'https://chinadigitaltimes.net/x/')).toEqual({ ok: false, error: 'failed' });
    } finally {
      stop();
    }
  });

  it('reports the background’s refusal of a page that moved from another address as forbidden', async () => {
    const saveArticle = vi.fn(() => saved);
    const stop = background(saveArticle, 'https://chinadigitaltimes.net/2019/07/saved-article/');
    // The page was loaded from /x/ and then moved its address (history.replaceState) to a saved article's.
    const entries = [{ name: 'https://chinadigitaltimes.net/x/' }] as unknown as PerformanceEntryList;
    vi.spyOn((document.defaultView as Window).performance, 'getEntriesByType').mockReturnValue(entries);
    try {
      expect(await savePage(document, 'https://chinadigitaltimes.net/2019/07/saved-article/')).toMatchObject({
        ok: false,
        error: 'forbidden',
      });
      expect(saveArticle).not.toHaveBeenCalled();
    } finally {
      stop();
      vi.restoreAllMocks();
    }
  });
});
