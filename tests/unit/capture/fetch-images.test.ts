// @vitest-environment node
// Node's own fetch Response and streams, as the content script has the browser's.
import { Buffer } from 'node:buffer';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  fetchImages,
  IMAGE_CONCURRENCY,
  IMAGE_TIMEOUT_MS,
  IMAGES_DEADLINE_MS,
} from '../../../utils/capture/fetch-images';
import type { ExtractedArticle } from '../../../utils/shared/article';
import { MAX_ARTICLE_BYTES, MAX_IMAGE_BYTES } from '../../../utils/shared/limits';

const KiB = 1024;
const BASE = 'https://chinadigitaltimes.net/files/2019/07/';

function png(length = 32, seed = 0): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  for (let i = 8; i < Math.min(length, 4096); i++) bytes[i] = (seed + i) % 256;
  return bytes;
}

const images = (...names: string[]): ExtractedArticle['images'] =>
  names.map((name, i) => ({ ref: `img${i}`, url: `${BASE}${name}`, alt: name }));

type Route = (init: RequestInit | undefined) => Response | Promise<Response>;

/** A fetch that answers each file name from `routes`, and records what it was asked. */
function fakeFetch(routes: Record<string, Route>) {
  const calls: Array<{ url: string; init: RequestInit | undefined }> = [];
  const fn = vi.fn(async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ url, init });
    const route = routes[url.slice(BASE.length)];
    if (!route) return new Response('not found', { status: 404, statusText: 'Not Found' });
    return route(init);
  });
  return { fetch: fn as unknown as typeof fetch, calls };
}

const image =
  (bytes: Uint8Array<ArrayBuffer>, type: string | null = 'image/png'): Route =>
  () =>
    new Response(bytes, { headers: type ? { 'content-type': type } : {} });

const decoded = (base64: string | undefined) => new Uint8Array(Buffer.from(base64 ?? '', 'base64'));

afterEach(() => {
  vi.useRealTimers();
});

describe('fetchImages', () => {
  it('fetches an image with the page credentials and returns its bytes as base64', async () => {
    const bytes = png(100);
    const { fetch, calls } = fakeFetch({ 'a.png': image(bytes, 'image/png; charset=binary') });
    const [result] = await fetchImages(images('a.png'), fetch);
    expect(result).toMatchObject({ ref: 'img0', type: 'image/png' });
    expect(result?.error).toBeUndefined();
    expect(decoded(result?.base64)).toEqual(bytes);
    expect(calls[0]?.init?.credentials).toBe('same-origin');
    expect(calls[0]?.init?.referrer).toBeUndefined();
    expect(calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it('reports HTTP errors and non-image responses instead of keeping them', async () => {
    const { fetch } = fakeFetch({
      'page.png': () => new Response('<!doctype html><p>login</p>', { headers: { 'content-type': 'text/html' } }),
      'disguised.png': image(png(), 'text/html'),
    });
    const results = await fetchImages(images('gone.png', 'page.png', 'disguised.png'), fetch);
    expect(results).toEqual([
      { ref: 'img0', error: 'The server answered 404 Not Found.' },
      { ref: 'img1', error: 'Not an image (text/html).' },
      { ref: 'img2', error: 'Not an image (text/html).' },
    ]);
  });

  it('sniffs the type when the server does not say', async () => {
    const { fetch } = fakeFetch({
      'untyped.png': image(png(), null),
      'octet.png': image(png(), 'application/octet-stream'),
      'octet.bin': image(new Uint8Array(64).fill(7), 'application/octet-stream'),
    });
    const results = await fetchImages(images('untyped.png', 'octet.png', 'octet.bin'), fetch);
    expect(results[0]?.type).toBe('image/png');
    expect(results[1]?.type).toBe('image/png');
    expect(results[2]).toEqual({ ref: 'img2', error: 'Not an image (the data is not in a known image format).' });
  });

  it('refuses an image announced as too big without reading its body', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(png(1024));
      },
    });
    const { fetch } = fakeFetch({
      'big.png': () =>
        new Response(body, { headers: { 'content-type': 'image/png', 'content-length': String(MAX_IMAGE_BYTES + 1) } }),
    });
    const [result] = await fetchImages(images('big.png'), fetch);
    expect(result).toEqual({ ref: 'img0', error: 'The image is over the 10 MB limit for one image.' });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('stops downloading an image that turns out too big', async () => {
    // A 64 KiB limit for one image: the same reading, on a thousandth of the bytes.
    const limit = 64 * KiB;
    let sent = 0;
    // Endless: only giving up early can end this test.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 8 * KiB;
        controller.enqueue(new Uint8Array(8 * KiB));
      },
    });
    const exact = png(limit, 1);
    const { fetch } = fakeFetch({
      'endless.png': () => new Response(body, { headers: { 'content-type': 'image/png' } }),
      'exact.png': image(exact),
    });
    const [endless, ok] = await fetchImages(images('endless.png', 'exact.png'), fetch, { maxImageBytes: limit });
    expect(endless).toEqual({ ref: 'img0', error: 'The image is over the 64 kB limit for one image.' });
    expect(sent).toBeLessThan(limit + 4 * 8 * KiB);
    expect(decoded(ok?.base64)).toEqual(exact);
  });

  it('keeps the whole article under the article cap', async () => {
    // A text that leaves 40 KiB of the cap shrinks the case from 45 MiB of images to 45 KiB.
    const left = 40 * KiB;
    const names = ['1.png', '2.png', '3.png', '4.png', '5.png'];
    const { fetch } = fakeFetch(Object.fromEntries(names.map((n, i) => [n, image(png(9 * KiB, i))])));
    const results = await fetchImages(images(...names), fetch, { reservedBytes: MAX_ARTICLE_BYTES - left });
    const kept = results.filter((r) => r.base64);
    const refused = results.filter((r) => r.error);
    expect(kept).toHaveLength(4);
    expect(refused).toEqual([
      { ref: expect.any(String), error: 'The article reached the 40 MB limit, so this image was not kept.' },
    ]);
    expect(kept.reduce((sum, r) => sum + decoded(r.base64).length, 0)).toBeLessThanOrEqual(left);
  });

  it('counts the article text against the cap, by content-length before downloading', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(png(KiB));
      },
    });
    const { fetch } = fakeFetch({
      'small.png': image(png(KiB)),
      'announced.png': () =>
        new Response(body, { headers: { 'content-type': 'image/png', 'content-length': String(2 * KiB) } }),
    });
    // What is left of the cap (1 KiB and a little) lets the small image in and not the announced one.
    const reservedBytes = MAX_ARTICLE_BYTES - KiB - 100;
    const results = await fetchImages(images('announced.png', 'small.png'), fetch, { reservedBytes });
    expect(results[0]?.error).toBe('The article reached the 40 MB limit, so this image was not kept.');
    expect(pulled).toBeLessThanOrEqual(1);
    expect(results[1]?.type).toBe('image/png');
  });

  it(`gives up on an image after ${IMAGE_TIMEOUT_MS / 1000} s and keeps the others`, async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const { fetch } = fakeFetch({
      'slow.png': (init) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal ?? undefined;
          signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
      'fast.png': image(png()),
    });
    let settled = false;
    const pending = fetchImages(images('slow.png', 'fast.png'), fetch).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(IMAGE_TIMEOUT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const [slow, fast] = await pending;
    expect(signal?.aborted).toBe(true);
    expect(slow).toEqual({ ref: 'img0', error: 'The image took longer than 15 s to download.' });
    expect(fast?.type).toBe('image/png');
  });

  it(`ends within ${IMAGES_DEADLINE_MS / 1000} s however many images never answer, keeping those that did`, async () => {
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const never: Route = (init) =>
      new Promise<Response>((_resolve, reject) => {
        const signal = init?.signal;
        if (signal) signals.push(signal);
        signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    const silent = Array.from({ length: 12 }, (_, i) => `silent-${i}.png`);
    const { fetch } = fakeFetch({ 'first.png': image(png()), ...Object.fromEntries(silent.map((n) => [n, never])) });
    let settled = false;
    const pending = fetchImages(images('first.png', ...silent), fetch).finally(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(IMAGES_DEADLINE_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const results = await pending;
    expect(results[0]?.type).toBe('image/png');
    expect(results.slice(1).every((r) => r.error && !r.base64)).toBe(true);
    expect(results).toHaveLength(13);
    // Every request that was started was also stopped: nothing keeps downloading after the save moved on.
    expect(signals.length).toBeGreaterThan(0);
    expect(signals.every((s) => s.aborted)).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
  });

  it(`fetches at most ${IMAGE_CONCURRENCY} at a time and keeps the order`, async () => {
    let most = 0;
    /** The answers the server is holding back, in the order the requests came. */
    const held: Array<() => void> = [];
    const names = Array.from({ length: 10 }, (_, i) => `${i}.png`);
    const routes = Object.fromEntries(
      names.map((n, i) => [
        n,
        async () => {
          await new Promise<void>((answer) => {
            held.push(answer);
            most = Math.max(most, held.length);
          });
          return new Response(png(16, i), { headers: { 'content-type': 'image/png' } });
        },
      ]),
    );
    const { fetch } = fakeFetch(routes);
    const pending = fetchImages(images(...names), fetch);
    // Each time the pool is full (or the list is done), the newest request is answered first, so the
    // downloads finish out of order.
    for (let answered = 0; answered < names.length; answered++) {
      await vi.waitFor(() => expect(held).toHaveLength(Math.min(IMAGE_CONCURRENCY, names.length - answered)), {
        interval: 1,
      });
      held.pop()?.();
    }
    const results = await pending;
    expect(most).toBe(IMAGE_CONCURRENCY);
    expect(results.map((r) => r.ref)).toEqual(names.map((_, i) => `img${i}`));
    results.forEach((r, i) => {
      expect(decoded(r.base64)).toEqual(png(16, i));
    });
  });

  it('never throws: network errors and bad addresses become reasons', async () => {
    const failing = (() => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    const list = [
      { ref: 'net', url: `${BASE}x.png`, alt: '' },
      { ref: 'bad', url: 'not a url', alt: '' },
      { ref: 'js', url: 'javascript:alert(1)', alt: '' },
    ];
    expect(await fetchImages(list, failing)).toEqual([
      // No answer at all (CORS in Chrome's content scripts, or the network): the background may try.
      { ref: 'net', error: 'The image could not be downloaded (Failed to fetch).', blocked: true },
      { ref: 'bad', error: 'The image address is not valid.' },
      { ref: 'js', error: 'Cannot fetch javascript: images.' },
    ]);
    expect(await fetchImages([], failing)).toEqual([]);
  });
});
