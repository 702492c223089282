import { type Dispatch, type StateUpdater, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleRecord } from '../utils/library/db/schema';
import { idRange } from '../utils/popup/list-model';
import type { PopupServices } from '../utils/popup/services';
import { pageMessage } from '../utils/shared/page-messages';

export interface PendingDelete {
  ids: string[];
  records: ArticleRecord[];
  message: string;
}

export interface LibraryActionsInput {
  services: Pick<PopupServices, 'setRead' | 'addTags' | 'removeTags' | 'trash' | 'restore' | 'deleteForGood'>;
  /** The whole library as loaded, and the rows shown in their order. */
  all: ArticleRecord[];
  visible: ArticleRecord[];
  setArticles: Dispatch<StateUpdater<ArticleRecord[] | null>>;
  /** Reads the library again after a write failed, so the list does not show what was not stored. */
  reload: () => void;
  fail: (error: unknown) => void;
  activeId: string | null;
  /** Makes another row active (and focused) when the active one is deleted. */
  moveActive: (id: string | null) => void;
  undoMs: number;
}

/**
 * What the library does to articles: mark read, tag, delete with undo, and the selection those act on.
 * The list is changed at once and the write follows, so the popup never waits on IndexedDB.
 */
export function useLibraryActions({
  services,
  all,
  visible,
  setArticles,
  reload,
  fail,
  activeId,
  moveActive,
  undoMs,
}: LibraryActionsInput) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const anchor = useRef<string | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(undoTimer.current), []);

  const edit = (ids: string[], change: (a: ArticleRecord) => ArticleRecord, write: () => Promise<void>) => {
    const set = new Set(ids);
    setArticles((now) => now?.map((a) => (set.has(a.id) ? change(a) : a)) ?? null);
    write().catch((error: unknown) => {
      fail(error);
      reload();
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

  const finishPending = (done: PendingDelete | null) => {
    clearTimeout(undoTimer.current);
    if (done) services.deleteForGood(done.ids).catch(fail);
  };
  const remove = (ids: string[]) => {
    if (ids.length === 0) return;
    // Only one undo is offered: a second delete makes the first one final.
    finishPending(pending);
    const set = new Set(ids);
    const records = all.filter((a) => set.has(a.id));
    // The active row moves to the next one still listed, so Delete can be pressed again.
    if (activeId && set.has(activeId)) {
      const from = visible.findIndex((a) => a.id === activeId);
      const next = visible.slice(from + 1).find((a) => !set.has(a.id)) ?? visible.findLast((a) => !set.has(a.id));
      moveActive(next?.id ?? null);
    }
    setArticles((now) => now?.filter((a) => !set.has(a.id)) ?? null);
    setSelected((now) => new Set([...now].filter((id) => !set.has(id))));
    const title = records[0]?.meta.title ?? '';
    const message =
      ids.length === 1
        ? pageMessage('popupDeletedOne', [title])
        : pageMessage('popupDeletedMany', [String(ids.length)]);
    const next: PendingDelete = { ids, records, message };
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
  const selectAll = () => setSelected(new Set(visible.map((a) => a.id)));
  const clearSelection = () => setSelected(new Set());
  const chosenTags = useMemo(() => {
    const set = new Set(selected);
    return [...new Set(all.filter((a) => set.has(a.id)).flatMap((a) => a.tags))];
  }, [all, selected]);

  return {
    selected,
    chosen: [...selected],
    chosenTags,
    pending,
    select,
    selectAll,
    clearSelection,
    setRead,
    addTags,
    removeTag,
    remove,
    undo,
  };
}
