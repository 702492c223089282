import { describe, expect, it } from 'vitest';
import { canonicalUrlOf, normalizeUrl } from '../../../utils/shared/canonical-url';

const ARTICLE = 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/';

function docWith(head: string): Document {
  return new DOMParser().parseFromString(`<html><head>${head}</head><body></body></html>`, 'text/html');
}

describe('normalizeUrl', () => {
  it('drops the fragment and tracking parameters, keeps and sorts the rest', () => {
    expect(
      normalizeUrl(`${ARTICLE}?utm_source=newsletter&utm_medium=email&fbclid=abc&gclid=1&mc_cid=2&mc_eid=3#comments`),
    ).toBe(ARTICLE);
    expect(normalizeUrl('https://chinadigitaltimes.net/?p=183100&spm=a.b&from=timeline&isappinstalled=0')).toBe(
      'https://chinadigitaltimes.net/?p=183100',
    );
    expect(normalizeUrl('https://example.org/a?z=1&b=2&a=3&UTM_Campaign=x')).toBe('https://example.org/a?a=3&b=2&z=1');
  });

  it('leaves an unparseable address as it was', () => {
    expect(normalizeUrl('  not a url ')).toBe('not a url');
  });
});

describe('canonicalUrlOf', () => {
  it('uses rel=canonical, normalised', () => {
    const doc = docWith(`<link rel="canonical" href="${ARTICLE}?utm_source=x#top">`);
    expect(canonicalUrlOf(doc, `${ARTICLE}?fbclid=1`)).toBe(ARTICLE);
  });

  it('falls back to og:url, then to the page address', () => {
    expect(canonicalUrlOf(docWith(`<meta property="og:url" content="${ARTICLE}">`), `${ARTICLE}?a=1`)).toBe(ARTICLE);
    expect(canonicalUrlOf(docWith(''), `${ARTICLE}?utm_medium=x#c`)).toBe(ARTICLE);
  });

  it('accepts the real site from a mirror when the path is the same, and relative canonicals', () => {
    const doc = docWith(`<link rel="canonical" href="${ARTICLE}">`);
    expect(
      canonicalUrlOf(doc, 'https://cdt-mirror.example.org/2019/07/china-rebuked-by-22-nations-over-xinjiang/'),
    ).toBe(ARTICLE);
    expect(
      canonicalUrlOf(
        docWith('<link rel="canonical" href="/chinese/702345.html">'),
        'https://www.chinadigitaltimes.net/chinese/702345.html?from=x',
      ),
    ).toBe('https://www.chinadigitaltimes.net/chinese/702345.html');
  });

  it('ignores a canonical that points at another site and path, or is not http(s)', () => {
    const page = 'https://chinadigitaltimes.net/2019/07/some-story/';
    expect(canonicalUrlOf(docWith('<link rel="canonical" href="https://evil.example/other/">'), page)).toBe(page);
    expect(canonicalUrlOf(docWith('<link rel="canonical" href="javascript:alert(1)">'), page)).toBe(page);
  });
});
