// The popup's small decisions as plain data: what the count line says, how the sort follows the search
// field, which row is active after a move or a delete, and how edits change the loaded list.
import type { ArticleSummary } from '../library/summaries';
import type { SortKey } from './list-model';

/** What the line above the list says. */
export type CountLine =
  | { kind: 'loading' }
  | { kind: 'nothing-saved' }
  | { kind: 'no-matches' }
  | { kind: 'first-matches'; count: number }
  | { kind: 'one' }
  | { kind: 'count'; count: number };

export function countLine(loaded: boolean, total: number, shown: number, truncated: boolean): CountLine {
  if (!loaded) return { kind: 'loading' };
  if (total === 0) return { kind: 'nothing-saved' };
  if (shown === 0) return { kind: 'no-matches' };
  if (truncated) return { kind: 'first-matches', count: shown };
  return shown === 1 ? { kind: 'one' } : { kind: 'count', count: shown };
}

/**
 * How many articles the count line gives while the list is still being read: the library's count (read
 * from keys) stands for the whole list as long as nothing narrows it; otherwise, and once the list is
 * read, the rows listed.
 */
export function shownCount(list: {
  complete: boolean;
  total: number | null;
  narrowed: boolean;
  shown: number;
}): number {
  return !list.complete && list.total !== null && !list.narrowed ? list.total : list.shown;
}

export interface SortMemory {
  sort: SortKey;
  /** The user's own sort, put back when the search field is emptied. */
  beforeSearch: SortKey;
}

/** Typing a first character sorts by relevance; emptying the field gives the user's sort back. */
export function sortAfterQuery(memory: SortMemory, was: string, is: string): SortMemory {
  const wasSearching = was.trim() !== '';
  const isSearching = is.trim() !== '';
  if (isSearching && !wasSearching) return { sort: 'relevance', beforeSearch: memory.sort };
  if (!isSearching && wasSearching) return { ...memory, sort: memory.beforeSearch };
  return memory;
}

/** Arrow down from the search field: the active row if it is still listed, else the first. */
export function activeOnEntering(activeId: string | null, visible: readonly ArticleSummary[]): string | null {
  if (activeId && visible.some((a) => a.id === activeId)) return activeId;
  return visible[0]?.id ?? null;
}

/**
 * The row to make active once `deleted` are gone: the next one still listed, else the last one before,
 * so Delete can be pressed again. Undefined when the active row is not among those deleted.
 */
export function activeAfterDelete(
  visible: readonly ArticleSummary[],
  activeId: string | null,
  deleted: ReadonlySet<string>,
): string | null | undefined {
  if (!activeId || !deleted.has(activeId)) return undefined;
  const from = visible.findIndex((a) => a.id === activeId);
  const kept = (a: ArticleSummary) => !deleted.has(a.id);
  return (visible.slice(from + 1).find(kept) ?? visible.findLast(kept))?.id ?? null;
}

/** The selection with `ids` added (on) or taken out. */
export function toggled(selected: ReadonlySet<string>, ids: readonly string[], on: boolean): Set<string> {
  const next = new Set(selected);
  for (const id of ids) on ? next.add(id) : next.delete(id);
  return next;
}

/** Every tag on the chosen articles, once each, in the library's order. */
export function tagsOfChosen(all: readonly ArticleSummary[], chosen: ReadonlySet<string>): string[] {
  return [...new Set(all.filter((a) => chosen.has(a.id)).flatMap((a) => a.tags))];
}

/** An edit to some articles of the loaded list, as the list should look before the write lands. */
export type ArticleEdit =
  | { kind: 'read'; read: boolean }
  | { kind: 'add-tags'; tags: readonly string[] }
  | { kind: 'remove-tag'; tag: string };

export function editArticle<T extends ArticleSummary>(article: T, edit: ArticleEdit): T {
  switch (edit.kind) {
    case 'read':
      return { ...article, read: edit.read };
    case 'add-tags':
      return { ...article, tags: [...new Set([...article.tags, ...edit.tags])] };
    case 'remove-tag':
      return { ...article, tags: article.tags.filter((t) => t !== edit.tag) };
  }
}

/** Deleted articles put back in front of the list (where an undone delete is expected to reappear). */
export function restored<T extends ArticleSummary>(
  now: readonly T[],
  deleted: { ids: readonly string[]; records: readonly T[] },
): T[] {
  const ids = new Set(deleted.ids);
  return [...deleted.records, ...now.filter((a) => !ids.has(a.id))];
}

/** What a key does in the list: move the active row to an index, delete it, open it, or nothing. */
export type ListKeyAction = { kind: 'move'; index: number } | { kind: 'delete' } | { kind: 'open' } | null;

/**
 * `from` is the active row's index (-1 for none), `page` the rows a page key moves, `onLink` whether the
 * key came from a row's link (Enter there opens it here, so it happens exactly once). Moves are clamped
 * to the list (to -1 in an empty one, which moves nothing).
 */
export function listKeyAction(key: string, from: number, page: number, count: number, onLink: boolean): ListKeyAction {
  const move = (index: number): ListKeyAction => ({ kind: 'move', index: Math.min(Math.max(index, 0), count - 1) });
  switch (key) {
    case 'ArrowDown':
      return move(from + 1);
    case 'ArrowUp':
      return move(from - 1);
    case 'PageDown':
      return move(from + page);
    case 'PageUp':
      return move(from - page);
    case 'Home':
      return move(0);
    case 'End':
      return move(count - 1);
    case 'Delete':
      return { kind: 'delete' };
    case 'Enter':
      return onLink ? { kind: 'open' } : null;
    default:
      return null;
  }
}
