import createDOMPurify, { type Config, type DOMPurify } from 'dompurify';

// Saved HTML is shown on an extension page, which has more privileges than any website: nothing from the
// page may run there. Used at save time and again before display, so a tampered database cannot inject.

const ALLOWED_TAGS = [
  ...['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'pre', 'code', 'hr', 'br'],
  ...['table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'figure', 'figcaption', 'img', 'a'],
  ...['em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'span', 'div', 'cite', 'q', 'small', 'mark', 'abbr'],
  ...['time', 'del', 'ins'],
];
const ALLOWED_ATTR = [
  ...['href', 'src', 'alt', 'title', 'colspan', 'rowspan', 'id', 'lang', 'dir', 'datetime', 'data-coral-ref'],
  ...['width', 'height'],
];
// Dropped with their text, not unwrapped: a form's labels or a widget's inner text are not the article.
const DROP_WITH_CONTENT = ['form', 'button', 'select', 'textarea', 'object', 'embed', 'applet', 'canvas', 'dialog'];

const CONFIG: Config = {
  ALLOWED_TAGS,
  ALLOWED_ATTR,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOW_UNKNOWN_PROTOCOLS: false,
  ADD_FORBID_CONTENTS: DROP_WITH_CONTENT,
  // Hrefs and srcs are rewritten to absolute http(s) by the hook below; anything else is refused. The
  // regexp applies to every attribute not listed as URI-safe, so the plain-value ones are listed.
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  ADD_URI_SAFE_ATTR: ALLOWED_ATTR.filter((name) => name !== 'href' && name !== 'src'),
};

function withoutHash(url: URL): string {
  return url.href.slice(0, url.href.length - url.hash.length);
}

/** Absolute http(s)/mailto, or `#id` for a link to the same document; undefined when not allowed. */
function safeHref(value: string, base: URL | undefined): string | undefined {
  const trimmed = value.trim();
  if (/^#[^\s]*$/.test(trimmed)) return trimmed.length > 1 ? trimmed : undefined;
  try {
    const url = new URL(trimmed, base);
    if (base && url.hash && withoutHash(url) === withoutHash(base)) return url.hash;
    return url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function safeSrc(value: string, base: URL | undefined): string | undefined {
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

let purifier: DOMPurify | undefined;
let currentBase: URL | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  if (typeof window === 'undefined') {
    throw new Error('sanitizeArticleHtml needs a DOM: call it from a content script or an extension page');
  }
  // A private instance bound to the global window (content script, extension page or test DOM), so these
  // hooks never leak into another user of the shared default instance.
  const instance = createDOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (_node, data) => {
    if (data.attrName === 'href') {
      const href = safeHref(data.attrValue, currentBase);
      data.keepAttr = href !== undefined;
      data.attrValue = href ?? '';
    } else if (data.attrName === 'src') {
      const src = safeSrc(data.attrValue, currentBase);
      data.keepAttr = src !== undefined;
      data.attrValue = src ?? '';
    }
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const link = node as Element;
    if (link.hasAttribute('href')) link.setAttribute('rel', 'noopener noreferrer');
  });
  purifier = instance;
  return instance;
}

/** Sanitises article HTML to the reader's allowlist; links and images become absolute against baseUrl. */
export function sanitizeArticleHtml(html: string, baseUrl: string): string {
  const purify = getPurifier();
  try {
    currentBase = new URL(baseUrl);
  } catch {
    currentBase = undefined;
  }
  try {
    return purify.sanitize(html, CONFIG);
  } finally {
    currentBase = undefined;
  }
}
