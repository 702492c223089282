import type { Browser } from 'wxt/browser';
import { CDT_HOSTS } from '../sites/cdt';
import type { SaveRequest } from './article';

// The background answers content scripts, which run beside pages we do not trust. These checks say who
// is asking; which article a page is comes from the address the browser reports (article-key.ts).

function hostOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const { protocol, hostname } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? hostname.toLowerCase() : null;
  } catch {
    return null;
  }
}

const bare = (host: string) =>
  host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');

/** True for the extension's own pages (popup, reader, options), never for content scripts. */
export function isExtensionPage(sender: Browser.runtime.MessageSender, extensionOrigin: string): boolean {
  return typeof sender.url === 'string' && sender.url.startsWith(extensionOrigin);
}

/**
 * The web page a content script speaks for, or null when the sender is not the content script of a
 * tab's top frame. Coral's scripts never run in frames, so a sender in one is not ours to answer.
 */
export function contentScriptPage(sender: Browser.runtime.MessageSender, extensionOrigin: string): string | null {
  if (!sender.tab || isExtensionPage(sender, extensionOrigin)) return null;
  if (sender.frameId !== undefined && sender.frameId !== 0) return null;
  const url = sender.url ?? sender.tab.url;
  return hostOf(url) ? (url as string) : null;
}

/** A page on CDT or one of the mirrors the user added, judged by the address the browser reports. */
export function isCdtPage(pageUrl: string, mirrorHosts: readonly string[]): boolean {
  const host = hostOf(pageUrl);
  return host !== null && [...CDT_HOSTS, ...mirrorHosts].some((known) => bare(known) === bare(host));
}

/** Shape check of a save request from a content script: wrong types are refused, not coerced. */
export function isSaveRequest(value: unknown): value is SaveRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { article, images, loadedFrom } = value as Partial<SaveRequest>;
  if (typeof article !== 'object' || article === null || !Array.isArray(images)) return false;
  if (loadedFrom !== undefined && typeof loadedFrom !== 'string') return false;
  const { meta, html, text } = article;
  return (
    typeof html === 'string' &&
    typeof text === 'string' &&
    Array.isArray(article.images) &&
    typeof meta === 'object' &&
    meta !== null &&
    typeof meta.title === 'string' &&
    typeof meta.canonicalUrl === 'string' &&
    images.every((image) => typeof image === 'object' && image !== null && typeof image.ref === 'string')
  );
}
