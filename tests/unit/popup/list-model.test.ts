import { describe, expect, it } from 'vitest';
import type { ArticleRecord } from '../../../utils/library/db/schema';
import {
  filterArticles,
  idRange,
  listWindow,
  NO_FILTERS,
  parseTags,
  scrollToRow,
  siteChoices,
  siteOf,
  sortArticles,
  tagChoices,
  visibleArticles,
} from '../../../utils/popup/list-model';

let serial = 0;
function article(
  over: Partial<ArticleRecord> & { title?: string; published?: string; siteName?: string },
): ArticleRecord {
  serial += 1;
  const { title = `Article ${serial}`, published, siteName, ...rest } = over;
  return {
    id: `a${serial}`,
    canonicalUrl: `https://chinadigitaltimes.net/2024/01/a${serial}/`,
    meta: { title, published, siteName, dir: 'ltr', categories: [], tags: [], canonicalUrl: '', url: '' },
    firstSavedAt: 1000 + serial,
    savedAt: 1000 + serial,
    versions: 1,
    read: false,
    tags: [],
    progress: 0,
    textBytes: 100,
    bytes: 100,
    ...rest,
  };
}

const ids = (list: ArticleRecord[]) => list.map((a) => a.id);
const titles = (list: ArticleRecord[]) => list.map((a) => a.meta.title);

describe('sortArticles', () => {
  it('puts the most recently saved first', () => {
    const list = [
      article({ id: 'old', savedAt: 1 }),
      article({ id: 'new', savedAt: 3 }),
      article({ id: 'mid', savedAt: 2 }),
    ];
    expect(ids(sortArticles(list, 'saved', 'en'))).toEqual(['new', 'mid', 'old']);
  });

  it('sorts by published date, newest first, undated last', () => {
    const list = [
      article({ id: 'none' }),
      article({ id: '2019', published: '2019-07-10T20:00:00-07:00' }),
      article({ id: '2024', published: '2024-01-02' }),
      article({ id: 'bad', published: 'not a date' }),
    ];
    const sorted = ids(sortArticles(list, 'published', 'en'));
    expect(sorted.slice(0, 2)).toEqual(['2024', '2019']);
    expect(new Set(sorted.slice(2))).toEqual(new Set(['none', 'bad']));
  });

  it('sorts English titles case- and accent-insensitively, numbers by value', () => {
    const list = ['banana', 'Apple', 'Élan', 'item 10', 'item 9'].map((title) => article({ title }));
    expect(titles(sortArticles(list, 'title', 'en'))).toEqual(['Apple', 'banana', 'Élan', 'item 9', 'item 10']);
  });

  it('collates Chinese titles by the UI language: pinyin for zh-CN, not code points', () => {
    // Code-point order would be 中 (U+4E2D) < 北 (U+5317) < 安 (U+5B89); pinyin is an, bei, zhong.
    const list = ['中国', '北京', '安徽'].map((title) => article({ title }));
    expect(titles(sortArticles(list, 'title', 'zh-CN'))).toEqual(['安徽', '北京', '中国']);
    expect(titles(sortArticles(list, 'title', 'zh-CN'))).not.toEqual([...titles(list)].sort());
  });

  it('collates Traditional Chinese titles by stroke count for zh-TW', () => {
    // 一 has 1 stroke, 人 2, 國 11: stroke order; pinyin would put 國 (guo) before 人 (ren) and 一 (yi) last.
    const list = ['國家', '一天', '人民'].map((title) => article({ title }));
    expect(titles(sortArticles(list, 'title', 'zh-TW'))).toEqual(['一天', '人民', '國家']);
  });

  it('gives the same order whatever order the input came in (ties broken by saved date, then id)', () => {
    const a = article({ id: 'x', title: 'Same', savedAt: 5 });
    const b = article({ id: 'y', title: 'Same', savedAt: 5 });
    const c = article({ id: 'z', title: 'Same', savedAt: 9 });
    for (const sort of ['saved', 'published', 'title'] as const) {
      const one = ids(sortArticles([a, b, c], sort, 'en'));
      expect(ids(sortArticles([c, b, a], sort, 'en'))).toEqual(one);
      expect(ids(sortArticles([b, c, a], sort, 'en'))).toEqual(one);
      expect(one).toEqual(['z', 'x', 'y']);
    }
  });

  it('does not change its input', () => {
    const list = [article({ savedAt: 1 }), article({ savedAt: 2 })];
    const before = ids(list);
    sortArticles(list, 'saved', 'en');
    expect(ids(list)).toEqual(before);
  });
});

describe('filters', () => {
  const cdt = article({ id: 'cdt', siteName: 'China Digital Times', tags: ['censorship'], read: true });
  const other = article({ id: 'other', canonicalUrl: 'https://www.example.org/post', tags: ['censorship', 'hk'] });
  const third = article({ id: 'third', siteName: 'China Digital Times' });

  it('names the site by its site name, else by host without www', () => {
    expect(siteOf(cdt)).toBe('China Digital Times');
    expect(siteOf(other)).toBe('example.org');
    expect(siteOf(article({ canonicalUrl: 'not a url' }))).toBe('');
  });

  it('keeps unread, one site, one tag, and their combination', () => {
    const all = [cdt, other, third];
    expect(ids(filterArticles(all, NO_FILTERS))).toEqual(['cdt', 'other', 'third']);
    expect(ids(filterArticles(all, { ...NO_FILTERS, unreadOnly: true }))).toEqual(['other', 'third']);
    expect(ids(filterArticles(all, { ...NO_FILTERS, site: 'China Digital Times' }))).toEqual(['cdt', 'third']);
    expect(ids(filterArticles(all, { ...NO_FILTERS, tag: 'censorship' }))).toEqual(['cdt', 'other']);
    expect(ids(filterArticles(all, { unreadOnly: true, site: '', tag: 'censorship' }))).toEqual(['other']);
  });

  it('counts the sites and tags there are to choose from, collated', () => {
    const all = [cdt, other, third];
    expect(siteChoices(all, 'en')).toEqual([
      { value: 'China Digital Times', count: 2 },
      { value: 'example.org', count: 1 },
    ]);
    expect(tagChoices(all, 'en')).toEqual([
      { value: 'censorship', count: 2 },
      { value: 'hk', count: 1 },
    ]);
  });
});

describe('visibleArticles', () => {
  const a = article({ id: 'a', title: 'Banana', savedAt: 1 });
  const b = article({ id: 'b', title: 'Apple', savedAt: 2, read: true });
  const c = article({ id: 'c', title: 'Cherry', savedAt: 3 });
  const base = { sort: 'saved' as const, filters: NO_FILTERS, matches: null, locale: 'en' };

  it('lists everything in the chosen order without a search', () => {
    expect(ids(visibleArticles([a, b, c], base))).toEqual(['c', 'b', 'a']);
    expect(ids(visibleArticles([a, b, c], { ...base, sort: 'title' }))).toEqual(['b', 'a', 'c']);
  });

  it('keeps only matches, in rank order for relevance, and drops ids that are gone', () => {
    const query = { ...base, sort: 'relevance' as const, matches: ['a', 'gone', 'c'] };
    expect(ids(visibleArticles([a, b, c], query))).toEqual(['a', 'c']);
    expect(ids(visibleArticles([a, b, c], { ...query, sort: 'saved' }))).toEqual(['c', 'a']);
    expect(ids(visibleArticles([a, b, c], { ...query, matches: [] }))).toEqual([]);
  });

  it('applies filters to search results', () => {
    const query = {
      ...base,
      sort: 'relevance' as const,
      matches: ['b', 'a'],
      filters: { ...NO_FILTERS, unreadOnly: true },
    };
    expect(ids(visibleArticles([a, b, c], query))).toEqual(['a']);
  });
});

describe('listWindow', () => {
  it('renders the rows in view plus the overscan, offset to the first of them', () => {
    expect(listWindow(0, 400, 80, 10_000, 4)).toEqual({ start: 0, end: 9, offset: 0, total: 800_000 });
    // Row 100 is at 8000px; 5 rows fit in 400px.
    expect(listWindow(8000, 400, 80, 10_000, 4)).toEqual({ start: 96, end: 109, offset: 96 * 80, total: 800_000 });
  });

  it('covers a row cut at the top and the bottom of the view', () => {
    const w = listWindow(8040, 400, 80, 10_000, 0);
    expect([w.start, w.end]).toEqual([100, 106]);
  });

  it('stays inside the list at both ends and past them', () => {
    expect(listWindow(-50, 400, 80, 10_000, 4).start).toBe(0);
    const end = listWindow(10_000_000, 400, 80, 10_000, 4);
    expect(end.end).toBe(10_000);
    expect(end.start).toBe(10_000 - 5 - 4);
    expect(listWindow(0, 400, 80, 3, 4)).toEqual({ start: 0, end: 3, offset: 0, total: 240 });
  });

  it('is empty for an empty list', () => {
    expect(listWindow(0, 400, 80, 0)).toEqual({ start: 0, end: 0, offset: 0, total: 0 });
  });

  it('never renders more than the view and the overscan, however long the list', () => {
    for (const top of [0, 1234, 400_000, 799_600]) {
      const w = listWindow(top, 580, 84, 10_000, 4);
      expect(w.end - w.start).toBeLessThanOrEqual(Math.ceil(580 / 84) + 1 + 8);
    }
  });
});

describe('scrollToRow', () => {
  it('scrolls no more than needed to show the row', () => {
    expect(scrollToRow(5, 0, 400, 80)).toBe(80); // bottom edge 480 → scroll to 80
    expect(scrollToRow(2, 400, 400, 80)).toBe(160); // above the view → its top
    expect(scrollToRow(6, 400, 400, 80)).toBe(400); // already in view
    expect(scrollToRow(0, 0, 40, 80)).toBe(0);
  });
});

describe('idRange and parseTags', () => {
  it('selects a range in either direction, or just the target when the anchor is gone', () => {
    const list = ['a', 'b', 'c', 'd'];
    expect(idRange(list, 'b', 'd')).toEqual(['b', 'c', 'd']);
    expect(idRange(list, 'd', 'b')).toEqual(['b', 'c', 'd']);
    expect(idRange(list, 'x', 'c')).toEqual(['c']);
    expect(idRange(list, 'a', 'x')).toEqual([]);
  });

  it('splits tags on ASCII and Chinese commas, trims, and drops blanks and repeats', () => {
    expect(parseTags(' 六四, hk，香港、 , hk ')).toEqual(['六四', 'hk', '香港']);
    expect(parseTags('  ')).toEqual([]);
  });
});
