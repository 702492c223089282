import '../../support/happy-dom-purify-shim';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ArticleView } from '../../../components/reader/ArticleView';
import { SavedVersions } from '../../../components/reader/SavedVersions';
import { VersionProvenance } from '../../../components/reader/VersionProvenance';
import type { VersionOrigin } from '../../../utils/library/db/schema';
import type { ArticleMeta, ImageRef } from '../../../utils/shared/article';
import { uiLangFor } from '../../../utils/shared/i18n';
import { renderTarget } from '../../support/render-helpers';

const enMeta: ArticleMeta = {
  title: 'China Rebuked by 22 Nations Over Xinjiang',
  author: 'Samuel Wade',
  published: '2019-07-10T20:00:00-07:00',
  modified: '2019-07-11T09:30:00-07:00',
  siteName: 'China Digital Times (CDT)',
  lang: 'en-US',
  dir: 'ltr',
  categories: [],
  tags: [],
  canonicalUrl: 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/',
  url: 'https://chinadigitaltimes.net/2019/07/china-rebuked-by-22-nations-over-xinjiang/',
};

const zhMeta: ArticleMeta = {
  ...enMeta,
  title: '【CDT档案卡】一篇被删除的文章',
  author: undefined,
  lang: 'zh-CN',
  url: 'https://chinadigitaltimes.net/chinese/702345.html',
  archiveCard: {
    originalTitle: '原来的标题',
    originalAuthor: '某作者',
    originalDate: '2024-08-01',
    source: '微信公众号',
  },
};

const images: ImageRef[] = [
  { ref: 'img0', url: 'https://chinadigitaltimes.net/files/2019/07/geneva-council.png', alt: 'Geneva', hash: 'h0' },
  {
    ref: 'img1',
    url: 'https://chinadigitaltimes.net/files/2019/07/urumqi.png',
    alt: 'Urumqi checkpoint',
    error: '404',
  },
];

const html =
  '<p>Twenty-two countries <a href="https://www.hrw.org/x">signed</a> a letter.</p>' +
  '<figure><img data-coral-ref="img0" alt="Geneva" onerror="alert(1)"><figcaption>Geneva</figcaption></figure>' +
  '<p><img data-coral-ref="img1" alt="Urumqi checkpoint"></p>' +
  '<script>window.pwned = true</script><blockquote><p>Quoted words.</p></blockquote>';

const root = renderTarget();

function show(meta: ArticleMeta, body = html) {
  act(() => {
    render(
      <ArticleView
        meta={meta}
        html={body}
        images={images}
        imageUrls={new Map([['h0', 'blob:chrome-extension://x/1']])}
        savedAt={new Date(2024, 7, 2, 12, 0).getTime()}
        ui={uiLangFor(meta.lang)}
      />,
      root(),
    );
  });
}

describe('ArticleView', () => {
  it('shows the header facts, the sanitised body and the stored images', () => {
    show(enMeta);
    const article = root().querySelector('article');
    expect(article?.getAttribute('lang')).toBe('en-US');
    expect(article?.getAttribute('dir')).toBe('ltr');
    expect(root().querySelectorAll('h1')).toHaveLength(1);
    expect(root().querySelector('h1')?.textContent).toBe(enMeta.title);
    expect(root().querySelector('.coral-byline')?.textContent).toContain('Samuel Wade');
    expect(root().querySelector('.coral-site')?.textContent).toBe('China Digital Times (CDT)');

    const facts = root().querySelector('.coral-facts')?.textContent ?? '';
    // The publisher's day, whatever the time zone of the machine running the test.
    expect(facts).toContain('July 10, 2019');
    expect(facts).toContain('July 11, 2019');
    expect(facts).toContain('August 2, 2024');
    expect(root().querySelector('time')?.getAttribute('datetime')).toBe('2019-07-10T20:00:00-07:00');

    const source = root().querySelector<HTMLAnchorElement>('a.coral-source');
    expect(source?.textContent).toBe('Source');
    expect(source?.getAttribute('href')).toBe(enMeta.url);
    expect(source?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(source?.getAttribute('target')).toBe('_blank');
    expect(root().querySelector('.coral-archive-card')).toBeNull();

    const body = root().querySelector('.coral-body');
    expect(body?.querySelector('script')).toBeNull();
    expect(body?.innerHTML).not.toContain('onerror');
    expect(body?.querySelector('blockquote')?.textContent).toBe('Quoted words.');
    expect(body?.querySelector('a')?.getAttribute('rel')).toBe('noopener noreferrer');
    const img = body?.querySelector('img');
    expect(img?.getAttribute('src')).toBe('blob:chrome-extension://x/1');
    expect(img?.getAttribute('alt')).toBe('Geneva');
    const missing = body?.querySelector('.coral-missing-image');
    expect(missing?.getAttribute('aria-label')).toBe('Image not saved: Urumqi checkpoint');
    expect(missing?.textContent).toContain('Urumqi checkpoint');
  });

  it('labels a Chinese article in Chinese and shows its CDT archive card', () => {
    show(zhMeta);
    expect(root().querySelector('article')?.getAttribute('lang')).toBe('zh-CN');
    expect(root().querySelector('a.coral-source')?.textContent).toBe('原文链接');
    expect(root().querySelector('.coral-byline')).toBeNull();
    const card = root().querySelector('.coral-archive-card');
    expect(card?.querySelector('h2')?.textContent).toBe('CDT 档案卡');
    const facts = Array.from(card?.querySelectorAll('dt') ?? []).map((dt) => [
      dt.textContent,
      dt.nextElementSibling?.textContent,
    ]);
    expect(facts).toEqual([
      ['原标题', '原来的标题'],
      ['原作者', '某作者'],
      ['原发布日期', '2024-08-01'],
      ['来源', '微信公众号'],
    ]);
    expect(root().querySelector('.coral-missing-image')?.getAttribute('aria-label')).toBe(
      '图片未保存: Urumqi checkpoint',
    );
  });

  it('sets right-to-left on a Uyghur article', () => {
    show({ ...enMeta, lang: 'ug', dir: 'rtl', title: 'ئۇيغۇر' }, '<p>ئۇيغۇرچە</p>');
    const article = root().querySelector('article');
    expect(article?.getAttribute('dir')).toBe('rtl');
    expect(article?.getAttribute('lang')).toBe('ug');
    expect(root().querySelector('.coral-body p')?.textContent).toBe('ئۇيغۇرچە');
  });

  it('replaces the body when shown another version', () => {
    show(enMeta);
    show(enMeta, '<p>Second version.</p>');
    expect(root().querySelector('.coral-body')?.textContent).toBe('Second version.');
  });
});

describe('SavedVersions', () => {
  const versions = [3, 2, 1].map((version) => ({
    version,
    savedAt: Date.UTC(2024, 7, version, 12),
    meta: { url: `https://chinadigitaltimes.net/chinese/70234${version}.html` },
  }));

  it('links every version of an article with several, says which is shown and when each was saved', () => {
    act(() => render(<SavedVersions articleId="a b" versions={versions} current={2} locale="en" />, root()));
    expect(root().querySelector('.coral-versions-title')?.textContent).toBe('This article has 3 saved versions');
    expect(root().querySelector('.coral-version-shown')?.textContent).toMatch(
      /^You are reading version 2, saved on August 2, 2024 at \d/,
    );
    const links = Array.from(root().querySelectorAll('a'));
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['?id=a+b&v=3', '?id=a+b&v=2', '?id=a+b&v=1']);
    expect(links.map((a) => a.getAttribute('aria-current'))).toEqual([null, 'page', null]);
    const items = Array.from(root().querySelectorAll('li')).map((li) => li.textContent);
    expect(items[0]).toMatch(/^Version 3 · latest · saved on August 3, 2024/);
    expect(items[1]).toMatch(/^Version 2 · saved on August 2, 2024.* \(shown\)$/);
    // An older version on screen is worth noticing: the list is unfolded.
    expect(root().querySelector('details')?.open).toBe(true);
  });

  it('stays folded on the newest version', () => {
    act(() => render(<SavedVersions articleId="a" versions={versions} current={3} locale="zh-CN" />, root()));
    expect(root().querySelector('details')?.open).toBe(false);
    // No i18n API in unit tests: the English fallback, but the dates follow the given locale.
    expect(root().querySelector('.coral-version-shown')?.textContent).toContain('2024年8月3日');
  });

  it('says nothing for a single version', () => {
    act(() => render(<SavedVersions articleId="a" versions={versions.slice(0, 1)} current={3} locale="en" />, root()));
    expect(root().innerHTML).toBe('');
  });
});

describe('where each version came from', () => {
  const PHISHING = 'https://chinadigitaltimes.net.login-check.example/chinese/702345.html';
  const fromFile: VersionOrigin = {
    kind: 'imported',
    file: 'from-a-friend.zip',
    importedAt: Date.UTC(2025, 2, 10, 12),
    claimed: { kind: 'saved', url: 'https://chinadigitaltimes.net/chinese/702345.html' },
  };
  const own = {
    version: 1,
    savedAt: Date.UTC(2025, 2, 5, 12),
    meta: { url: 'https://chinadigitaltimes.net/chinese/702345.html?utm_source=rss' },
  };
  const forged = { version: 2, savedAt: Date.UTC(2019, 0, 1, 12), meta: { url: PHISHING }, origin: fromFile };
  const mixed = [forged, own];

  it('lists each version as saved here or imported, and calls the user’s own newest copy the latest', () => {
    act(() => render(<SavedVersions articleId="a" versions={mixed} current={1} locale="en" />, root()));
    const items = Array.from(root().querySelectorAll('li')).map((li) => li.textContent);
    expect(items[0]).toMatch(
      /^Version 2 · imported · Imported from from-a-friend\.zip on March 10, 2025 at .* \(the file says it was saved on January 1, 2019 at .*\)$/,
    );
    expect(items[1]).toMatch(
      /^Version 1 · latest · saved on March 5, 2025 at .* · Saved here from https:\/\/chinadigitaltimes\.net\/chinese\/702345\.html\?utm_source=rss \(shown\)$/,
    );
    expect(root().querySelector('details')?.open).toBe(false);
  });

  it('unfolds the list and does not repeat the file’s date as a fact when an imported version is shown', () => {
    act(() => render(<SavedVersions articleId="a" versions={mixed} current={2} locale="en" />, root()));
    expect(root().querySelector('details')?.open).toBe(true);
    expect(root().querySelector('.coral-version-shown')?.textContent).toBe(
      'You are reading version 2, from an imported file.',
    );
  });

  it('says where the version on screen was saved, with nothing more for the user’s own copy', () => {
    act(() => render(<VersionProvenance articleId="a" versions={mixed} shown={own} locale="en" />, root()));
    expect(root().querySelector('.coral-origin')?.textContent).toBe(
      'Saved here from https://chinadigitaltimes.net/chinese/702345.html?utm_source=rss',
    );
    expect(root().querySelector('.coral-imported-note')).toBeNull();
    expect(root().querySelector('a')).toBeNull();
  });

  it('marks an imported version, offers the user’s own copy and shows its address in full as the file’s', () => {
    act(() => render(<VersionProvenance articleId="a b" versions={mixed} shown={forged} locale="en" />, root()));
    expect(root().querySelector('.coral-origin')?.textContent).toMatch(
      /^Imported from from-a-friend\.zip on March 10, 2025 at .* \(the file says it was saved on January 1, 2019 at .*\)$/,
    );
    expect(root().querySelector('.coral-imported-note')?.textContent).toBe(
      'You are reading a version from an imported file, not one you saved. Show your own copy',
    );
    expect(root().querySelector('.coral-imported-note a')?.getAttribute('href')).toBe('?id=a+b&v=1');
    expect(root().querySelector('.coral-origin-claim')?.textContent).toBe(
      'The file says it was saved from https://chinadigitaltimes.net/chinese/702345.html.',
    );
    const link = root().querySelector<HTMLAnchorElement>('.coral-imported-address a');
    expect(root().querySelector('.coral-imported-address')?.textContent).toBe(
      `Address given by the imported file, not checked by Coral: ${PHISHING}`,
    );
    expect(link?.textContent).toBe(PHISHING);
    expect(link?.getAttribute('href')).toBe(PHISHING);
    expect(link?.rel).toBe('noopener noreferrer');
  });

  it('says plainly when the article exists only through an import, and links no address that is not http(s)', () => {
    const only = { ...forged, meta: { url: 'javascript:alert(1)' } };
    act(() => render(<VersionProvenance articleId="a" versions={[only]} shown={only} locale="en" />, root()));
    expect(root().querySelector('.coral-imported-note')?.textContent).toBe(
      'This article is in your library only through an imported file. Coral cannot confirm where it came from or when it was saved.',
    );
    expect(root().querySelector('a')).toBeNull();
  });

  it('gives an imported copy no friendly source link and no "saved" date in its header', () => {
    act(() =>
      render(
        <ArticleView
          meta={{ ...enMeta, url: PHISHING }}
          html="<p>Text</p>"
          images={[]}
          imageUrls={new Map()}
          savedAt={Date.UTC(2019, 0, 1)}
          imported
          ui="en"
        />,
        root(),
      ),
    );
    expect(root().querySelector('.coral-source')).toBeNull();
    expect(root().querySelector('.coral-header')?.textContent).not.toContain(PHISHING);
    expect(root().querySelector('.coral-facts')?.textContent).not.toMatch(/Saved/);
  });
});
