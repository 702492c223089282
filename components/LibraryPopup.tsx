import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleRecord } from '../utils/db';
import { latestOnly } from '../utils/latest-only';
import {
  idRange,
  type ListFilters,
  NO_FILTERS,
  type SortKey,
  siteChoices,
  tagChoices,
  visibleArticles,
} from '../utils/list-model';
import { pageMessage } from '../utils/page-messages';
import type { PopupServices } from '../utils/popup-services';
import type { SearchPage } from '../utils/search-session';
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

interface Pending {
  ids: string[];
  records: ArticleRecord[];
  message: string;
}

const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
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
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState('');
  const searchField = useRef<HTMLInputElement>(null);
  const sortBeforeSearch = useRef<SortKey>('saved');
  const anchor = useRef<string | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latestQuery = useRef('');
  const writtenOrder = useRef('');

  const fail = (error: unknown) => {
    console.error('Coral popup:', error);
    setNotice(pageMessage('popupActionFailed', [reason(error)]));
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
    return () => {
      document.removeEventListener('keydown', onKey);
      clearTimeout(undoTimer.current);
    };
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

  const patch = (ids: string[], change: (a: ArticleRecord) => ArticleRecord) => {
    const set = new Set(ids);
    setArticles((now) => now?.map((a) => (set.has(a.id) ? change(a) : a)) ?? null);
  };
  const edit = (ids: string[], change: (a: ArticleRecord) => ArticleRecord, write: () => Promise<void>) => {
    patch(ids, change);
    write().catch((error: unknown) => {
      fail(error);
      loadAll().catch(fail);
    });
  };
  const setRead = (ids: string[], read: boolean) =>
    edit(
      ids,
      (a) => ({ ...a, read }),
      () => services.setRead(ids, read),
    );
  const addTags = (ids: string[], added: string[]) =>
    edit(
      ids,
      (a) => ({ ...a, tags: [...new Set([...a.tags, ...added])] }),
      () => services.addTags(ids, added),
    );
  const removeTag = (ids: string[], tag: string) =>
    edit(
      ids,
      (a) => ({ ...a, tags: a.tags.filter((t) => t !== tag) }),
      () => services.removeTags(ids, [tag]),
    );

  const finishPending = (done: Pending | null) => {
    clearTimeout(undoTimer.current);
    if (done) services.deleteForGood(done.ids).catch(fail);
  };
  const remove = (ids: string[]) => {
    if (ids.length === 0) return;
    finishPending(pending);
    const set = new Set(ids);
    const records = all.filter((a) => set.has(a.id));
    // The active row moves to the next one still listed, so Delete can be pressed again.
    if (activeId && set.has(activeId)) {
      const from = visible.findIndex((a) => a.id === activeId);
      const next = visible.slice(from + 1).find((a) => !set.has(a.id)) ?? visible.findLast((a) => !set.has(a.id));
      setActiveId(next?.id ?? null);
      if (next) setFocusRequest((n) => n + 1);
    }
    setArticles((now) => now?.filter((a) => !set.has(a.id)) ?? null);
    setSelected((now) => new Set([...now].filter((id) => !set.has(id))));
    const title = records[0]?.meta.title ?? '';
    const message =
      ids.length === 1
        ? pageMessage('popupDeletedOne', [title])
        : pageMessage('popupDeletedMany', [String(ids.length)]);
    const next: Pending = { ids, records, message };
    setPending(next);
    services.trash(ids).catch(fail);
    undoTimer.current = setTimeout(() => {
      setPending(null);
      finishPending(next);
    }, undoMs);
  };
  const undo = () => {
    if (!pending) return;
    clearTimeout(undoTimer.current);
    const { ids, records } = pending;
    setPending(null);
    setArticles((now) => [...records, ...(now ?? []).filter((a) => !ids.includes(a.id))]);
    services.restore(ids).catch(fail);
  };

  const select = (id: string, on: boolean, range: boolean) => {
    const ids =
      range && anchor.current
        ? idRange(
            visible.map((a) => a.id),
            anchor.current,
            id,
          )
        : [id];
    anchor.current = id;
    setSelected((now) => {
      const next = new Set(now);
      for (const one of ids) on ? next.add(one) : next.delete(one);
      return next;
    });
  };
  const chosen = [...selected];
  const chosenTags = useMemo(() => {
    const set = new Set(selected);
    return [...new Set(all.filter((a) => set.has(a.id)).flatMap((a) => a.tags))];
  }, [articles, selected]);

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
          tags={chosenTags}
          allSelected={visible.every((a) => selected.has(a.id))}
          onSelectAll={() => setSelected(new Set(visible.map((a) => a.id)))}
          onClear={() => setSelected(new Set())}
          onMarkRead={(read) => setRead(chosen, read)}
          onAddTags={(added) => addTags(chosen, added)}
          onRemoveTag={(tag) => removeTag(chosen, tag)}
          onDelete={() => remove(chosen)}
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
        onSelect={select}
        onToggleRead={(article) => setRead([article.id], !article.read)}
        onDelete={(id) => remove([id])}
      />
      <div class="toast-region" aria-live="polite">
        {pending && <UndoToast message={pending.message} onUndo={undo} />}
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
