import '../../support/happy-dom-purify-shim';
import { describe, expect, it } from 'vitest';
import { sanitizeArticleHtml } from '../../../utils/shared/sanitize';

const BASE = 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/';

function parse(html: string): HTMLElement {
  const doc = document.implementation.createHTMLDocument('');
  doc.body.innerHTML = html;
  return doc.body;
}

/** Nothing that can run: no script-ish elements, no handlers, no non-http(s) URLs. */
function expectInert(html: string): void {
  // Parse the output again: mutation XSS only shows once the serialised string is re-read.
  const body = parse(html);
  const bad = body.querySelectorAll(
    'script, style, iframe, object, embed, form, svg, math, meta, base, link, input, template, noscript',
  );
  expect(bad.length, html).toBe(0);
  for (const el of body.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      expect(attr.name.startsWith('on'), `${attr.name} in ${html}`).toBe(false);
      expect(['style', 'class', 'srcdoc', 'formaction', 'xlink:href'], `${attr.name} in ${html}`).not.toContain(
        attr.name,
      );
    }
    const url = el.getAttribute('href') ?? el.getAttribute('src');
    if (url !== null) expect(url, html).toMatch(/^(?:https?:|mailto:|#)/);
  }
  expect(sanitizeArticleHtml(html, BASE)).toBe(html); // stable under a second pass
}

const ATTACKS = [
  '<script>alert(1)</script><p>ok</p>',
  '<p onclick="alert(1)" onmouseover="alert(1)">ok</p>',
  '<img src="x.png" onerror="alert(1)">',
  '<a href="javascript:alert(1)">a</a>',
  '<a href="JaVaScRiPt:alert(1)">a</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">a</a>',
  '<a href="&#x6A;avascript&colon;alert(1)">a</a>',
  '<a href="java\tscript:alert(1)">a</a>',
  '<a href="java&#x09;script:alert(1)">a</a>',
  '<a href="java&NewLine;script:alert(1)">a</a>',
  '<a href=" \n javascript:alert(1)">a</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>',
  '<a href="data:text/html,<script>alert(1)</script>">a</a>',
  '<a href="vbscript:msgbox(1)">a</a>',
  '<img src="javascript:alert(1)"><img src="data:image/svg+xml,<svg onload=alert(1)>">',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '<svg><script>alert(1)</script></svg>',
  '<iframe src="https://evil.example/"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="evil.swf"></object><embed src="evil.swf">',
  '<form action="https://evil.example/"><input name="q"><button formaction="javascript:alert(1)">go</button></form>',
  '<style>body{background:url(javascript:alert(1))}</style><p style="color:red">x</p>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//"><a href="/x">x</a>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<svg><p><style><img src=x onerror=alert(1)>',
  '<math><mi><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<a href="https://example.org/" onclick="alert(1)" target="_blank">x</a>',
  '<details open ontoggle="alert(1)">x</details>',
  '<div><template><script>alert(1)</script></template></div>',
];

describe('sanitizeArticleHtml removes everything that could run', () => {
  it.each(ATTACKS)('%s', (attack) => {
    const out = sanitizeArticleHtml(attack, BASE);
    expectInert(out);
    expect(out).not.toMatch(/alert|javascript|vbscript|data:text/i);
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
