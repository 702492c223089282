import type { ComponentChildren } from 'preact';
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
import { type CountLine, countLine } from '../../utils/popup/popup-view';
import type { PopupServices } from '../../utils/popup/services';
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

function countText(line: CountLine, locale: string): string {
  switch (line.kind) {
    case 'loading':
      return pageMessage('popupLoading');
    case 'nothing-saved':
      return pageMessage('popupNothingSaved');
    case 'no-matches':
      return pageMessage('popupNoMatches');
    case 'first-matches':
      return pageMessage('popupFirstMatches', [line.count.toLocaleString(locale)]);
    case 'one':
      return pageMessage('popupCountOne');
    case 'count':
      return pageMessage('popupCount', [line.count.toLocaleString(locale)]);
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

export function LibraryPopup({ services, locale, firstBatch = 30, undoMs = 5000, ...props }: LibraryPopupProps) {
  const { notice, fail } = useNotice();
  const { articles, setArticles, complete, reload } = useLibrary(services, firstBatch, fail);
  const searchField = useRef<HTMLInputElement>(null);
  useSlashToSearch(searchField);
  const { query, onQuery, matches, truncated, sort, setSort } = useSearch(services, fail);
  const [filters, setFilters] = useState<ListFilters>(NO_FILTERS);
  const row = useActiveRow();

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

  return (
    <main class={`popup${props.inTab ? ' in-tab' : ''}`}>
      {props.bridge && <section class="bridge-slot">{props.bridge}</section>}
      <SavePageButton save={services.saveActiveTab} onSaved={reload} openReader={services.openReader} />
      <div class="toolbar">
        <SearchBox value={query} onInput={onQuery} inputRef={searchField} onArrowDown={() => row.enter(visible)} />
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
      <Selection actions={actions} allSelected={visible.every((a) => actions.selected.has(a.id))} />
      <p class="count" aria-live="polite">
        {countText(countLine(articles !== null, all.length, visible.length, truncated), locale)}
      </p>
      <LibraryList
        articles={visible}
        locale={locale}
        showPublished={sort === 'published'}
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
