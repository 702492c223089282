import '../../support/happy-dom-purify-shim';
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../../utils/shared/sanitize';
import { ARTICLE_URL, inertProblems, SANITIZER_VECTORS, squash } from '../../support/hostile-vectors';

const BASE = ARTICLE_URL;

function parse(html: string): HTMLElement {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = html;
  return doc.body;
}

// The same vectors run in real Chromium in tests/e2e/hostile-dom.e2e.ts, where the output is also shown.
describe('sanitizeArticleHtml removes everything that could run or load', () => {
  it.each(SANITIZER_VECTORS)('$html', ({ html, kept }) => {
    const out = sanitizeArticleHtml(html, BASE);
    // Parse the output again: mutation XSS only shows once the serialised string is re-read.
    const body = parse(out);
    expect(inertProblems(body), out).toEqual([]);
    expect(out).not.toMatch(/alert|javascript|vbscript|data:text|attacker\.test/i);
    expect(squash(body.textContent)).toBe(kept);
    expect(sanitizeArticleHtml(out, BASE)).toBe(out); // stable under a second pass
  });
});

describe('sanitizeArticleHtml keeps the article', () => {
  it('keeps the allowed structure and drops class/style', () => {
    const html =
      '<h2 class="x">Head</h2><p style="color:red">A <em>b</em> <strong>c</strong> <sup>1</sup> <q>q</q></p>' +
      '<blockquote><p>quote</p></blockquote><ul><li>one</li></ul>' +
      '<table><caption>Card</caption><tbody><tr><td colspan="2">v</td></tr></tbody></table>' +
      '<figure><img src="/files/a.png" alt="A" width="10" height="20"><figcaption>cap</figcaption></figure>' +
      '<p lang="ug" dir="rtl"><time datetime="2019-07-11">Jul 11</time></p>';
    const body = parse(sanitizeArticleHtml(html, BASE));
    expect(body.querySelector('h2')?.textContent).toBe('Head');
    expect(body.querySelector('h2')?.hasAttribute('class')).toBe(false);
    expect(body.querySelector('p')?.hasAttribute('style')).toBe(false);
    expect(body.querySelectorAll('em, strong, sup, q, blockquote, li, caption, figcaption').length).toBe(8);
    expect(body.querySelector('td')?.getAttribute('colspan')).toBe('2');
    const img = body.querySelector('img');
    expect(img?.getAttribute('src')).toBe('https://chinadigitaltimes.net/files/a.png');
    expect([img?.getAttribute('alt'), img?.getAttribute('width'), img?.getAttribute('height')]).toEqual([
      'A',
      '10',
      '20',
    ]);
    expect(body.querySelector('p[lang="ug"]')?.getAttribute('dir')).toBe('rtl');
    expect(body.querySelector('time')?.getAttribute('datetime')).toBe('2019-07-11');
  });

  it('makes links absolute with rel=noopener noreferrer, keeps mailto and in-page anchors', () => {
    const html =
      '<a href="/2019/05/lawmakers/">rel</a><a href="https://shahit.biz/eng/">abs</a><a href="mailto:a@b.org">m</a>' +
      `<a href="#fn1" id="ref1">[1]</a><a href="${BASE}#fn2">[2]</a><a href="ftp://x.org/">ftp</a>`;
    const links = [...parse(sanitizeArticleHtml(html, BASE)).querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual([
      'https://chinadigitaltimes.net/2019/05/lawmakers/',
      'https://shahit.biz/eng/',
      'mailto:a@b.org',
      '#fn1',
      '#fn2',
      null,
    ]);
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(links[3]?.id).toBe('ref1');
  });

  it('keeps data-coral-ref image slots but no other data attributes', () => {
    const out = sanitizeArticleHtml('<img data-coral-ref="img0" data-src="x.png" alt="a" width="4">', BASE);
    expect(out).toBe('<img data-coral-ref="img0" alt="a" width="4">');
  });
});
