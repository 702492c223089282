import { browser } from 'wxt/browser';

// Strings of the popup and options page, which follow the browser's language and so come from
// public/_locales. The English here is only a fallback for a locale file that lacks a key (and for tests).
const english = {
  popupSavePage: 'Save this page',
  popupSaving: 'Saving…',
  popupSaved: 'Saved.',
  popupUnchanged: 'Already saved; the text has not changed.',
  popupSaveFailed: 'Could not save this page: $1',
  popupRecent: 'Recently saved',
  popupNothingSaved: 'Nothing saved yet.',
  popupOptions: 'Settings',
  optionsTitle: 'Coral settings',
  optionsMirrorsHeading: 'Mirror sites',
  optionsMirrorsIntro:
    'Coral offers to save articles on chinadigitaltimes.net. If you read China Digital Times through a mirror, add its address here: your browser will ask you to let Coral read that site.',
  optionsMirrorLabel: 'Mirror address',
  optionsMirrorAdd: 'Add',
  optionsMirrorRemove: 'Remove $1',
  optionsMirrorNone: 'No mirrors added.',
  optionsMirrorAdded: 'Added $1.',
  optionsMirrorRemoved: 'Removed $1.',
  optionsMirrorDenied: 'Permission for $1 was not granted, so it was not added.',
  optionsMirrorDuplicate: '$1 is already in the list.',
  optionsMirrorNoAccess: 'Coral may no longer read this site. Remove it and add it again to allow it.',
  optionsMirrorFailed: 'Something went wrong: $1',
  optionsMirrorErrorEmpty: 'Enter a host name such as cdt.example.org.',
  optionsMirrorErrorWildcard: 'Wildcards are not allowed: enter the host name of one mirror.',
  optionsMirrorErrorScheme: 'Only http and https addresses can be mirrors.',
  optionsMirrorErrorCredentials: 'Leave out the user name and password.',
  optionsMirrorErrorIp: 'Enter the mirror’s host name, not an IP address.',
  optionsMirrorErrorLocal: 'Enter a public host name such as cdt.example.org.',
  optionsMirrorErrorInvalid: 'That is not a valid host name.',
  optionsMirrorErrorCdt: 'chinadigitaltimes.net is always supported; add only its mirrors.',
};

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
  return text || english[key].replace(/\$(\d)/g, (whole, n: string) => substitutions[Number(n) - 1] ?? whole);
}
