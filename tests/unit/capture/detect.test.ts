import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectArticle } from '../../../utils/capture/detect';

const CDT = 'https://chinadigitaltimes.net';

function load(path: string): Document {
  return new DOMParser().parseFromString(readFileSync(`tests/fixtures/${path}`, 'utf8'), 'text/html');
}

// Every fixture at its real path on the site: the yes/no table the prompt depends on.
const table: Array<[fixture: string, path: string, article: boolean]> = [
  ['cdt/cdt-en-article.html', '/2019/07/china-rebuked-by-22-nations-over-xinjiang/', true],
  ['cdt/cdt-zh-article.html', '/chinese/702345.html', true],
  ['cdt/cdt-en-home.html', '/', false],
  ['variants/old-theme-article.html', '/2011/07/netizen-voices-train-crash-cover-up/', true],
  ['variants/no-jsonld-article.html', '/2021/07/minitrue-do-not-hype-flood-deaths/', true],
  ['variants/zh-dated-article.html', '/chinese/2023/08/netizen-voices-after-the-rain/', true],
  ['variants/ug-article.html', '/2022/01/xinjiang-camps-ug/', true],
  ['variants/category-one-article.html', '/category/politics/', false],
  ['variants/tag-page.html', '/tag/xinjiang/', false],
  ['variants/search-page.html', '/?s=xinjiang', false],
  ['variants/page-2-listing.html', '/page/2/', false],
  ['variants/author-page.html', '/author/samuel-wade/', false],
  ['variants/zh-home.html', '/chinese/', false],
  ['variants/date-archive.html', '/2019/07/', false],
];

describe('detectArticle on the fixtures at their real paths', () => {
  it.each(table)('%s at %s → %s', (fixture, path, expected) => {
    const result = detectArticle(load(fixture), CDT + path);
    expect(result.article, result.reason).toBe(expected);
    expect(result.reason).not.toBe('');
  });

  it.each(table)('%s on a mirror host → %s', (fixture, path, expected) => {
    expect(detectArticle(load(fixture), `https://cdt-mirror.example.org${path}`).article).toBe(expected);
  });
});

describe('detectArticle rules', () => {
  const blank = () => new DOMParser().parseFromString('<html><body><p>x</p></body></html>', 'text/html');
  const withHead = (head: string, bodyClass = '') =>
    new DOMParser().parseFromString(
      `<html><head>${head}</head><body class="${bodyClass}"><p>x</p></body></html>`,
      'text/html',
    );

  it('says yes from the URL alone for the three post path shapes', () => {
    expect(detectArticle(blank(), `${CDT}/2019/07/some-slug/`).article).toBe(true);
    expect(detectArticle(blank(), `${CDT}/chinese/702345.html`).article).toBe(true);
    expect(detectArticle(blank(), `${CDT}/chinese/2023/08/%E6%9A%B4%E9%9B%A8/`).article).toBe(true);
  });

  it('says no to listing paths even when the markup looks like an article', () => {
    const article = load('cdt/cdt-en-article.html');
    for (const path of [
      '/',
      '/chinese/',
      '/2019/',
      '/2019/07/',
      '/2019/07/11/',
      '/page/3/',
      '/category/politics/page/2/',
    ]) {
      expect(detectArticle(article, CDT + path).article, path).toBe(false);
    }
    expect(detectArticle(article, `${CDT}/search/xinjiang/`).article).toBe(false);
    expect(detectArticle(article, `${CDT}/chinese/?s=%E6%B4%AA%E6%B0%B4`).article).toBe(false);
    expect(detectArticle(article, `${CDT}/chinese/tag/flood/`).article).toBe(false);
  });

  it('says no to WordPress listing body classes on neutral paths', () => {
    for (const cls of ['home', 'blog', 'archive', 'category', 'tag', 'author', 'search', 'paged']) {
      const doc = withHead('<meta property="og:type" content="article">', `${cls} et_divi_theme`);
      expect(detectArticle(doc, 'https://example.org/x').article, cls).toBe(false);
    }
  });

  it('says yes to og:type=article, JSON-LD articles and single-post body classes elsewhere', () => {
    const url = 'https://example.org/news/story';
    expect(detectArticle(withHead('<meta property="og:type" content="article">'), url)).toEqual({
      article: true,
      reason: 'og:type article',
    });
    for (const type of ['Article', 'NewsArticle', 'BlogPosting', '["WebPage","NewsArticle"]']) {
      const json = type.startsWith('[') ? type : `"${type}"`;
      const doc = withHead(`<script type="application/ld+json">{"@graph":[{"@type":${json}}]}</script>`);
      expect(detectArticle(doc, url).article, type).toBe(true);
    }
    expect(detectArticle(withHead('', 'single-post'), url).article).toBe(true);
    expect(detectArticle(withHead('', 'page page-id-2'), url).article).toBe(false);
    expect(detectArticle(withHead('<script type="application/ld+json">{broken</script>'), url).article).toBe(false);
  });

  it('does not change the document', () => {
    const doc = load('cdt/cdt-en-article.html');
    const before = doc.documentElement.outerHTML;
    detectArticle(doc, `${CDT}/2019/07/china-rebuked-by-22-nations-over-xinjiang/`);
    expect(doc.documentElement.outerHTML).toBe(before);
  });
});
