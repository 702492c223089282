// Fetches an article's images from the content script, where requests carry the page's own origin and
// cookies, and packs them as base64 for the JSON-only message to the background. Never throws: an image
// that cannot be kept is reported with a reason and the reader shows its alt text instead.
import type { ExtractedArticle, ImagePayload } from '../shared/article';
import { errorText } from '../shared/error-text';
import { formatBytes } from '../shared/format';
import { bytesToBase64, contentTypeKind, imageTypeOf } from '../shared/image-bytes';
import { MAX_ARTICLE_BYTES, MAX_IMAGE_BYTES } from '../shared/limits';

// The save's bound: one image gets at most IMAGE_TIMEOUT_MS, and all of them together IMAGES_DEADLINE_MS.
// After that the save goes on with the text and the images it has, and counts the rest as not kept, so
// a page whose image host never answers is saved within about 20 s instead of hanging on "Saving…" (12
// silent images at 4 at a time and 20 s each once took 60 s). 20 s is generous for an article's images on
// a slow bridge; a single slow download may not hold the others hostage for more than 15 s.
export const IMAGE_TIMEOUT_MS = 15_000;
export const IMAGES_DEADLINE_MS = 20_000;
export const IMAGE_CONCURRENCY = 4;

export interface FetchImagesOptions {
  /** Bytes of the article already spoken for (its HTML and text), counted against MAX_ARTICLE_BYTES. */
  reservedBytes?: number;
  timeoutMs?: number;
  /** Time for all the images together; IMAGES_DEADLINE_MS unless given. */
  deadlineMs?: number;
  /** The limit for one image; MAX_IMAGE_BYTES unless given. */
  maxImageBytes?: number;
}

type Image = ExtractedArticle['images'][number];
interface Budget {
  left: number;
  perImage: number;
}

const tooBig = (limit: number) => `The image is over the ${formatBytes(limit)} limit for one image.`;
const OVER_ARTICLE = `The article reached the ${formatBytes(MAX_ARTICLE_BYTES)} limit, so this image was not kept.`;

/** Reads the body, giving up as soon as it passes `limit` so a huge file is not downloaded in full. */
async function readCapped(response: Response, limit: number): Promise<Uint8Array | undefined> {
  if (!response.body) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    return bytes.length > limit ? undefined : bytes;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function discard(response: Response): void {
  response.body?.cancel().catch(() => {});
}

async function download(
  image: Image,
  fetchFn: typeof fetch,
  budget: Budget,
  signal: AbortSignal,
): Promise<ImagePayload> {
  const { ref } = image;
  // No referrerPolicy override: the request goes out exactly as the page's own image request would.
  const response = await fetchFn(image.url, { credentials: 'same-origin', signal });
  if (!response.ok) {
    discard(response);
    return {
      ref,
      error: `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`,
    };
  }
  const declared = response.headers.get('content-type');
  if (contentTypeKind(declared) === 'other') {
    discard(response);
    return { ref, error: `Not an image (${declared}).` };
  }
  const length = Number(response.headers.get('content-length') ?? Number.NaN);
  if (length > budget.perImage) {
    discard(response);
    return { ref, error: tooBig(budget.perImage) };
  }
  if (length > budget.left) {
    discard(response);
    return { ref, error: OVER_ARTICLE };
  }
  const bytes = await readCapped(response, budget.perImage);
  if (!bytes) return { ref, error: tooBig(budget.perImage) };
  const type = imageTypeOf(declared, bytes);
  if (!type) return { ref, error: 'Not an image (the data is not in a known image format).' };
  // Checked and spent in one synchronous step, so concurrent downloads cannot overspend together.
  if (bytes.length > budget.left) return { ref, error: OVER_ARTICLE };
  budget.left -= bytes.length;
  return { ref, type, base64: bytesToBase64(bytes) };
}

const OUT_OF_TIME = 'The save’s time for images ran out before this one was downloaded.';

async function fetchOne(
  image: Image,
  fetchFn: typeof fetch,
  budget: Budget,
  timeoutMs: number,
  overall: AbortSignal,
): Promise<ImagePayload> {
  const { ref } = image;
  if (overall.aborted) return { ref, error: OUT_OF_TIME };
  let protocol: string;
  try {
    protocol = new URL(image.url).protocol;
  } catch {
    return { ref, error: 'The image address is not valid.' };
  }
  if (!['http:', 'https:', 'data:'].includes(protocol)) return { ref, error: `Cannot fetch ${protocol} images.` };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const stop = () => controller.abort();
  overall.addEventListener('abort', stop);
  try {
    return await download(image, fetchFn, budget, controller.signal);
  } catch (error) {
    if (overall.aborted) return { ref, error: OUT_OF_TIME };
    if (controller.signal.aborted) {
      return { ref, error: `The image took longer than ${Math.round(timeoutMs / 1000)} s to download.` };
    }
    const reason = errorText(error);
    // fetch rejects with a TypeError when no answer could be read at all (CORS, DNS, a refused connection).
    const blocked = error instanceof TypeError ? { blocked: true } : {};
    return { ref, error: `The image could not be downloaded (${reason}).`, ...blocked };
  } finally {
    clearTimeout(timer);
    overall.removeEventListener('abort', stop);
  }
}

/** Results are in the same order as `images`. */
export async function fetchImages(
  images: ExtractedArticle['images'],
  fetchFn: typeof fetch = fetch,
  options: FetchImagesOptions = {},
): Promise<ImagePayload[]> {
  const timeoutMs = options.timeoutMs ?? IMAGE_TIMEOUT_MS;
  const overall = new AbortController();
  const deadline = setTimeout(() => overall.abort(), options.deadlineMs ?? IMAGES_DEADLINE_MS);
  const budget: Budget = {
    left: MAX_ARTICLE_BYTES - (options.reservedBytes ?? 0),
    perImage: options.maxImageBytes ?? MAX_IMAGE_BYTES,
  };
  const results: ImagePayload[] = new Array(images.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < images.length) {
      const index = next++;
      const image = images[index] as Image;
      results[index] = await fetchOne(image, fetchFn, budget, timeoutMs, overall.signal);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(IMAGE_CONCURRENCY, images.length) }, worker));
  } finally {
    clearTimeout(deadline);
  }
  return results;
}
