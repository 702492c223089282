import { browser } from 'wxt/browser';

import english from '../../public/_locales/en/messages.json';

// Strings of the popup, options and reader chrome follow the browser's language and so come from
// public/_locales. The English file doubles as the fallback when the i18n API is missing (unit tests).
export type PageMessageKey = keyof typeof english;

type GetMessage = (key: string, substitutions?: string | string[]) => string;

export function pageMessage(
  key: PageMessageKey,
  substitutions: string[] = [],
  getMessage: GetMessage = (k, s) => browser.i18n.getMessage(k as never, s),
): string {
  let text = '';
  try {
    text = getMessage(key, substitutions);
  } catch {
    // No i18n API (unit tests): the fallback below.
  }
  return text || english[key].message.replace(/\$(\d)/g, (whole, n: string) => substitutions[Number(n) - 1] ?? whole);
}
