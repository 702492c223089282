import { type Dispatch, type StateUpdater, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ArticleSummary } from '../utils/library/summaries';
import { idRange } from '../utils/popup/list-model';
import {
  type ArticleEdit,
  activeAfterDelete,
  editArticle,
  restored,
  tagsOfChosen,
  toggled,
} from '../utils/popup/popup-view';
import type { PopupServices } from '../utils/popup/services';
import { countMessage, pageMessage } from '../utils/shared/page-messages';

export interface PendingDelete {
  ids: string[];
  records: ArticleSummary[];
  message: string;
}

type Services = Pick<PopupServices, 'setRead' | 'addTags' | 'removeTags' | 'trash' | 'restore' | 'deleteForGood'>;

export interface LibraryActionsInput {
  services: Services;
  /** The whole library as loaded, and the rows shown in their order. */
  all: ArticleSummary[];
  visible: ArticleSummary[];
  setArticles: Dispatch<StateUpdater<ArticleSummary[] | null>>;
  /** Reads the library again after a write failed, so the list does not show what was not stored. */
  reload: () => void;
  fail: (error: unknown) => void;
  activeId: string | null;
  /** Makes another row active (and focused) when the active one is deleted. */
  moveActive: (id: string | null) => void;
  undoMs: number;
}

const deletedMessage = (ids: readonly string[], records: readonly ArticleSummary[]) =>
  ids.length === 1
    ? pageMessage('popupDeletedOne', [records[0]?.meta.title ?? ''])
    : countMessage('popupDeletedCount', ids.length);

/** Mark read and tag: the list changes at once, and a failed write reads the library again. */
function useEdits({ services, setArticles, fail, reload }: LibraryActionsInput) {
  const edit = (ids: string[], change: ArticleEdit, write: () => Promise<void>) => {
    const set = new Set(ids);
    setArticles((now) => now?.map((a) => (set.has(a.id) ? editArticle(a, change) : a)) ?? null);
    write().catch((error: unknown) => {
      fail(error);
      reload();
    });
  };
  return {
    setRead: (ids: string[], read: boolean) => edit(ids, { kind: 'read', read }, () => services.setRead(ids, read)),
    addTags: (ids: string[], tags: string[]) =>
      edit(ids, { kind: 'add-tags', tags }, () => services.addTags(ids, tags)),
    removeTag: (ids: string[], tag: string) =>
      edit(ids, { kind: 'remove-tag', tag }, () => services.removeTags(ids, [tag])),
  };
}

/** The selection the bar acts on; shift-click selects the range from the last row clicked. */
function useSelection(all: ArticleSummary[], visible: ArticleSummary[]) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const select = (id: string, on: boolean, range: boolean) => {
    const from = anchor.current;
    const ids =
      range && from
        ? idRange(
            visible.map((a) => a.id),
            from,
            id,
          )
        : [id];
    anchor.current = id;
    setSelected((now) => toggled(now, ids, on));
  };
  const chosenTags = useMemo(() => tagsOfChosen(all, selected), [all, selected]);
  return {
    selected,
    setSelected,
    chosenTags,
    select,
    selectAll: () => setSelected(new Set(visible.map((a) => a.id))),
    clearSelection: () => setSelected(new Set()),
  };
}

/** Delete with one undo: the articles go to the trash at once and are purged when the undo expires. */
function useDeleteWithUndo(input: LibraryActionsInput, unselect: (ids: ReadonlySet<string>) => void) {
  const { services, all, visible, setArticles, fail, activeId, moveActive, undoMs } = input;
  const [pending, setPending] = useState<PendingDelete | null>(null);
  const undoTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(undoTimer.current), []);

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
    const nextActive = activeAfterDelete(visible, activeId, set);
    if (nextActive !== undefined) moveActive(nextActive);
    setArticles((now) => now?.filter((a) => !set.has(a.id)) ?? null);
    unselect(set);
    const next: PendingDelete = { ids, records, message: deletedMessage(ids, records) };
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
    setPending(null);
    setArticles((now) => restored(now ?? [], pending));
    services.restore(pending.ids).catch(fail);
  };
  return { pending, remove, undo };
}

/**
 * What the library does to articles: mark read, tag, delete with undo, and the selection those act on.
 * The list is changed at once and the write follows, so the popup never waits on IndexedDB.
 */
export function useLibraryActions(input: LibraryActionsInput) {
  const edits = useEdits(input);
  const { setSelected, ...selection } = useSelection(input.all, input.visible);
  const deletion = useDeleteWithUndo(input, (ids) =>
    setSelected((now) => new Set([...now].filter((id) => !ids.has(id)))),
  );
  return { ...selection, chosen: [...selection.selected], ...edits, ...deletion };
}
