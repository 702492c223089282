import type { ImageRef } from '../shared/article';

/** Object URLs of stored images, by content hash. */
export type ImageUrls = ReadonlyMap<string, string>;

/**
 * Makes one object URL per stored image the article uses. Images are looked up by hash, so an image
 * shared by several slots is read once. A missing blob simply has no URL; the slot shows its alt text.
 */
export async function loadImageUrls(
  images: readonly ImageRef[],
  getBlob: (hash: string) => Promise<Blob | undefined>,
  createUrl: (blob: Blob) => string = (blob) => URL.createObjectURL(blob),
): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const image of images) {
    if (!image.hash || image.error || urls.has(image.hash)) continue;
    const blob = await getBlob(image.hash);
    if (blob) urls.set(image.hash, createUrl(blob));
  }
  return urls;
}

export function revokeImageUrls(urls: ImageUrls, revoke: (url: string) => void = (url) => URL.revokeObjectURL(url)) {
  for (const url of urls.values()) revoke(url);
}

export interface FillResult {
  shown: number;
  missing: number;
}

/**
 * Points each `<img data-coral-ref>` under root at its stored image, or swaps it for a visible box with
 * its alt text. Any other image source is dropped too: the reader never loads anything from the network.
 */
export function fillImageSlots(
  root: ParentNode,
  images: readonly ImageRef[],
  urls: ImageUrls,
  missingLabel: string,
): FillResult {
  const byRef = new Map(images.map((image) => [image.ref, image]));
  const result: FillResult = { shown: 0, missing: 0 };
  for (const img of Array.from(root.querySelectorAll('img'))) {
    const ref = img.getAttribute('data-coral-ref');
    const image = ref ? byRef.get(ref) : undefined;
    const url = image?.hash && !image.error ? urls.get(image.hash) : undefined;
    img.removeAttribute('srcset');
    if (url) {
      img.setAttribute('src', url);
      img.setAttribute('alt', img.getAttribute('alt') ?? image?.alt ?? '');
      img.setAttribute('decoding', 'async');
      result.shown++;
    } else {
      img.replaceWith(missingBox(img, image?.alt ?? img.getAttribute('alt') ?? '', missingLabel));
      result.missing++;
    }
  }
  return result;
}

function missingBox(img: HTMLImageElement, alt: string, label: string): HTMLElement {
  const doc = img.ownerDocument;
  const box = doc.createElement('span');
  box.className = 'coral-missing-image';
  box.setAttribute('role', 'img');
  const text = alt.trim();
  box.setAttribute('aria-label', text ? `${label}: ${text}` : label);
  const caption = doc.createElement('span');
  caption.className = 'coral-missing-image-label';
  caption.textContent = label;
  box.append(caption);
  if (text) {
    const altText = doc.createElement('span');
    altText.className = 'coral-missing-image-alt';
    altText.textContent = text;
    box.append(altText);
  }
  return box;
}
