import { browser } from 'wxt/browser';

import english from '../../public/_locales/en/messages.json';
import type { SaveErrorCode } from './article';
import { formatBytes } from './format';
import { MAX_ARTICLE_BYTES } from './limits';

// Strings of the popup, options and reader chrome follow the browser's language and so come from
// public/_locales. The English file doubles as the fallback when the i18n API is missing (unit tests).
export type PageMessageKey = keyof typeof english;

type GetMessage = (key: string, substitutions?: string | string[]) => string;

const browserMessage: GetMessage = (k, s) => browser.i18n.getMessage(k as never, s);

export function pageMessage(
  key: PageMessageKey,
  substitutions: string[] = [],
  getMessage: GetMessage = browserMessage,
): string {
  let text = '';
  try {
    text = getMessage(key, substitutions);
  } catch {
    // No i18n API (unit tests): the fallback below.
  }
  return text || english[key].message.replace(/\$(\d)/g, (whole, n: string) => substitutions[Number(n) - 1] ?? whole);
}

/** A message that counts something: `<base>_one` and `<base>_other` both exist. */
export type CountMessage = {
  [K in PageMessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends PageMessageKey
      ? Base
      : never
    : never;
}[PageMessageKey];

/**
 * The language of the messages the browser actually serves (each file names its own), so a count is
 * chosen by that file's plural rules even when the browser's language fell back to English.
 */
export const messagesLocale = (getMessage: GetMessage = browserMessage): string =>
  pageMessage('messagesLocale', [], getMessage);

/**
 * "1 article", "2 articles": the form for `count` under the messages' own plural rules (Chinese has only
 * `other`), with the count written the way that language writes numbers as $1 and `more` as $2, $3….
 */
export function countMessage(
  base: CountMessage,
  count: number,
  more: string[] = [],
  getMessage: GetMessage = browserMessage,
): string {
  const locale = messagesLocale(getMessage);
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  const key = `${base}_${form}` as PageMessageKey;
  return pageMessage(key, [count.toLocaleString(locale), ...more], getMessage);
}

const SAVE_ERROR_KEYS: Record<SaveErrorCode, PageMessageKey> = {
  quota: 'saveErrorQuota',
  'too-large': 'saveErrorTooLarge',
  'not-article': 'saveErrorNotArticle',
  forbidden: 'saveErrorForbidden',
  'browser-page': 'saveErrorBrowserPage',
  'store-page': 'saveErrorStorePage',
  pdf: 'saveErrorPdf',
  'no-access': 'saveErrorNoAccess',
  'no-page': 'saveErrorNoPage',
  'no-answer': 'saveErrorNoAnswer',
  failed: 'saveErrorFailed',
};

/** Why a save failed, in the browser's language; an unknown code (a confused sender) is the generic failure. */
export function saveErrorMessage(code: SaveErrorCode, getMessage: GetMessage = browserMessage): string {
  const key = Object.hasOwn(SAVE_ERROR_KEYS, code) ? SAVE_ERROR_KEYS[code] : 'saveErrorFailed';
  return pageMessage(key, [formatBytes(MAX_ARTICLE_BYTES, messagesLocale(getMessage))], getMessage);
}
