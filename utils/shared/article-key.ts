import { CDT_DOMAIN, CDT_HOSTS } from '../sites/cdt';
import { normalizeUrl } from './canonical-url';

// Which saved article a page is. The key comes from the address the BROWSER reports for the page (the
// message's sender), never from what the page says about itself (`<link rel=canonical>`, og:url, a post
// id): a page could otherwise name another saved article and add its own text as that article's newest
// version, or learn from the prompt whether any address is saved. The rule:
// - fragment and tracking parameters go, the other parameters are sorted (normalizeUrl);
// - http and https are one article, and so are `www.host` and `host` (a trailing dot too): every site
//   serves one page on both, and only the site itself can answer on them;
// - CDT's hosts and the mirrors the user added are chinadigitaltimes.net, on any port: a mirror is the
//   user's declared copy of CDT, so its page at a path is CDT's article at that path;
// - anything else (another path, another query, another host) is a separate article.
// The page's claimed canonical address and post id may be kept, but only as what the page said.

const bare = (host: string) =>
  host
    .toLowerCase()
    .replace(/\.$/, '')
    .replace(/^www\./, '');

/** True for CDT's own hosts and the mirrors the user added (the mirror list holds host names). */
function isCdtHost(host: string, mirrorHosts: readonly string[]): boolean {
  const wanted = bare(host);
  return [...CDT_HOSTS, ...mirrorHosts].some((known) => bare(known) === wanted);
}

/**
 * The key a page's article is saved and found under, from the address the browser reports for the page;
 * null for an address that is not an http(s) page.
 */
export function articleKeyOf(pageUrl: string, mirrorHosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(normalizeUrl(pageUrl));
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.username = '';
  url.password = '';
  const cdt = isCdtHost(url.hostname, mirrorHosts);
  url.protocol = 'https:';
  url.hostname = cdt ? CDT_DOMAIN : bare(url.hostname);
  if (cdt) url.port = '';
  return url.href;
}

/**
 * The keys an article saved before this rule may sit under: the page's own address was the key whenever
 * the page's claim was itself (almost always), as written then, with or without `www.` and on http or
 * https. The new key comes first, so an article already under it wins.
 */
export function legacyKeysOf(key: string): string[] {
  let url: URL;
  try {
    url = new URL(key);
  } catch {
    return [key];
  }
  const keys = [key];
  for (const protocol of ['https:', 'http:']) {
    for (const host of [url.hostname, `www.${url.hostname}`]) {
      const variant = new URL(url.href);
      variant.protocol = protocol;
      variant.hostname = host;
      if (!keys.includes(variant.href)) keys.push(variant.href);
    }
  }
  return keys;
}
