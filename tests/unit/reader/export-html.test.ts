import { describe, expect, it } from 'vitest';
import { articleFileName, backupFileName } from '../../../utils/library/backup/format';
import type { ArticleRecord, VersionRecord } from '../../../utils/library/db/schema';
import { articleToHtml, EXPORT_CSP } from '../../../utils/reader/export-html';
import type { ArticleMeta } from '../../../utils/shared/article';

const URL = 'https://chinadigitaltimes.net/chinese/702345.html';
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const HASH = 'a'.repeat(64);
const MISSING = 'b'.repeat(64);

const meta: ArticleMeta = {
  title: '【网络民议】<被删>的文章',
  author: '小明',
  published: '2024-07-30T10:00:00+08:00',
  lang: 'zh-CN',
  dir: 'ltr',
  categories: [],
  tags: [],
  canonicalUrl: URL,
  url: URL,
  archiveCard: { originalTitle: '原来的标题', source: '微信公众号' },
};

const version: VersionRecord = {
  articleId: 'a1',
  version: 2,
  savedAt: Date.UTC(2024, 7, 1, 9, 30),
  meta,
  html:
    '<p>正文 <a href="https://example.org/x">链接</a></p><img data-coral-ref="img0" alt="照片"><img data-coral-ref="img1" alt="丢失的图">' +
    '<img src="https://tracker.example/pixel.gif" alt="远程"><script>alert(1)</script><p onclick="x()">后文</p>',
  text: '正文 链接 后文',
  textHash: 'c'.repeat(64),
  images: [
    { ref: 'img0', url: 'https://chinadigitaltimes.net/files/0.png', alt: '照片', hash: HASH },
    { ref: 'img1', url: 'https://chinadigitaltimes.net/files/1.png', alt: '丢失的图', hash: MISSING },
  ],
  bytes: 100,
  imageHashes: [HASH, MISSING],
};

const article: ArticleRecord = {
  id: 'a1',
  canonicalUrl: URL,
  meta,
  firstSavedAt: version.savedAt,
  savedAt: version.savedAt,
  versions: 2,
  read: false,
  tags: ['审查'],
  progress: 0,
  textBytes: 50,
  bytes: 100,
};

async function exported(): Promise<{ html: string; doc: Document }> {
  const html = await articleToHtml(article, version, new Map([[HASH, new Blob([PNG], { type: 'image/png' })]]));
  return { html, doc: new DOMParser().parseFromString(html, 'text/html') };
}

describe('articleToHtml', () => {
  it('is one self-contained page: charset, strict CSP, no script, images inlined as data: URIs', async () => {
    const { html, doc } = await exported();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(doc.querySelector('meta[charset]')?.getAttribute('charset')).toBe('utf-8');
    expect(doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(EXPORT_CSP);
    expect(EXPORT_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'");
    expect(html).not.toMatch(/<script|onclick|javascript:/i);
    const images = Array.from(doc.querySelectorAll('img'));
    expect(images.map((i) => i.getAttribute('src'))).toEqual([
      `data:image/png;base64,${btoa(String.fromCharCode(...PNG))}`,
    ]);
    expect(images[0]?.getAttribute('alt')).toBe('照片');
    // Nothing that would load from the network: no remote src anywhere.
    expect(html).not.toContain('tracker.example');
  });

  it('shows failed and remote images as their alt text', async () => {
    const { doc } = await exported();
    expect(Array.from(doc.querySelectorAll('.coral-missing-image'), (e) => e.textContent)).toEqual([
      '[丢失的图]',
      '[远程]',
    ]);
  });

  it('carries language, title, author, dates, source, archive card and when the copy was made', async () => {
    const { doc } = await exported();
    expect(doc.documentElement.getAttribute('lang')).toBe('zh-CN');
    expect(doc.documentElement.getAttribute('dir')).toBe('ltr');
    expect(doc.title).toBe('【网络民议】<被删>的文章');
    expect(doc.querySelector('h1')?.textContent).toBe('【网络民议】<被删>的文章');
    const header = doc.querySelector('header')?.textContent ?? '';
    expect(header).toContain('小明');
    expect(header).toContain('2024年7月30日');
    expect(header).toContain('原来的标题');
    expect(header).toContain('微信公众号');
    expect(header).toContain('CDT 档案卡');
    expect(header).toContain('#审查');
    expect(doc.querySelector(`header a[href="${URL}"]`)).not.toBeNull();
    expect(doc.querySelector('footer')?.textContent).toMatch(/^由 Coral 保存于 2024年8月1日/);
    expect(doc.querySelector('footer time')?.getAttribute('datetime')).toBe('2024-08-01T09:30:00.000Z');
    expect(doc.querySelector('.coral-body a')?.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('labels an English article in English and sets rtl for a right-to-left one', async () => {
    const en = { ...meta, lang: 'ug', dir: 'rtl' as const, archiveCard: undefined };
    const html = await articleToHtml(article, { ...version, meta: en }, new Map());
    const doc = new DOMParser().parseFromString(html, 'text/html');
    expect(doc.documentElement.getAttribute('dir')).toBe('rtl');
    expect(doc.documentElement.getAttribute('lang')).toBe('ug');
    expect(doc.querySelector('footer')?.textContent).toMatch(/^Saved by Coral on August 1, 2024/);
    expect(doc.querySelectorAll('img')).toHaveLength(0);
  });
});

describe('file names', () => {
  it('names a backup after the local date and time', () => {
    expect(backupFileName(new Date(2024, 7, 1, 15, 5))).toBe('coral-backup-2024-08-01-1505.zip');
  });

  it('makes a safe article file name, Chinese kept, no path or control characters', () => {
    expect(articleFileName({ title: '【网络民议】被删除的文章' }, 'html')).toBe('【网络民议】被删除的文章.html');
    expect(articleFileName({ title: '../../etc/passwd' }, 'md')).toBe('etc passwd.md');
    expect(articleFileName({ title: 'a\\b:c*d?e"f<g>h|i' }, 'md')).toBe('a b c d e f g h i.md');
    expect(articleFileName({ title: 'evil\u202Eftm.exe' }, 'html')).toBe('evilftm.exe.html');
    expect(articleFileName({ title: '   ' }, 'html')).toBe('article.html');
    expect(articleFileName({ title: 'CON' }, 'md')).toBe('CON_.md');
    expect(articleFileName({ title: 'x' }, '../h tml')).toBe('x.html');
    const long = articleFileName({ title: '😀'.repeat(200) }, 'md');
    expect(Array.from(long.replace(/\.md$/, ''))).toHaveLength(80);
    expect(long.replace(/\.md$/, '')).toBe('😀'.repeat(80));
  });
});
