// What the popup should show for a query over a synthetic library, worked out in Node by the index's
// rules, so the benchmark can tell when the page shows it.
import { queryTokens, SEARCH_PAGE_SIZE, type SyntheticLibrary, TITLE_MARK } from './load-utils.ts';

/** The popup's count line for `n` listed articles (English UI). */
export function countText(n: number, total: number): string {
  if (total === 0) return 'Nothing saved yet.';
  if (n === 0) return 'No saved article matches.';
  return n === 1 ? '1 article' : `${n.toLocaleString('en-US')} articles`;
}

/** What the list shows: its count line and the ids of its first rows (none checked for the whole list). */
export interface ListState {
  count: string;
  top: string[];
}

const TOP_ROWS = 5;

/**
 * What the popup should list for `query`, by the index's rules (every token, and the prefix if any)
 * and in its order: all of it in the title first, then newest saved first.
 */
export function expectedList(lib: SyntheticLibrary, query: string): ListState {
  const total = lib.articles.length;
  const { tokens, prefix } = queryTokens(query);
  if (tokens.length === 0 && prefix === undefined) return { count: countText(total, total), top: [] };
  const savedAt = new Map(lib.articles.map((a) => [a.id, a.savedAt]));
  const has = (record: string[], mark: string) =>
    tokens.every((t) => record.includes(mark + t)) &&
    (prefix === undefined || record.some((t) => t.startsWith(mark + prefix)));
  const matches = lib.search
    .filter((record) => has(record.tokens, ''))
    .map((record) => ({ id: record.articleId, title: has(record.tokens, TITLE_MARK) }))
    .sort((a, b) => (savedAt.get(b.id) ?? 0) - (savedAt.get(a.id) ?? 0) || (a.id < b.id ? 1 : -1));
  const ordered = [...matches.filter((m) => m.title), ...matches.filter((m) => !m.title)].map((m) => m.id);
  // A search lists one page of matches and says so when there are more.
  const count =
    ordered.length > SEARCH_PAGE_SIZE
      ? `Showing the first ${SEARCH_PAGE_SIZE.toLocaleString('en-US')} matches; type more to narrow the search`
      : countText(ordered.length, total);
  return { count, top: ordered.slice(0, TOP_ROWS) };
}
