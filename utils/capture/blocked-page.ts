import type { SaveErrorCode } from '../shared/article';

// Why the browser would not let Coral into a tab, as a code the user can be told in their language. The
// browser says it only in English prose, which differs between browsers and versions, so the tab's
// address decides first, when Coral may see it, and the message's wording only when it may not.

const STORE_HOSTS = new Set(['chromewebstore.google.com', 'addons.mozilla.org', 'microsoftedge.microsoft.com']);

/** What the tab's address alone says, or null for an ordinary web page (or no address). */
function fromAddress(address: string | undefined): SaveErrorCode | null {
  if (!address) return null;
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'file:'].includes(url.protocol)) return 'browser-page';
  if (STORE_HOSTS.has(url.hostname) || (url.hostname === 'chrome.google.com' && url.pathname.startsWith('/webstore')))
    return 'store-page';
  if (/\.pdf$/i.test(url.pathname)) return 'pdf';
  return null;
}

/** Chrome: "Cannot access a chrome:// URL", "The extensions gallery cannot be scripted."; Firefox: "Missing host permission for the tab". */
function fromMessage(message: string): SaveErrorCode {
  if (/extensions gallery|webstore/i.test(message)) return 'store-page';
  if (/\b(chrome|chrome-extension|edge|about|devtools|moz-extension|view-source|chrome-untrusted):/i.test(message))
    return 'browser-page';
  if (/\bpdf\b/i.test(message)) return 'pdf';
  if (/permission|cannot access|cannot be scripted/i.test(message)) return 'no-access';
  // No tab with that id, a frame removed or showing an error page, no receiving end: the page went away.
  return 'no-answer';
}

/** The code for a failure to reach or inject into a tab showing `address` (undefined when Coral may not see it). */
export function blockedPageCode(error: unknown, address?: string): SaveErrorCode {
  const message = error instanceof Error ? error.message : String(error);
  return fromAddress(address) ?? fromMessage(message);
}
