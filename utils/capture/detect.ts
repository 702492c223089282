import { findJsonLdArticle } from './meta';

// Runs on every CDT page load, so it reads the URL and a handful of selectors and never parses the body.
// Paths are matched wherever they sit so mirrors (other hosts, or a path prefix) work the same way.

const LISTING_BODY_CLASSES = ['home', 'blog', 'archive', 'category', 'tag', 'author', 'search', 'paged', 'date'];
const SINGLE_BODY_CLASSES = ['single', 'single-post'];

const LISTING_PATHS: Array<[RegExp, string]> = [
  [/^\/(?:chinese\/?)?$/, 'home page'],
  [/\/(?:category|tag|author)\//, 'taxonomy or author listing'],
  [/\/search(?:\/|$)/, 'search results'],
  [/\/page\/\d+\/?$/, 'paged listing'],
  [/\/\d{4}(?:\/\d{2}){0,2}\/?$/, 'date archive'],
];

const ARTICLE_PATHS: Array<[RegExp, string]> = [
  [/\/chinese\/\d+\.html$/, 'Chinese post path'],
  [/\/\d{4}\/\d{2}\/[^/]*[^/\d][^/]*\/?$/, 'dated post path'],
];

export interface Detection {
  article: boolean;
  reason: string;
}

function pathOf(url: string): { path: string; search: URLSearchParams } | undefined {
  try {
    const parsed = new URL(url);
    let path = parsed.pathname;
    try {
      path = decodeURIComponent(path);
    } catch {
      // Keep the raw path; a bad escape is no reason to fail detection.
    }
    return { path, search: parsed.searchParams };
  } catch {
    return undefined;
  }
}

/** Is this page a single article worth offering to save? Pure: reads the document, changes nothing. */
export function detectArticle(doc: Document, url: string): Detection {
  const location = pathOf(url);
  if (location?.search.has('s')) return { article: false, reason: 'search results (?s=)' };
  for (const [pattern, reason] of LISTING_PATHS) {
    if (location && pattern.test(location.path)) return { article: false, reason };
  }
  const bodyClasses = doc.body?.classList;
  const listing = LISTING_BODY_CLASSES.find((c) => bodyClasses?.contains(c));
  if (listing) return { article: false, reason: `listing body class "${listing}"` };

  const single = SINGLE_BODY_CLASSES.find((c) => bodyClasses?.contains(c));
  if (single) return { article: true, reason: `body class "${single}"` };
  for (const [pattern, reason] of ARTICLE_PATHS) {
    if (location && pattern.test(location.path)) return { article: true, reason };
  }
  const ogType = doc.querySelector('meta[property="og:type"]')?.getAttribute('content')?.trim().toLowerCase();
  if (ogType === 'article') return { article: true, reason: 'og:type article' };
  if (findJsonLdArticle(doc)) return { article: true, reason: 'JSON-LD Article' };
  return { article: false, reason: 'no article signal' };
}
