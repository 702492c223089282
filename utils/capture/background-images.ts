// Images the page's own rules kept from the content script: in Chrome MV3 a content script's fetch follows
// the page's CORS, so an image on another host that sends no CORS headers fails there although the page
// shows it. The background (the extension's origin) is not bound by CORS for hosts Coral has permission
// for: CDT's own, and any the user granted (optional host permissions). It fetches those again, without
// cookies, under the same size caps and type checks, within its own short deadline. Firefox MV2 content
// scripts already fetch cross-origin for permitted hosts, so there this rarely has anything to do.
import type { ImagePayload, SaveRequest } from '../shared/article';
import { base64DecodedLength, utf8Length } from '../shared/image-bytes';
import { fetchImages } from './fetch-images';

/** The background's own time for the images the page blocked, after the content script's 20 s. */
export const BACKGROUND_IMAGES_DEADLINE_MS = 10_000;

export interface BackgroundImageDeps {
  /** Whether Coral holds a host permission covering this match pattern (browser.permissions.contains). */
  hasPermission: (pattern: string) => Promise<boolean>;
  /** Names of the user's own network (utils/bridge/local-names.ts), never fetched on a page's behalf. */
  isLocalName: (host: string) => boolean;
  fetch: typeof fetch;
  deadlineMs?: number;
}

const IP_LITERAL = /^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[\d:a-f.]+\])$/i;

/**
 * Only public http(s) hosts Coral has permission for: a page could otherwise name an address on the
 * user's network and have the extension read it for the saved copy.
 */
export async function mayFetchFromBackground(url: string, deps: BackgroundImageDeps): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  if (IP_LITERAL.test(host) || deps.isLocalName(host)) return false;
  return deps.hasPermission(`${parsed.protocol}//${host}/*`).catch(() => false);
}

/** Bytes the request already holds: its HTML, text and the images it carries. */
function heldBytes(request: SaveRequest): number {
  const { html, text } = request.article;
  return request.images.reduce(
    (sum, image) => sum + (image.base64 ? base64DecodedLength(image.base64) : 0),
    utf8Length(html) + utf8Length(text),
  );
}

/** The request with each blocked image the background may fetch fetched again; the others as they were. */
export async function refetchBlockedImages(request: SaveRequest, deps: BackgroundImageDeps): Promise<SaveRequest> {
  const blocked = new Set(request.images.filter((p) => p.blocked && !p.base64).map((p) => p.ref));
  const candidates = request.article.images.filter((image) => blocked.has(image.ref));
  const allowed = await Promise.all(candidates.map((image) => mayFetchFromBackground(image.url, deps)));
  const wanted = candidates.filter((_, i) => allowed[i]);
  if (wanted.length === 0) return request;
  const results = await fetchImages(wanted, deps.fetch, {
    reservedBytes: heldBytes(request),
    deadlineMs: deps.deadlineMs ?? BACKGROUND_IMAGES_DEADLINE_MS,
  });
  const fetched = new Map<string, ImagePayload>(results.filter((r) => r.base64).map((r) => [r.ref, r]));
  return { ...request, images: request.images.map((payload) => fetched.get(payload.ref) ?? payload) };
}
