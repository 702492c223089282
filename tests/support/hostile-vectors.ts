// Hostile input shared by the unit tests (happy-dom) and the browser test (real Chromium), so both run the
// very same cases. Vectors that would run call alert() or pwned(), which the browser test records; the ones
// that would only load something point at attacker.test, which the browser test watches for requests.
// Plain strings and DOM code only: this module is also bundled into a test page.

export const ARTICLE_URL = 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/';
export const ATTACKER_HOST = 'attacker.test';

/** What the sanitiser gets, and the text of it that must survive. */
export interface SanitizerVector {
  html: string;
  kept: string;
}

const v = (html: string, kept = ''): SanitizerVector => ({ html, kept });

export const SANITIZER_VECTORS: SanitizerVector[] = [
  // Script and handlers.
  v('<script>alert(1)</script><p>ok</p>', 'ok'),
  v('<p onclick="alert(1)" onmouseover="alert(1)">ok</p>', 'ok'),
  v('<img src="x.png" onerror="alert(1)">'),
  v('<details open ontoggle="alert(1)">x</details>', 'x'),
  v('<a href="https://example.org/" onclick="alert(1)" target="_blank">x</a>', 'x'),
  v('<div><template><script>alert(1)</script></template></div>'),
  v('<video><source onerror="alert(1)"></video><p>ok</p>', 'ok'),
  v('<input autofocus onfocus="alert(1)"><p>ok</p>', 'ok'),
  // javascript:, data: and vbscript: addresses, however spelt.
  v('<a href="javascript:alert(1)">a</a>', 'a'),
  v('<a href="JaVaScRiPt:alert(1)">a</a>', 'a'),
  v('<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">a</a>', 'a'),
  v('<a href="&#x6A;avascript&colon;alert(1)">a</a>', 'a'),
  v('<a href="java\tscript:alert(1)">a</a>', 'a'),
  v('<a href="java&#x09;script:alert(1)">a</a>', 'a'),
  v('<a href="java&NewLine;script:alert(1)">a</a>', 'a'),
  v('<a href=" \n javascript:alert(1)">a</a>', 'a'),
  v('<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">a</a>', 'a'),
  v('<a href="data:text/html,<script>alert(1)</script>">a</a>', 'a'),
  v('<a href="vbscript:msgbox(1)">a</a>', 'a'),
  v('<img src="javascript:alert(1)"><img src="data:image/svg+xml,<svg onload=alert(1)>">'),
  // SVG and MathML, including the mutation-XSS shapes that only bite when the output is parsed again.
  v('<svg onload="alert(1)"><circle r="1"/></svg>'),
  v('<svg><script>alert(1)</script></svg>'),
  v('<svg><a xlink:href="javascript:alert(1)"><text>t</text></a></svg>'),
  v('<svg><animate onbegin="alert(1)" attributeName="x" dur="1s"/></svg>'),
  v('<math href="javascript:alert(1)">m</math>'),
  v('<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>'),
  v('<svg><p><style><img src=x onerror=alert(1)>'),
  v('<math><mi><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">'),
  v('<noscript><p title="</noscript><img src=x onerror=alert(1)>">'),
  v('<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>'),
  // Frames, plug-ins, forms, page-level elements.
  v(`<iframe src="https://${ATTACKER_HOST}/"></iframe>`),
  v('<iframe srcdoc="<script>alert(1)</script>"></iframe>'),
  v(`<object data="https://${ATTACKER_HOST}/o.swf"></object><embed src="https://${ATTACKER_HOST}/e.swf">`),
  v(
    `<form action="https://${ATTACKER_HOST}/"><input name="q"><button formaction="javascript:alert(1)">go</button></form>`,
  ),
  v('<style>body{background:url(javascript:alert(1))}</style><p style="color:red">x</p>', 'x'),
  v('<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'),
  v(`<meta http-equiv="refresh" content="0;url=https://${ATTACKER_HOST}/refresh"><p>ok</p>`, 'ok'),
  v('<base href="javascript:alert(1)//"><a href="/x">x</a>', 'x'),
  // Anything that would fetch from elsewhere when shown.
  v(`<img srcset="https://${ATTACKER_HOST}/s.png 1x" alt="s">`),
  v(`<p style="background:url(https://${ATTACKER_HOST}/bg.png)">styled</p>`, 'styled'),
  v(`<style>@import url(https://${ATTACKER_HOST}/i.css); p{background:url(https://${ATTACKER_HOST}/p.png)}</style>`),
  v(
    `<link rel="stylesheet" href="https://${ATTACKER_HOST}/l.css"><link rel="prefetch" href="https://${ATTACKER_HOST}/pf">`,
  ),
  v(`<a href="https://example.org/" ping="https://${ATTACKER_HOST}/ping">p</a>`, 'p'),
  v(`<video poster="https://${ATTACKER_HOST}/v.png" src="https://${ATTACKER_HOST}/v.mp4"></video>`),
  v(`<audio src="https://${ATTACKER_HOST}/a.mp3"></audio><p>ok</p>`, 'ok'),
  v(`<table background="https://${ATTACKER_HOST}/t.png"><tbody><tr><td>t</td></tr></tbody></table>`, 't'),
  v(`<input type="image" src="https://${ATTACKER_HOST}/i.png"><p>ok</p>`, 'ok'),
  v(`<svg><image href="https://${ATTACKER_HOST}/s.png"/><use href="https://${ATTACKER_HOST}/u.svg#x"/></svg>`),
];

/** A CDT-shaped article page full of hostile markup, with what a saved copy must keep of it. */
export const HOSTILE_ARTICLE = {
  fixture: 'variants/hostile-article.html',
  url: 'https://chinadigitaltimes.net/2024/05/netizen-voices-the-flood-report-that-vanished/',
  title: 'Netizen Voices: The Flood Report That Vanished',
  kept: [
    'Netizens kept copies of the deleted flood report before it vanished from the county paper.',
    'Readers argued about who had ordered the deletion.',
    'One comment linked to the county notice and the rescue hotline.',
    'The reporter said the piece had been checked twice.',
    'A mirror of the notice was shared widely.',
    'The archive keeps what the censors remove.',
  ],
  /** Vectors that run on the live page (proof that the markup is live), not one of which may run in the reader. */
  liveVectors: ['inline-script', 'img-onerror'],
  /** The images a save keeps as slots, by the file name at the end of their address. */
  imageFiles: ['xinjiang-statement.png', 'x', 'srcset-2x.png'],
} as const;

/** A backup's version HTML that import must sanitise again, and what is left of it. */
export const HOSTILE_BACKUP_HTML = {
  html: '<p onclick="pwned(1)">Hi<script>alert(1)</script><img src="javascript:x"></p>',
  sanitized: '<p>Hi<img></p>',
};

/**
 * Everything under root that could run or load: script-ish elements, handlers, styles, non-http(s)
 * addresses, any address on the attacker's host. Self-contained (no outside names) so a browser test can
 * also hand it to page.evaluate.
 */
export function inertProblems(root: ParentNode): string[] {
  const banned = [
    'script, style, iframe, frame, object, embed, form, input, button, svg, math, meta, base, link, template',
    'noscript, video, audio, source, picture, applet, canvas, dialog, details',
  ].join(', ');
  const bannedAttrs = ['style', 'class', 'srcset', 'srcdoc', 'formaction', 'action', 'ping', 'poster', 'background'];
  const attrProblems = (el: Element, attr: Attr): string[] => {
    const name = attr.name.toLowerCase();
    const out: string[] = [];
    if (name.startsWith('on') || bannedAttrs.includes(name) || name.includes(':'))
      out.push(`${name} on <${el.localName}>`);
    if (attr.value.includes('attacker.test')) out.push(`${name}="${attr.value}" on <${el.localName}>`);
    if ((name === 'href' || name === 'src') && !/^(?:https?:|mailto:|#|blob:)/.test(attr.value)) {
      out.push(`${name}="${attr.value}" on <${el.localName}>`);
    }
    return out;
  };
  return [
    ...[...root.querySelectorAll(banned)].map((el) => `<${el.localName}> element`),
    ...[...root.querySelectorAll('*')].flatMap((el) => [...el.attributes].flatMap((attr) => attrProblems(el, attr))),
  ];
}

/** Text with runs of white space made single spaces, for comparing what survives. */
export function squash(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
