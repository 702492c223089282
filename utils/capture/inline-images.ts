// Images that stand for a word inside a sentence: WordPress emoji (served from s.w.org, often blocked
// where CDT's readers live) and Weibo-style emoticons. When one cannot be fetched, the reader's "image
// not saved" box would split the sentence; its alt text ("😂", "[哈哈]") keeps it whole.
import type { ExtractedArticle, ImagePayload } from '../shared/article';

const EMOJI = 'img.wp-smiley, img.emoji';
const EMOTICON_PATH = /\/(?:smilies|emoji|emoticons?|expression|face)\//i;
const SMALL = 48;
/** Survives sanitising (it is the attribute image slots use) until bindImages reads and replaces it. */
export const INLINE_MARK = 'inline';

function declaredSize(img: Element, attr: string): number | undefined {
  const value = Number.parseInt(img.getAttribute(attr) ?? '', 10);
  return Number.isFinite(value) ? value : undefined;
}

/** Small (by its declared size) or served from an emoticon folder; never a large declared image. */
function looksLikeEmoticon(img: Element): boolean {
  const sizes = [declaredSize(img, 'width'), declaredSize(img, 'height')].filter((n) => n !== undefined);
  if (sizes.some((n) => n > SMALL)) return false;
  return sizes.length > 0 || EMOTICON_PATH.test(img.getAttribute('src') ?? '');
}

/** Whether the image sits in running text: its parent has words of its own. */
const inSentence = (img: Element): boolean => (img.parentElement?.textContent ?? '').trim() !== '';

export function isInlineImage(img: Element): boolean {
  if (img.matches(EMOJI)) return true;
  if (!img.getAttribute('alt')?.trim()) return false;
  return looksLikeEmoticon(img) && inSentence(img);
}

/** Marks the inline images of `root` (the page's classes do not survive sanitising); clears any the page set. */
export function markInlineImages(root: ParentNode): void {
  for (const img of root.querySelectorAll('img')) {
    img.removeAttribute('data-coral-ref');
    if (isInlineImage(img)) img.setAttribute('data-coral-ref', INLINE_MARK);
  }
}

/**
 * The article with each inline image that could not be fetched replaced by its alt text, and left out of
 * the images and payloads, so it is neither a box in the reader nor counted as an image not kept. The HTML
 * is parsed in `doc`'s implementation: an inert document where nothing loads.
 */
export function keepAltForFailedInline(
  doc: Document,
  article: ExtractedArticle,
  payloads: ImagePayload[],
): { article: ExtractedArticle; images: ImagePayload[] } {
  const failed = new Set(payloads.filter((p) => !p.base64).map((p) => p.ref));
  const asText = new Map(article.images.filter((i) => i.inline && failed.has(i.ref)).map((i) => [i.ref, i.alt]));
  if (asText.size === 0) return { article, images: payloads };
  const container = doc.implementation.createHTMLDocument('').createElement('div');
  container.innerHTML = article.html;
  for (const img of [...container.querySelectorAll('img[data-coral-ref]')]) {
    const alt = asText.get(img.getAttribute('data-coral-ref') ?? '');
    if (alt !== undefined) img.replaceWith(alt);
  }
  return {
    article: { ...article, html: container.innerHTML, images: article.images.filter((i) => !asText.has(i.ref)) },
    images: payloads.filter((p) => !asText.has(p.ref)),
  };
}
