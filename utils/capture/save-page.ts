import type { ExtractedArticle, ImagePayload, SaveRequest, SaveResult } from '../shared/article';
import { MAX_MESSAGE_BYTES } from '../shared/limits';
import { MessageError, sendToBackground } from '../shared/messages';
import { extractArticle } from './extract';
import { fetchImages } from './fetch-images';
import { keepAltForFailedInline } from './inline-images';
import { loadedFrom } from './loaded-from';

export interface SavePageDeps {
  extract: (doc: Document, url: string) => ExtractedArticle;
  /** `reservedBytes`: what the article's HTML and text already take of the size cap. */
  fetchImages: (images: ExtractedArticle['images'], reservedBytes: number) => Promise<ImagePayload[]>;
  send: (request: SaveRequest) => Promise<SaveResult>;
}

/** The background refused the save itself (a page naming another site as its address, data it will not keep). */
function refusedSave(error: unknown): SaveResult {
  if (error instanceof MessageError && error.code !== 'failed') {
    return { ok: false, error: 'forbidden' };
  }
  throw error;
}

const defaults: SavePageDeps = {
  extract: extractArticle,
  fetchImages: (images, reservedBytes) => fetchImages(images, undefined, { reservedBytes }),
  send: (request) => sendToBackground('saveArticle', { ...request, loadedFrom: loadedFrom() }).catch(refusedSave),
};

const utf8 = new TextEncoder();

/** The request's size as the message will carry it: JSON, in UTF-8 bytes. */
export const encodedSize = (request: SaveRequest): number => utf8.encode(JSON.stringify(request)).length;

/**
 * The content script's half of a save: the page is read here, where its images can be fetched with the
 * page's own cookies and origin, and the background stores what it is sent. Never throws: the prompt
 * shows whatever comes back.
 */
export async function savePage(doc: Document, url: string, deps: Partial<SavePageDeps> = {}): Promise<SaveResult> {
  const { extract, fetchImages: fetchAll, send } = { ...defaults, ...deps };
  // Chrome shows a PDF in a document of its own viewer, with no text to extract.
  if (doc.contentType === 'application/pdf') return { ok: false, error: 'pdf' };
  try {
    const article = extract(doc, url);
    const reserved = utf8.encode(article.html).length + utf8.encode(article.text).length;
    const fetched = await fetchAll(article.images, reserved);
    const request: SaveRequest = keepAltForFailedInline(doc, article, fetched);
    // The browser would refuse it with an English error, and so would every later try.
    if (encodedSize(request) > MAX_MESSAGE_BYTES) return { ok: false, error: 'too-large' };
    return await send(request);
  } catch {
    // Reading the page or reaching the background failed; nothing was stored, so another try may work.
    return { ok: false, error: 'failed' };
  }
}
