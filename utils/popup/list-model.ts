// What the popup's list shows, as plain functions: which articles, in what order, and which of them
// are on screen. Nothing here touches the DOM or the database.
import type { ArticleSummary } from '../library/summaries';

export type SortKey = 'saved' | 'published' | 'title' | 'relevance';

export interface ListFilters {
  unreadOnly: boolean;
  /** A site as `siteOf` names it; empty for every site. */
  site: string;
  /** A user tag; empty for every tag. */
  tag: string;
}

export const NO_FILTERS: ListFilters = { unreadOnly: false, site: '', tag: '' };

export interface ListQuery {
  sort: SortKey;
  filters: ListFilters;
  /** Ids ranked by a search, best first, or null when nothing is searched for. */
  matches: string[] | null;
  /** UI language, for collating titles (Chinese titles sort by pinyin or stroke after the locale). */
  locale: string;
}

/** The site an article came from, as a reader would name it. */
export function siteOf(article: ArticleSummary): string {
  if (article.meta.siteName) return article.meta.siteName;
  if (!article.canonicalUrl) return '';
  try {
    return new URL(article.canonicalUrl).hostname.replace(/^www\./, '');
  } catch {
    return '';
  }
}

const collators = new Map<string, Intl.Collator>();
function collatorFor(locale: string): Intl.Collator {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, collator);
  }
  return collator;
}

/** Published time in ms, or -Infinity so undated articles go last in a newest-first list. */
function publishedTime(article: ArticleSummary): number {
  const time = article.meta.published ? Date.parse(article.meta.published) : Number.NaN;
  return Number.isNaN(time) ? Number.NEGATIVE_INFINITY : time;
}

// Ties fall back to the saved date and then the id, so the order never depends on how the input
// happened to be ordered (the reader's previous/next must not jump around between popup openings).
function tieBreak(a: ArticleSummary, b: ArticleSummary): number {
  return b.savedAt - a.savedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortArticles<T extends ArticleSummary>(articles: readonly T[], sort: SortKey, locale: string): T[] {
  const sorted = [...articles];
  if (sort === 'title') {
    const collator = collatorFor(locale);
    sorted.sort((a, b) => collator.compare(a.meta.title.trim(), b.meta.title.trim()) || tieBreak(a, b));
  } else if (sort === 'published') {
    sorted.sort((a, b) => publishedTime(b) - publishedTime(a) || tieBreak(a, b));
  } else {
    sorted.sort(tieBreak);
  }
  return sorted;
}

export function filterArticles<T extends ArticleSummary>(articles: readonly T[], filters: ListFilters): T[] {
  return articles.filter(
    (a) =>
      (!filters.unreadOnly || !a.read) &&
      (!filters.site || siteOf(a) === filters.site) &&
      (!filters.tag || a.tags.includes(filters.tag)),
  );
}

/** The articles to list, in order. A search keeps only its matches; 'relevance' keeps their rank. */
export function visibleArticles<T extends ArticleSummary>(articles: readonly T[], query: ListQuery): T[] {
  let pool: readonly T[] = articles;
  if (query.matches) {
    const byId = new Map(articles.map((a) => [a.id, a]));
    // A match may name an article that is gone (trashed, or deleted in another window).
    pool = query.matches.flatMap((id) => byId.get(id) ?? []);
    if (query.sort === 'relevance') return filterArticles(pool, query.filters);
  }
  const sort = query.sort === 'relevance' ? 'saved' : query.sort;
  return sortArticles(filterArticles(pool, query.filters), sort, query.locale);
}

export interface Choice {
  value: string;
  count: number;
}

function choices(values: Iterable<string>, locale: string): Choice[] {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  const collator = collatorFor(locale);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => collator.compare(a.value, b.value));
}

export function siteChoices(articles: readonly ArticleSummary[], locale: string): Choice[] {
  return choices(
    articles.map((a) => siteOf(a)),
    locale,
  );
}

export function tagChoices(articles: readonly ArticleSummary[], locale: string): Choice[] {
  return choices(
    articles.flatMap((a) => a.tags),
    locale,
  );
}

export interface ListWindow {
  /** First row index to render. */
  start: number;
  /** One past the last row index to render. */
  end: number;
  /** Pixel offset of row `start` inside the scrolled content. */
  offset: number;
  /** Height of all rows: the scrolled content's height. */
  total: number;
}

/** The rows to render for a scroll position: those in view plus `overscan` on each side. */
export function listWindow(
  scrollTop: number,
  viewport: number,
  rowHeight: number,
  count: number,
  overscan = 4,
): ListWindow {
  const total = count * rowHeight;
  if (count === 0 || rowHeight <= 0) return { start: 0, end: 0, offset: 0, total: Math.max(total, 0) };
  const top = Math.min(Math.max(scrollTop, 0), Math.max(total - viewport, 0));
  const first = Math.floor(top / rowHeight);
  const last = Math.ceil((top + Math.max(viewport, 0)) / rowHeight);
  const start = Math.max(first - overscan, 0);
  const end = Math.min(Math.max(last, first + 1) + overscan, count);
  return { start, end, offset: start * rowHeight, total };
}

/** The scroll position that brings row `index` fully into view, moving as little as possible. */
export function scrollToRow(index: number, scrollTop: number, viewport: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  // A view shorter than a row shows the row's top.
  if (bottom > scrollTop + viewport) return Math.max(Math.min(bottom - viewport, top), 0);
  return scrollTop;
}

/** Ids from `from` to `to` inclusive, in list order, for shift-click selection; just `to` if either is gone. */
export function idRange(ids: readonly string[], from: string, to: string): string[] {
  const a = ids.indexOf(from);
  const b = ids.indexOf(to);
  if (a < 0 || b < 0) return b < 0 ? [] : [to];
  return ids.slice(Math.min(a, b), Math.max(a, b) + 1);
}

/** Tags given as typed: split on commas (ASCII or Chinese), trimmed, without blanks or repeats. */
export function parseTags(input: string): string[] {
  return [
    ...new Set(
      input
        .split(/[,，、]/)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}
