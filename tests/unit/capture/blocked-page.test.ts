// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { blockedPageCode } from '../../../utils/capture/blocked-page';
import { canRetrySave } from '../../../utils/shared/article';

describe('blockedPageCode', () => {
  it.each([
    // What Chrome and Firefox say when they keep an extension out of a tab, with no address to go by.
    ['Cannot access a chrome:// URL', 'browser-page'],
    ['Cannot access a chrome-extension:// URL of different extension', 'browser-page'],
    ['Cannot access contents of url "about:blank". Extension manifest must request permission', 'browser-page'],
    ['The extensions gallery cannot be scripted.', 'store-page'],
    [
      'Cannot access contents of the page. Extension manifest must request permission to access the respective host.',
      'no-access',
    ],
    ['Missing host permission for the tab', 'no-access'],
    ['No tab with id: 12.', 'no-answer'],
    ['Frame with ID 0 was removed.', 'no-answer'],
    ['Could not establish connection. Receiving end does not exist.', 'no-answer'],
  ] as const)('%s → %s', (message, code) => {
    expect(blockedPageCode(new Error(message))).toBe(code);
  });

  it.each([
    ['chrome://settings/', 'browser-page'],
    ['about:addons', 'browser-page'],
    ['moz-extension://0c1d/page.html', 'browser-page'],
    ['view-source:https://example.org/', 'browser-page'],
    ['https://chromewebstore.google.com/detail/x/abc', 'store-page'],
    ['https://chrome.google.com/webstore/detail/abc', 'store-page'],
    ['https://addons.mozilla.org/en-US/firefox/', 'store-page'],
    ['https://example.org/report.PDF', 'pdf'],
  ] as const)('a tab showing %s → %s, whatever the browser said', (address, code) => {
    expect(blockedPageCode(new Error('Missing host permission for the tab'), address)).toBe(code);
  });

  it('goes by the message for an ordinary or unreadable address, and takes a thrown string', () => {
    expect(blockedPageCode(new Error('Missing host permission for the tab'), 'https://example.org/a')).toBe(
      'no-access',
    );
    expect(blockedPageCode('No tab with id: 3.', 'not a url')).toBe('no-answer');
  });

  it('offers a retry only where another try could work', () => {
    expect(
      ['browser-page', 'store-page', 'pdf', 'no-access', 'too-large'].map((c) => canRetrySave(c as never)),
    ).toEqual([false, false, false, false, false]);
    expect(['quota', 'no-answer', 'failed'].map((c) => canRetrySave(c as never))).toEqual([true, true, true]);
  });
});
