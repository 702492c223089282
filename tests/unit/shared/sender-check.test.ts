import { describe, expect, it } from 'vitest';
import type { Browser } from 'wxt/browser';
import type { SaveRequest } from '../../../utils/shared/article';
import {
  canonicalAllowed,
  contentScriptPage,
  isExtensionPage,
  isSaveRequest,
} from '../../../utils/shared/sender-check';

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

  it('lets a page ask only about its own site', () => {
    const page = 'http://chinadigitaltimes.net:8080/2019/07/a/';
    expect(canonicalAllowed('https://chinadigitaltimes.net/2019/07/a/', page, [])).toBe(true);
    expect(canonicalAllowed('https://www.chinadigitaltimes.net/2019/07/b/', page, [])).toBe(true);
    expect(canonicalAllowed('https://example.com/private', page, [])).toBe(false);
    expect(canonicalAllowed('javascript:alert(1)', page, [])).toBe(false);
    expect(canonicalAllowed('https://example.com/a', 'https://example.com/b', [])).toBe(true);
  });

  it('treats mirrors the user added as CDT', () => {
    const mirrorPage = 'https://cdt.mirror.test/2019/07/a/';
    expect(canonicalAllowed('https://chinadigitaltimes.net/2019/07/a/', mirrorPage, [])).toBe(false);
    expect(canonicalAllowed('https://chinadigitaltimes.net/2019/07/a/', mirrorPage, ['cdt.mirror.test'])).toBe(true);
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
