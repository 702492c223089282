import { Readability } from '@mozilla/readability';
import type { ExtractedArticle } from '../shared/article';
import { t, uiLangFor } from '../shared/i18n';
import { sanitizeArticleHtml } from '../shared/sanitize';
import { INLINE_MARK, markInlineImages } from './inline-images';
import { resolveLazyImages } from './lazy-images';
import { extractMeta, truncateExcerpt } from './meta';
import { videoLinks } from './video-links';

// Page furniture that is not the article. Matched on the clone before the body is chosen, so Readability
// never has to guess about it (it keeps an inline "Subscribe" heading otherwise).
const NOISE = [
  'script, style, link, meta, noscript, template, iframe, frame, object, embed, canvas, svg, math, dialog',
  'form, input, button, select, textarea, [hidden]',
  'nav, [role="navigation"], #main-header, #top-header, #main-footer, .site-footer, .breadcrumbs, .logo_container',
  '.addtoany_share_save_container, .a2a_kit, .sharedaddy, .sd-sharing, .share-buttons, .social-share',
  '.jp-relatedposts, .yarpp-related, [class*="subscribe"], .mc4wp-form, .newsletter',
  '#comment-wrap, #comments, .comments-area, .comment-respond, .commentlist, #respond',
  'ins.adsbygoogle, .adsbygoogle, [id^="div-gpt-ad"], .advertisement',
  '#sidebar, .sidebar, .widget-area, aside, .et_pb_widget, .widget',
  '.pum, .pum-overlay, .pum-trigger, [role="dialog"]',
  '.post-navigation, .nav-links, .navigation, .pagination, .post-meta, .post-tags',
  'a[href*="addtoany.com"], a[href*="facebook.com/sharer"], a[href*="twitter.com/intent"], a[href*="x.com/intent"]',
].join(', ');
const WIDGET_ELEMENTS = 'browsers-unbounded, lantern-network';
const TRACKER_HOSTS =
  /(?:^|\.)(?:google-analytics\.com|doubleclick\.net|googlesyndication\.com|googleadservices\.com|facebook\.com|pixel\.wp\.com|stats\.wp\.com|scorecardresearch\.com|quantserve\.com|bat\.bing\.com|mc\.yandex\.ru|hm\.baidu\.com|cnzz\.com|statcounter\.com)$/;
const BLOCKS = 'p, li, dt, dd, td, th, caption, figcaption, blockquote, pre, h2, h3, h4, h5, h6, div, figure, br, hr';

function baseOf(doc: Document, pageUrl: string): string {
  const declared = doc.querySelector('base[href]')?.getAttribute('href');
  try {
    const base = new URL(declared ?? pageUrl, pageUrl);
    return base.protocol === 'http:' || base.protocol === 'https:' ? base.href : pageUrl;
  } catch {
    return pageUrl;
  }
}

/** Relative links resolved now: Readability would resolve them against the clone's base, not the page's. */
function absolutizeLinks(root: ParentNode, base: string): void {
  for (const link of root.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href')?.trim() ?? '';
    if (href.startsWith('#')) continue;
    try {
      link.setAttribute('href', new URL(href, base).href);
    } catch {
      link.removeAttribute('href');
    }
  }
}

function isTrackingPixel(img: Element): boolean {
  const tiny = (attr: string) => {
    const value = img.getAttribute(attr);
    return value !== null && Number.parseInt(value, 10) <= 1;
  };
  if (tiny('width') || tiny('height')) return true;
  try {
    return TRACKER_HOSTS.test(new URL(img.getAttribute('src') ?? '').hostname);
  } catch {
    return false;
  }
}

function removeNoise(doc: Document, keep: Element | null): void {
  const doomed = [
    ...doc.querySelectorAll(NOISE),
    ...[...doc.querySelectorAll(WIDGET_ELEMENTS)].map((el) => el.closest('.et_pb_widget, .widget') ?? el),
    ...[...doc.querySelectorAll('img')].filter(isTrackingPixel),
  ];
  for (const el of doomed) {
    if (el === doc.body || el === doc.documentElement || el === doc.head) continue;
    if (keep && el.contains(keep)) continue; // Never throw the article out with a wrapper.
    if (el.localName === 'footer' && el.closest('blockquote, figure')) continue;
    el.remove();
  }
}

/** On a WordPress single post the theme's own content container is exact; Readability is the fallback. */
function wordpressContent(doc: Document): Element | null {
  const classes = doc.body?.classList;
  if (!classes?.contains('single') && !classes?.contains('single-post')) return null;
  const content = doc.querySelector('.entry-content') ?? doc.querySelector('.post-content');
  return content?.textContent?.trim() ? content : null;
}

function renameElement(el: Element, tag: string): void {
  const renamed = el.ownerDocument.createElement(tag);
  if (el.id) renamed.id = el.id;
  renamed.append(...el.childNodes);
  el.replaceWith(renamed);
}

/** Classic WordPress captions become figure/figcaption: the class that marks them does not survive sanitising. */
function normalizeCaptions(doc: Document): void {
  for (const caption of doc.querySelectorAll('div.wp-caption')) {
    const text = caption.querySelector('.wp-caption-text');
    if (text) renameElement(text, 'figcaption');
    renameElement(caption, 'figure');
  }
}

function bodyHtml(doc: Document): string {
  normalizeCaptions(doc);
  const content = wordpressContent(doc);
  removeNoise(doc, content);
  if (content && doc.documentElement.contains(content) && content.textContent?.trim()) return content.innerHTML;
  const parsed = new Readability(doc).parse();
  return parsed?.content ?? doc.body?.innerHTML ?? '';
}

/** Every image becomes a `data-coral-ref` slot; the same URL always gets the same ref. */
function bindImages(container: Element): ExtractedArticle['images'] {
  const images: ExtractedArticle['images'] = [];
  const refs = new Map<string, string>();
  for (const img of [...container.querySelectorAll('img')]) {
    const url = img.getAttribute('src') ?? '';
    if (!/^https?:/i.test(url)) {
      img.remove();
      continue;
    }
    const alt = img.getAttribute('alt')?.trim() ?? '';
    let ref = refs.get(url);
    if (!ref) {
      ref = `img${refs.size}`;
      refs.set(url, ref);
      images.push(
        img.getAttribute('data-coral-ref') === INLINE_MARK ? { ref, url, alt, inline: true } : { ref, url, alt },
      );
    }
    toSlot(img, ref, alt);
  }
  return images;
}

/** Only the slot, its alt and a numeric size are left on the image. */
function toSlot(img: Element, ref: string, alt: string): void {
  const width = img.getAttribute('width');
  const height = img.getAttribute('height');
  for (const attr of [...img.attributes]) img.removeAttribute(attr.name);
  img.setAttribute('data-coral-ref', ref);
  img.setAttribute('alt', alt);
  if (width && /^\d+$/.test(width)) img.setAttribute('width', width);
  if (height && /^\d+$/.test(height)) img.setAttribute('height', height);
}

/** The text, with an inline image's alt in its sentence whether or not the image is kept later. */
function plainText(container: Element, images: ExtractedArticle['images']): string {
  const copy = container.cloneNode(true) as Element;
  for (const { ref, alt, inline } of images) {
    if (inline) for (const img of copy.querySelectorAll(`img[data-coral-ref="${ref}"]`)) img.replaceWith(alt);
  }
  for (const block of copy.querySelectorAll(BLOCKS)) block.append(' ');
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Metadata, sanitised body and image list of the article in `doc`. Works on a clone; `doc` is untouched. */
export function extractArticle(doc: Document, pageUrl: string): ExtractedArticle {
  const clone = doc.cloneNode(true) as Document;
  const meta = extractMeta(clone, pageUrl);
  const base = baseOf(clone, pageUrl);
  resolveLazyImages(clone, base);
  absolutizeLinks(clone, base);
  // Both before the noise goes (it takes every iframe) and before sanitising (it takes the classes).
  videoLinks(clone, base, t(uiLangFor(meta.lang), 'videoLink'));
  markInlineImages(clone);
  const safe = sanitizeArticleHtml(bodyHtml(clone), pageUrl);

  // An inert document: nothing in it loads or runs while the images are rewritten.
  const scratch = doc.implementation.createHTMLDocument('');
  const container = scratch.createElement('div');
  container.innerHTML = safe;
  const images = bindImages(container);
  const text = plainText(container, images);
  const firstParagraph = [...container.querySelectorAll('p')].find((p) => p.textContent?.trim())?.textContent;
  return {
    meta: { ...meta, excerpt: meta.excerpt ?? truncateExcerpt(firstParagraph ?? text) },
    html: container.innerHTML,
    text,
    images,
  };
}
