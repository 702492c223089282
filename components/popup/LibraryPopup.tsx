import type { ComponentChildren, RefObject } from 'preact';
import { useMemo, useRef, useState } from 'preact/hooks';
import { useLibraryActions } from '../../hooks/use-library-actions';
import {
  useActiveRow,
  useLibrary,
  useListOrder,
  useNotice,
  useSearch,
  useSlashToSearch,
} from '../../hooks/use-library-list';
import { type ListFilters, NO_FILTERS, siteChoices, tagChoices, visibleArticles } from '../../utils/popup/list-model';
import { type CountLine, countLine, shownCount } from '../../utils/popup/popup-view';
import type { PopupServices } from '../../utils/popup/services';
import { countMessage, pageMessage } from '../../utils/shared/page-messages';
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

function countText(line: CountLine): string {
  switch (line.kind) {
    case 'loading':
      return pageMessage('popupLoading');
    case 'nothing-saved':
      return pageMessage('popupNothingSaved');
    case 'no-matches':
      return pageMessage('popupNoMatches');
    case 'first-matches':
      return countMessage('popupFirstMatches', line.count);
    case 'one':
      return countMessage('articleCount', 1);
    case 'count':
      return countMessage('articleCount', line.count);
  }
}

function Notice({ text }: { text: string }) {
  if (!text) return null;
  return (
    <p class="notice" role="alert">
      {text}
    </p>
  );
}

type Actions = ReturnType<typeof useLibraryActions>;

function Selection({ actions, allSelected }: { actions: Actions; allSelected: boolean }) {
  const { selected, chosen } = actions;
  if (selected.size === 0) return null;
  return (
    <SelectionBar
      count={selected.size}
      tags={actions.chosenTags}
      allSelected={allSelected}
      onSelectAll={actions.selectAll}
      onClear={actions.clearSelection}
      onMarkRead={(read) => actions.setRead(chosen, read)}
      onAddTags={(added) => actions.addTags(chosen, added)}
      onRemoveTag={(tag) => actions.removeTag(chosen, tag)}
      onDelete={() => actions.remove(chosen)}
    />
  );
}

/** The library's state: the list as loaded, searched, filtered and sorted, and what acts on it. */
function useLibraryPopup(services: PopupServices, locale: string, firstBatch: number, undoMs: number) {
  const { notice, fail } = useNotice();
  const { articles, setArticles, total, complete, reload } = useLibrary(services, firstBatch, fail);
  const search = useSearch(services, fail);
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const row = useActiveRow();
  const { sort, matches } = search;
  const all = articles ?? [];
  const visible = useMemo(
    () => visibleArticles(all, { sort, filters, matches, locale }),
    [articles, sort, filters, matches, locale],
  );
  const sites = useMemo(() => siteChoices(all, locale), [articles, locale]);
  const tags = useMemo(() => tagChoices(all, locale), [articles, locale]);
  useListOrder(services, visible, complete, fail);
  const actions = useLibraryActions({
    services,
    all,
    visible,
    setArticles,
    reload,
    fail,
    activeId: row.activeId,
    moveActive: row.moveActive,
    undoMs,
  });
  const narrowed = matches !== null || filters.unreadOnly || filters.site !== '' || filters.tag !== '';
  const shown = shownCount({ complete, total, narrowed, shown: visible.length });
  const count = countLine(
    articles !== null,
    complete ? all.length : Math.max(all.length, total ?? 0),
    shown,
    search.truncated,
  );
  return { notice, reload, search, filters, setFilters, row, visible, sites, tags, actions, count };
}

type PopupState = ReturnType<typeof useLibraryPopup>;

/**
 * The search field with "Save this page" beside it, then the sort and filter menus with the count: two
 * short rows, so the list below keeps the popup's height.
 */
function Toolbar(props: {
  search: PopupState['search'];
  searchField: RefObject<HTMLInputElement | null>;
  filters: ListFilters;
  onFilters(filters: ListFilters): void;
  sites: PopupState['sites'];
  tags: PopupState['tags'];
  onArrowDown(): void;
  save: ComponentChildren;
  count: string;
}) {
  const { search } = props;
  return (
    <div class="toolbar">
      <SearchBox
        value={search.query}
        onInput={search.onQuery}
        inputRef={props.searchField}
        onArrowDown={props.onArrowDown}
      />
      {props.save}
      <div class="filter-row">
        <LibraryFilters
          sort={search.sort}
          searching={search.matches !== null}
          filters={props.filters}
          sites={props.sites}
          tags={props.tags}
          onSort={search.setSort}
          onFilters={props.onFilters}
        />
        <p class="count" aria-live="polite">
          {props.count}
        </p>
      </div>
    </div>
  );
}

export function LibraryPopup({ services, locale, firstBatch = 30, undoMs = 5000, ...props }: LibraryPopupProps) {
  const { notice, reload, search, filters, setFilters, row, visible, sites, tags, actions, count } = useLibraryPopup(
    services,
    locale,
    firstBatch,
    undoMs,
  );
  const searchField = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchField);
  return (
    <main class={`popup${props.inTab ? ' in-tab' : ''}`}>
      {props.bridge && <section class="bridge-slot">{props.bridge}</section>}
      <Toolbar
        search={search}
        searchField={searchField}
        filters={filters}
        onFilters={setFilters}
        sites={sites}
        tags={tags}
        onArrowDown={() => row.enter(visible)}
        save={<SavePageButton save={services.saveActiveTab} onSaved={reload} openReader={services.openReader} />}
        count={countText(count)}
      />
      <Selection actions={actions} allSelected={visible.every((a) => actions.selected.has(a.id))} />
      <LibraryList
        articles={visible}
        locale={locale}
        showPublished={search.sort === 'published'}
        selected={actions.selected}
        activeId={row.activeId}
        hrefFor={props.hrefFor}
        focusRequest={row.focusRequest}
        onActive={row.setActiveId}
        onOpen={services.openReader}
        onSelect={actions.select}
        onToggleRead={(article) => actions.setRead([article.id], !article.read)}
        onDelete={(id) => actions.remove([id])}
      />
      <div class="toast-region" aria-live="polite">
        {actions.pending && <UndoToast message={actions.pending.message} onUndo={actions.undo} />}
      </div>
      <Notice text={notice} />
      <PopupFooter
        services={services}
        locale={locale}
        inTab={props.inTab}
        canExportHere={props.canExportHere}
        onImported={reload}
      />
    </main>
  );
}
