// One address per article, so a page reached from a newsletter, a share button or a mirror is recognised
// as the one already saved.

const TRACKING_PARAMS = new Set([
  'fbclid',
  'gclid',
  'dclid',
  'msclkid',
  'mc_cid',
  'mc_eid',
  'spm',
  'from',
  'isappinstalled',
  'igshid',
  '_ga',
]);

function isTracking(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('utm_') || TRACKING_PARAMS.has(lower);
}

/** Absolute URL without fragment or tracking parameters; the parameters left are sorted. Unparseable input is returned trimmed. */
export function normalizeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  const kept = [...parsed.searchParams].filter(([name]) => !isTracking(name));
  kept.sort(([a, av], [b, bv]) => (a === b ? av.localeCompare(bv) : a < b ? -1 : 1));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.href;
}

function siteOf(host: string): string {
  return host
    .replace(/^www\./, '')
    .split('.')
    .slice(-2)
    .join('.');
}

/**
 * A page's own claim of its address, taken only when it stays on the same site or names the same path
 * (a mirror pointing at chinadigitaltimes.net). It is never the library's key: the background replaces
 * it with the key from the address the browser reports (article-key.ts).
 */
export function canonicalUrlOf(doc: Document, pageUrl: string): string {
  let page: URL;
  try {
    page = new URL(pageUrl);
  } catch {
    return normalizeUrl(pageUrl);
  }
  const claims = [
    doc.querySelector('link[rel~="canonical" i][href]')?.getAttribute('href'),
    doc.querySelector('meta[property="og:url"][content]')?.getAttribute('content'),
  ];
  for (const claim of claims) {
    if (!claim?.trim()) continue;
    try {
      const candidate = new URL(claim.trim(), page);
      if (candidate.protocol !== 'http:' && candidate.protocol !== 'https:') continue;
      if (siteOf(candidate.hostname) === siteOf(page.hostname) || candidate.pathname === page.pathname) {
        return normalizeUrl(candidate.href);
      }
    } catch {
      // An unparseable claim is no claim.
    }
  }
  return normalizeUrl(page.href);
}
