import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useLibraryActions } from '../../hooks/use-library-actions';
import type { ArticleRecord } from '../../utils/library/db/schema';
import type { SearchPage } from '../../utils/library/search/session';
import {
  type ListFilters,
  NO_FILTERS,
  type SortKey,
  siteChoices,
  tagChoices,
  visibleArticles,
} from '../../utils/popup/list-model';
import type { PopupServices } from '../../utils/popup/services';
import { errorText } from '../../utils/shared/error-text';
import { latestOnly } from '../../utils/shared/latest-only';
import { pageMessage } from '../../utils/shared/page-messages';
import { LibraryFilters } from './LibraryFilters';
import { LibraryList } from './LibraryList';
import { PopupFooter } from './PopupFooter';
import { SavePageButton } from './SavePageButton';
import { SearchBox } from './SearchBox';
import { SelectionBar } from './SelectionBar';
import { UndoToast } from './UndoToast';

export interface LibraryPopupProps {
  services: PopupServices;
  locale: string;
  hrefFor: (id: string) => string;
  /** Opened as a tab (for import/export) rather than as the toolbar popup. */
  inTab: boolean;
  canExportHere: boolean;
  /** The bridge section, owned elsewhere; rendered at the top. */
  bridge?: ComponentChildren;
  /** Rows read for the first paint, before the whole library. */
  firstBatch?: number;
  undoMs?: number;
}

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

export function LibraryPopup({ services, locale, firstBatch = 30, undoMs = 5000, ...props }: LibraryPopupProps) {
  const [articles, setArticles] = useState<ArticleRecord[] | null>(null);
  const [complete, setComplete] = useState(false);
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<string[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [sort, setSort] = useState<SortKey>('saved');
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [notice, setNotice] = useState('');
  const searchField = useRef<HTMLInputElement>(null);
  const sortBeforeSearch = useRef<SortKey>('saved');
  const latestQuery = useRef('');
  const writtenOrder = useRef('');

  const fail = (error: unknown) => {
    console.error('Coral popup:', error);
    setNotice(pageMessage('popupActionFailed', [errorText(error)]));
  };
  const loadAll = () =>
    services.listArticles().then((all) => {
      setArticles(all);
      setComplete(true);
    });

  useEffect(() => {
    // A few rows first so the popup paints at once, then the rest; the trash purge (a write, which
    // would hold up reads queued behind it) goes last.
    services
      .firstArticles(firstBatch)
      .then((first) => setArticles((now) => now ?? first))
      .then(() => new Promise((resolve) => setTimeout(resolve, 0)))
      .then(loadAll)
      .then(() => services.purgeLeftovers())
      .catch((error: unknown) => {
        fail(error);
        setArticles((now) => now ?? []);
      });
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      event.preventDefault();
      searchField.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const search = useMemo(
    () =>
      latestOnly(
        services.searchPage ??
          (async (query: string): Promise<SearchPage | null> => {
            const ids = await services.search(query);
            return ids && { ids, truncated: false };
          }),
        (page, _input, isLatest) => {
          // A stale answer still beats a frozen list while typing; a cleared field wins over both.
          if (latestQuery.current.trim() && (isLatest || page)) {
            setMatches(page?.ids ?? null);
            setTruncated(page?.truncated ?? false);
          }
        },
        fail,
      ),
    [services],
  );
  const onQuery = (value: string) => {
    const was = latestQuery.current.trim() !== '';
    const is = value.trim() !== '';
    latestQuery.current = value;
    setQuery(value);
    if (is && !was) {
      sortBeforeSearch.current = sort;
      setSort('relevance');
    }
    if (!is) {
      setMatches(null);
      setTruncated(false);
      if (was) setSort(sortBeforeSearch.current);
      return;
    }
    search(value);
  };

  const all = articles ?? [];
  const visible = useMemo(
    () => visibleArticles(all, { sort, filters, matches, locale }),
    [articles, sort, filters, matches, locale],
  );
  const sites = useMemo(() => siteChoices(all, locale), [articles, locale]);
  const tags = useMemo(() => tagChoices(all, locale), [articles, locale]);

  useEffect(() => {
    if (!complete) return;
    const ids = visible.map((a) => a.id);
    const key = ids.join();
    if (key === writtenOrder.current) return;
    writtenOrder.current = key;
    services.setListOrder(ids).catch(fail);
  }, [visible, complete]);

  const actions = useLibraryActions({
    services,
    all,
    visible,
    setArticles,
    reload: () => loadAll().catch(fail),
    fail,
    activeId,
    moveActive: (id) => {
      setActiveId(id);
      if (id) setFocusRequest((n) => n + 1);
    },
    undoMs,
  });
  const { selected, chosen } = actions;

  return (
    <main class={`popup${props.inTab ? ' in-tab' : ''}`}>
      {/* Bridge slot: the lead renders <PopupBridge /> here (components/PopupBridge.tsx). */}
      {props.bridge && <section class="bridge-slot">{props.bridge}</section>}
      <SavePageButton
        save={services.saveActiveTab}
        onSaved={() => loadAll().catch(fail)}
        openReader={services.openReader}
      />
      <div class="toolbar">
        <SearchBox
          value={query}
          onInput={onQuery}
          inputRef={searchField}
          onArrowDown={() => {
            const first = visible[0];
            if (!first) return;
            setActiveId((now) => (now && visible.some((a) => a.id === now) ? now : first.id));
            setFocusRequest((n) => n + 1);
          }}
        />
        <LibraryFilters
          sort={sort}
          searching={matches !== null}
          filters={filters}
          sites={sites}
          tags={tags}
          onSort={setSort}
          onFilters={setFilters}
        />
      </div>
      {selected.size > 0 && (
        <SelectionBar
          count={selected.size}
          tags={actions.chosenTags}
          allSelected={visible.every((a) => selected.has(a.id))}
          onSelectAll={actions.selectAll}
          onClear={actions.clearSelection}
          onMarkRead={(read) => actions.setRead(chosen, read)}
          onAddTags={(added) => actions.addTags(chosen, added)}
          onRemoveTag={(tag) => actions.removeTag(chosen, tag)}
          onDelete={() => actions.remove(chosen)}
        />
      )}
      <p class="count" aria-live="polite">
        {articles === null
          ? pageMessage('popupLoading')
          : all.length === 0
            ? pageMessage('popupNothingSaved')
            : visible.length === 0
              ? pageMessage('popupNoMatches')
              : truncated
                ? pageMessage('popupFirstMatches', [visible.length.toLocaleString(locale)])
                : visible.length === 1
                  ? pageMessage('popupCountOne')
                  : pageMessage('popupCount', [visible.length.toLocaleString(locale)])}
      </p>
      <LibraryList
        articles={visible}
        locale={locale}
        showPublished={sort === 'published'}
        selected={selected}
        activeId={activeId}
        hrefFor={props.hrefFor}
        focusRequest={focusRequest}
        onActive={setActiveId}
        onOpen={services.openReader}
        onSelect={actions.select}
        onToggleRead={(article) => actions.setRead([article.id], !article.read)}
        onDelete={(id) => actions.remove([id])}
      />
      <div class="toast-region" aria-live="polite">
        {actions.pending && <UndoToast message={actions.pending.message} onUndo={actions.undo} />}
      </div>
      {notice && (
        <p class="notice" role="alert">
          {notice}
        </p>
      )}
      <PopupFooter
        services={services}
        locale={locale}
        inTab={props.inTab}
        canExportHere={props.canExportHere}
        onImported={() => loadAll().catch(fail)}
      />
    </main>
  );
}
