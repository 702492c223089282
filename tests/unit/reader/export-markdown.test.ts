import { describe, expect, it } from 'vitest';
import type { ArticleRecord, VersionRecord } from '../../../utils/library/db/schema';
import { articleToMarkdown, escapeMarkdown, yamlString } from '../../../utils/reader/export-markdown';
import type { ArticleMeta } from '../../../utils/shared/article';

const URL = 'https://chinadigitaltimes.net/2019/07/china-rebuked/';

const baseMeta: ArticleMeta = {
  title: 'China "rebuked" by *22* nations',
  author: 'Samuel Wade',
  published: '2019-07-10T20:00:00-07:00',
  lang: 'en',
  dir: 'ltr',
  categories: [],
  tags: ['Xinjiang'],
  canonicalUrl: URL,
  url: URL,
};

const IMAGES_NOTE = 'Images are links to the original.';

function convert(html: string, tags: string[] = ['mine'], over: Partial<ArticleMeta> = {}): string {
  const meta = { ...baseMeta, ...over };
  const version: VersionRecord = {
    articleId: 'a1',
    version: 1,
    savedAt: Date.UTC(2024, 7, 1, 9, 30),
    meta,
    html,
    text: '',
    textHash: 'c'.repeat(64),
    images: [
      { ref: 'img0', url: 'https://chinadigitaltimes.net/files/photo (1).jpg', alt: 'A [crowd]', hash: 'a'.repeat(64) },
    ],
    bytes: 0,
    imageHashes: ['a'.repeat(64)],
  };
  const article: ArticleRecord = {
    id: 'a1',
    canonicalUrl: URL,
    meta,
    firstSavedAt: 0,
    savedAt: 0,
    versions: 1,
    read: false,
    tags,
    progress: 0,
    textBytes: 0,
    bytes: 0,
  };
  return articleToMarkdown(article, version, { imagesNote: IMAGES_NOTE });
}

const body = (md: string): string =>
  md
    .split('\n---\n\n')[1]
    ?.replace(/^# .*\n\n/, '')
    .replace(`> ${IMAGES_NOTE}\n\n`, '') ?? '';

describe('articleToMarkdown', () => {
  it('writes front matter with title, author, published, source, saved date and tags', () => {
    const md = convert('<p>x</p>');
    expect(md.split('\n---\n')[0]).toBe(
      [
        '---',
        'title: "China \\"rebuked\\" by *22* nations"',
        'author: "Samuel Wade"',
        'published: "2019-07-10T20:00:00-07:00"',
        `source: "${URL}"`,
        'saved: "2024-08-01T09:30:00.000Z"',
        'tags: ["mine", "Xinjiang"]',
        'lang: "en"',
      ].join('\n'),
    );
    expect(md).toContain('\n# China "rebuked" by \\*22\\* nations\n');
  });

  it('converts headings, paragraphs, emphasis, links and blockquotes', () => {
    const md = body(
      convert(
        '<h2>Part <em>one</em></h2><p>Some <strong>bold</strong>, <em>italic </em>and <a href="https://example.org/a b">a link</a>.</p>' +
          '<blockquote><p>Quoted</p><p>twice</p></blockquote><h3>Next</h3>',
      ),
    );
    expect(md).toBe(
      '## Part *one*\n\nSome **bold**, *italic* and [a link](https://example.org/a%20b).\n\n> Quoted\n>\n> twice\n\n### Next\n',
    );
  });

  it('converts lists, nested lists, images with their original URL and footnote links', () => {
    const md = body(
      convert(
        '<ul><li>one</li><li>two<ol><li>three</li><li>four</li></ol></li></ul>' +
          '<figure><img data-coral-ref="img0" alt="A [crowd]"><figcaption>Caption</figcaption></figure>' +
          '<p>Claim<sup><a href="#fn1">1</a></sup></p><hr>',
      ),
    );
    expect(md).toBe(
      [
        '- one\n- two\n\n  1. three\n  2. four',
        '![A \\[crowd\\]](<https://chinadigitaltimes.net/files/photo%20(1).jpg>)',
        '*Caption*',
        'Claim<sup>[1](#fn1)</sup>',
        '---\n',
      ].join('\n\n'),
    );
  });

  it('converts tables to GFM pipes with escaped cell text', () => {
    const md = body(
      convert(
        '<table><thead><tr><th>Name</th><th>a|b</th></tr></thead><tbody><tr><td>张三</td><td colspan="1">x</td></tr><tr><td colspan="2">wide</td></tr></tbody></table>',
      ),
    );
    expect(md).toBe('| Name | a\\|b |\n| --- | --- |\n| 张三 | x |\n| wide |  |\n');
  });

  it('escapes Markdown in text so it stays text, and keeps Chinese as it is', () => {
    expect(escapeMarkdown('*a* _b_ [c](d) <e> `f` ~g~ &amp; 中文')).toBe(
      '\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\~g\\~ \\&amp; 中文',
    );
    const md = body(
      convert(
        '<p># not a heading</p><p>1. not a list</p><p>- nor this</p><p>中国数字时代</p><pre>code `x`\n  kept</pre>',
      ),
    );
    expect(md).toBe(
      '\\# not a heading\n\n1\\. not a list\n\n\\- nor this\n\n中国数字时代\n\n```\ncode `x`\n  kept\n```\n',
    );
  });

  it('keeps a code span on one line, so blank lines in it cannot let raw HTML or links out', () => {
    const md = body(
      convert('<p>see <code>x\n\n&lt;img src=x onerror=alert(1)&gt;\n\n[a](javascript:alert(1))</code> end</p>'),
    );
    expect(md).toBe('see `x  <img src=x onerror=alert(1)>  [a](javascript:alert(1))` end\n');
  });

  it('drops what the sanitiser drops', () => {
    expect(body(convert('<p>ok<script>alert(1)</script></p><form><p>form text</p></form>'))).toBe('ok\n');
  });
});

/** The YAML front matter's lines, as a YAML reader would split them (it counts NEL, LS and PS as breaks). */
const frontLines = (md: string): string[] => (md.split(/\n---\n/)[0] ?? '').split(/\r\n|[\n\r\u0085\u2028\u2029]/);

/** Reads a YAML double-quoted scalar made only of JSON-compatible escapes back to its text. */
const unquote = (line: string): unknown => JSON.parse(line.slice(line.indexOf(': ') + 2));

describe('articleToMarkdown with hostile metadata', () => {
  const hostile = '"\n---\n<img src=x onerror=alert(1)>';

  it('keeps a title that tries to end the front matter inside one quoted line, with no HTML', () => {
    const md = convert('<p>x</p>', [], { title: hostile, author: `</a>\u2028---\u2029<script>alert(1)</script>` });
    const lines = frontLines(md);
    expect(lines[0]).toBe('---');
    expect(lines.filter((line) => line === '---')).toEqual(['---']);
    const title = lines.find((line) => line.startsWith('title: ')) ?? '';
    const author = lines.find((line) => line.startsWith('author: ')) ?? '';
    expect(unquote(title)).toBe(hostile);
    expect(unquote(author)).toBe('</a>\u2028---\u2029<script>alert(1)</script>');
    // Read as plain Markdown (a renderer that ignores front matter), nothing in it is a tag.
    expect(md.split('\n# ')[0]).not.toMatch(/[<>]/);
  });

  it('writes a hostile title as one heading line of text', () => {
    const md = convert('<p>x</p>', [], { title: hostile });
    const heading = md.split('\n').find((line) => line.startsWith('# '));
    expect(heading).toBe('# " --- \\<img src=x onerror=alert(1)\\>');
    expect(md).not.toContain('\n---\n<img');
    expect(md.split('\n').filter((line) => line === '---')).toHaveLength(2);
  });

  it('keeps a closing run of # and a leading list marker in the heading as text', () => {
    const md = convert('<p>x</p>', [], { title: '1. We are # 1 ##' });
    expect(md).toContain('\n# 1\\. We are # 1 \\##\n');
  });

  it('escapes every tag and the other front matter fields the same way', () => {
    const md = convert('<p>x</p>', ['<b>mine</b>'], {
      published: '2019\n---',
      lang: 'en"\n<x>',
      archiveCard: { originalTitle: '<svg onload=alert(1)>', source: '[a](javascript:alert(1))' },
    });
    const lines = frontLines(md);
    expect(lines.filter((line) => line === '---')).toEqual(['---']);
    expect(md.split('\n# ')[0]).not.toMatch(/[<>]|\[a\]/);
    expect(lines).toContain('tags: ["\\u003cb\\u003emine\\u003c/b\\u003e", "Xinjiang"]');
    expect(unquote(lines.find((line) => line.startsWith('original_source: ')) ?? '')).toBe('[a](javascript:alert(1))');
  });

  it('escapes what YAML cannot hold as it is and keeps Chinese readable', () => {
    expect(yamlString('中國數字時代\u0085\u007f\t"\\')).toBe('"中國數字時代\\u0085\\u007f\t\\"\\\\"');
    expect(yamlString('\ud800x')).toBe('"\ufffdx"');
  });
});

describe('articleToMarkdown and images', () => {
  it('says once, under the title, that images are links to the original', () => {
    const md = convert('<p><img data-coral-ref="img0" alt="crowd"></p><p><img data-coral-ref="img0" alt="again"></p>');
    expect(md.split(IMAGES_NOTE)).toHaveLength(2);
    expect(md).toContain(`# China "rebuked" by \\*22\\* nations\n\n> ${IMAGES_NOTE}\n\n![crowd](`);
  });

  it('says nothing about images when there are none', () => {
    expect(convert('<p>x</p>')).not.toContain(IMAGES_NOTE);
  });
});
