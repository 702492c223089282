import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import type { SaveRequest } from '../../../utils/shared/article';
import { contentScriptPage, isExtensionPage, isSaveRequest } from '../../../utils/shared/sender-check';

const EXT = 'chrome-extension://abcdef/';
// Only the fields the checks read; the rest of a Tab does not matter to them.
const tab = { id: 3, index: 0 } as Browser.tabs.Tab;

describe('sender checks', () => {
  it('tells extension pages from content scripts', () => {
    expect(isExtensionPage({ url: `${EXT}popup.html`, tab }, EXT)).toBe(true);
    expect(isExtensionPage({ url: 'https://chinadigitaltimes.net/', tab }, EXT)).toBe(false);
    expect(contentScriptPage({ url: 'https://chinadigitaltimes.net/x/', tab }, EXT)).toBe(
      'https://chinadigitaltimes.net/x/',
    );
    expect(contentScriptPage({ url: `${EXT}reader.html`, tab }, EXT)).toBeNull();
    expect(contentScriptPage({ url: 'https://chinadigitaltimes.net/x/' }, EXT)).toBeNull();
    expect(contentScriptPage({ url: 'file:///etc/passwd', tab }, EXT)).toBeNull();
    // Coral's scripts run in top frames only: a frame's sender speaks for no page of ours.
    expect(contentScriptPage({ url: 'https://chinadigitaltimes.net/x/', tab, frameId: 0 }, EXT)).toBe(
      'https://chinadigitaltimes.net/x/',
    );
    expect(contentScriptPage({ url: 'https://chinadigitaltimes.net/x/', tab, frameId: 3 }, EXT)).toBeNull();
  });

  it('refuses malformed save requests', () => {
    const good: SaveRequest = {
      article: {
        meta: {
          title: 'T',
          canonicalUrl: 'https://a.test/',
          url: 'https://a.test/',
          dir: 'ltr',
          categories: [],
          tags: [],
        },
        html: '<p>x</p>',
        text: 'x',
        images: [],
      },
      images: [{ ref: 'img0', error: 'HTTP 404' }],
    };
    expect(isSaveRequest(good)).toBe(true);
    expect(isSaveRequest(null)).toBe(false);
    expect(isSaveRequest({ ...good, images: 'x' })).toBe(false);
    expect(isSaveRequest({ ...good, article: { ...good.article, html: 42 } })).toBe(false);
    expect(isSaveRequest({ ...good, images: [null] })).toBe(false);
  });
});
