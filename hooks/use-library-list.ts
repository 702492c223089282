import type { RefObject } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchPage } from '../utils/library/search/session';
import type { ArticleSummary } from '../utils/library/summaries';
import type { SortKey } from '../utils/popup/list-model';
import { activeOnEntering, type SortMemory, sortAfterQuery } from '../utils/popup/popup-view';
import type { PopupServices } from '../utils/popup/services';
import { latestOnly } from '../utils/shared/latest-only';
import { pageMessage } from '../utils/shared/page-messages';

// The popup's list state, one concern per hook: loading the library, searching (and the sort that follows
// it), writing the list's order for the reader, the active row, and the failure notice.

/** The failure notice, and the `fail` every write reports to. */
export function useNotice() {
  const [notice, setNotice] = useState('');
  const fail = (error: unknown) => {
    console.error('Coral popup:', error);
    setNotice(pageMessage('popupActionFailed'));
  };
  return { notice, fail };
}

type Loading = Pick<PopupServices, 'firstArticles' | 'listArticles' | 'countArticles' | 'purgeLeftovers'>;

/**
 * The library: a few rows first so the popup paints at once, then how many there are (from keys), then
 * the rest; null until the first rows.
 */
export function useLibrary(services: Loading, firstBatch: number, fail: (error: unknown) => void) {
  const [articles, setArticles] = useState<ArticleSummary[] | null>(null);
  const [total, setTotal] = useState<number | null>(null);
  const [complete, setComplete] = useState(false);
  const loadAll = () =>
    services.listArticles().then((all) => {
      setArticles(all);
      setComplete(true);
    });
  useEffect(() => {
    // The trash purge (a write, which would hold up reads queued behind it) goes last.
    services
      .firstArticles(firstBatch)
      .then((first) => setArticles((now) => now ?? first))
      .then(() => services.countArticles?.().then(setTotal))
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(loadAll)
      .then(() => services.purgeLeftovers())
      .catch((error: unknown) => {
        fail(error);
        setArticles((now) => now ?? []);
      });
  }, []);
  return { articles, setArticles, total, complete, reload: () => loadAll().catch(fail) };
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/** `/` anywhere but in a field focuses the search field. */
export function useSlashToSearch(field: RefObject<HTMLInputElement | null>) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      field.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}

type Searching = Pick<PopupServices, 'search' | 'searchPage'>;

const pagedSearch = (services: Searching) =>
  services.searchPage ??
  (async (query: string): Promise<SearchPage | null> => {
    const ids = await services.search(query);
    return ids && { ids, truncated: false };
  });

/** Search as you type, and the sort, which follows the search field. */
export function useSearch(services: Searching, fail: (error: unknown) => void) {
  const [query, setQuery] = useState('');
  const [page, setPage] = useState<SearchPage | null>(null);
  const [sortMemory, setSortMemory] = useState<SortMemory>({ sort: 'saved', beforeSearch: 'saved' });
  const latestQuery = useRef('');
  const search = useMemo(
    () =>
      latestOnly(
        pagedSearch(services),
        (answer, _input, isLatest) => {
          // A stale answer still beats a frozen list while typing; a cleared field wins over both.
          if (latestQuery.current.trim() && (isLatest || answer)) setPage(answer);
        },
        fail,
      ),
    [services],
  );
  const onQuery = (value: string) => {
    const was = latestQuery.current;
    latestQuery.current = value;
    setQuery(value);
    setSortMemory((now) => sortAfterQuery(now, was, value));
    if (value.trim()) search(value);
    else setPage(null);
  };
  return {
    query,
    onQuery,
    matches: page?.ids ?? null,
    truncated: page?.truncated ?? false,
    sort: sortMemory.sort,
    setSort: (sort: SortKey) => setSortMemory((now) => ({ ...now, sort })),
  };
}

/** The reader steps through the list in the popup's order: written whenever it changes, once loaded. */
export function useListOrder(
  services: Pick<PopupServices, 'setListOrder'>,
  visible: readonly ArticleSummary[],
  complete: boolean,
  fail: (error: unknown) => void,
) {
  const written = useRef('');
  useEffect(() => {
    if (!complete) return;
    const ids = visible.map((a) => a.id);
    const key = ids.join();
    if (key === written.current) return;
    written.current = key;
    services.setListOrder(ids).catch(fail);
  }, [visible, complete]);
}

/** The keyboard's row, and a counter that asks the list to focus it. */
export function useActiveRow() {
  const [activeId, setActiveId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  return {
    activeId,
    setActiveId,
    focusRequest,
    moveActive: (id: string | null) => {
      setActiveId(id);
      if (id) setFocusRequest((n) => n + 1);
    },
    enter: (visible: readonly ArticleSummary[]) => {
      if (visible.length === 0) return;
      setActiveId((now) => activeOnEntering(now, visible));
      setFocusRequest((n) => n + 1);
    },
  };
}
