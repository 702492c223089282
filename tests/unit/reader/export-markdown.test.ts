import { describe, expect, it } from 'vitest';
import type { ArticleRecord, VersionRecord } from '../../../utils/library/db/schema';
import { articleToMarkdown, escapeMarkdown } from '../../../utils/reader/export-markdown';
import type { ArticleMeta } from '../../../utils/shared/article';

const URL = 'https://chinadigitaltimes.net/2019/07/china-rebuked/';

const meta: ArticleMeta = {
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

function convert(html: string, tags: string[] = ['mine']): string {
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
  return articleToMarkdown(article, version);
}

const body = (md: string): string => md.split('\n---\n\n')[1]?.replace(/^# .*\n\n/, '') ?? '';

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
