// Lazy-loading themes ship a placeholder in `src` and the real address elsewhere. A saved copy must point
// at the real image, or it would keep a blank SVG.

const LAZY_SRC_ATTRS = ['data-src', 'data-lazy-src', 'data-original', 'data-orig-file'];
const SRCSET_ATTRS = ['data-srcset', 'data-lazy-srcset', 'srcset'];
const LEFTOVER_ATTRS = [...LAZY_SRC_ATTRS, ...SRCSET_ATTRS, 'sizes', 'loading', 'data-sizes', 'data-lazy-sizes'];

function absolute(url: string | null | undefined, base: string): string | undefined {
  const trimmed = url?.trim();
  if (!trimmed) return undefined;
  try {
    return new URL(trimmed, base).href;
  } catch {
    return undefined;
  }
}

function isPlaceholder(url: string | undefined): boolean {
  return !url || url.startsWith('data:') || url.startsWith('about:') || url.startsWith('blob:');
}

/** The widest (or highest-density) real candidate of a srcset. */
export function largestSrcsetCandidate(srcset: string, base: string): string | undefined {
  let best: { url: string; size: number } | undefined;
  for (const entry of srcset.split(/,\s+/)) {
    const [rawUrl, descriptor = '1x'] = entry.trim().split(/\s+/);
    const url = absolute(rawUrl, base);
    if (!url || isPlaceholder(url)) continue;
    const size = Number.parseFloat(descriptor) * (descriptor.endsWith('x') ? 1000 : 1);
    if (!best || size > best.size) best = { url, size: Number.isNaN(size) ? 0 : size };
  }
  return best?.url;
}

function realSource(img: Element, base: string): string | undefined {
  for (const attr of SRCSET_ATTRS) {
    const value = img.getAttribute(attr);
    const url = value ? largestSrcsetCandidate(value, base) : undefined;
    if (url) return url;
  }
  for (const attr of [...LAZY_SRC_ATTRS, 'src']) {
    const url = absolute(img.getAttribute(attr), base);
    if (url && !isPlaceholder(url)) return url;
  }
  return undefined;
}

/**
 * The images inside a <noscript>. In a page with scripting on (the live page and its clone) the content is
 * raw text, so it is parsed in an inert template; a DOMParser document already has elements.
 */
function noscriptImages(noscript: Element): Element[] {
  if (noscript.querySelector('img')) return [...noscript.querySelectorAll('img')];
  const template = noscript.ownerDocument.createElement('template');
  template.innerHTML = noscript.textContent ?? '';
  return [...template.content.querySelectorAll('img')];
}

function previousImage(noscript: Element): Element | undefined {
  const prev = noscript.previousElementSibling;
  if (prev?.localName === 'img') return prev;
  const nested = prev?.querySelectorAll('img');
  return nested?.length === 1 ? nested[0] : undefined;
}

/** Resolves lazy images in place (call it on a clone), making every src absolute and dropping placeholders. */
export function resolveLazyImages(root: ParentNode, baseUrl: string): void {
  for (const noscript of [...root.querySelectorAll('noscript')]) {
    const images = noscriptImages(noscript);
    const first = images[0];
    if (!first) continue;
    const adopted = images.map((img) => noscript.ownerDocument.importNode(img, true));
    const placeholder = previousImage(noscript);
    if (placeholder && images.length === 1) {
      placeholder.replaceWith(adopted[0] as Element);
      noscript.remove();
    } else {
      noscript.replaceWith(...adopted);
    }
  }
  for (const img of [...root.querySelectorAll('img')]) {
    const src = realSource(img, baseUrl);
    if (!src) {
      img.remove();
      continue;
    }
    img.setAttribute('src', src);
    for (const attr of LEFTOVER_ATTRS) img.removeAttribute(attr);
  }
}
