import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ArticleSummary } from '../../utils/library/summaries';
import { listWindow, scrollToRow } from '../../utils/popup/list-model';
import { type ListKeyAction, listKeyAction } from '../../utils/popup/popup-view';
import { pageMessage } from '../../utils/shared/page-messages';
import { ArticleRow, rowDomId } from './ArticleRow';

/**
 * Every row has this height, so the rows on screen follow from the scroll position alone: two lines of
 * title and the byline (popup.css), low enough that the 400×580 popup shows six rows or more.
 */
export const ROW_HEIGHT = 62;
/** Before the list has been measured (and in tests, where nothing has a size): about a popup's worth. */
const FALLBACK_VIEWPORT = 400;

export interface LibraryListProps {
  articles: ArticleSummary[];
  locale: string;
  showPublished: boolean;
  selected: ReadonlySet<string>;
  activeId: string | null;
  hrefFor: (id: string) => string;
  onActive: (id: string) => void;
  onOpen: (id: string) => void;
  onSelect: (id: string, selected: boolean, range: boolean) => void;
  onToggleRead: (article: ArticleSummary) => void;
  onDelete: (id: string) => void;
  /** Set by the parent to have the active row focused after the next render (keyboard moves). */
  focusRequest: number;
}

/** The list's visible height, followed as the popup is resized. */
function useViewportHeight(scroller: RefObject<HTMLDivElement | null>) {
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const measure = () => setViewport(element.clientHeight || FALLBACK_VIEWPORT);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return viewport;
}

/** Keep the active row in the window (and so in the DOM), then focus it once it is rendered. */
function useFocusActive(
  scroller: RefObject<HTMLDivElement | null>,
  focusRequest: number,
  active: { id: string | null; index: number },
  viewport: number,
  setScrollTop: (top: number) => void,
) {
  const pendingFocus = useRef(false);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || focusRequest === 0 || active.index < 0) return;
    pendingFocus.current = true;
    const next = scrollToRow(active.index, element.scrollTop, element.clientHeight || viewport, ROW_HEIGHT);
    if (next !== element.scrollTop) {
      element.scrollTop = next;
      setScrollTop(next);
    }
  }, [focusRequest]);
  useEffect(() => {
    if (!pendingFocus.current || !active.id) return;
    const row = scroller.current?.ownerDocument.getElementById(rowDomId(active.id));
    if (!row) return;
    pendingFocus.current = false;
    row.focus({ preventScroll: true });
  });
}

/** The list's keys: arrows, Page Up/Down, Home and End move the active row; Delete and Enter act on it. */
function listKeys(props: LibraryListProps, activeIndex: number, viewport: number, moved: () => void) {
  const { articles, activeId } = props;
  const run = (action: NonNullable<ListKeyAction>) => {
    if (action.kind === 'move') {
      const target = articles[action.index];
      if (!target) return;
      props.onActive(target.id);
      moved();
      return;
    }
    if (!activeId) return;
    if (action.kind === 'open') props.onOpen(activeId);
    else if (activeIndex >= 0) props.onDelete(activeId);
  };
  return (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const onLink = event.target instanceof HTMLElement && event.target.classList.contains('row-main');
    const page = Math.max(Math.floor(viewport / ROW_HEIGHT) - 1, 1);
    const action = listKeyAction(event.key, activeIndex, page, articles.length, onLink);
    if (!action) return;
    event.preventDefault();
    run(action);
  };
}

/**
 * The library as a windowed list: only the rows in view (and a few around them) are in the DOM, placed
 * absolutely inside a spacer as tall as all rows. One row holds the tab stop; the arrows move it.
 */
export function LibraryList(props: LibraryListProps) {
  const { articles, activeId } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const viewport = useViewportHeight(scroller);
  const [moves, setMoves] = useState(0);
  const activeIndex = activeId ? articles.findIndex((a) => a.id === activeId) : -1;
  useFocusActive(scroller, props.focusRequest + moves, { id: activeId, index: activeIndex }, viewport, setScrollTop);

  const onKeyDown = listKeys(props, activeIndex, viewport, () => setMoves((n) => n + 1));

  const range = listWindow(scrollTop, viewport, ROW_HEIGHT, articles.length);
  // The tab stop stays reachable even when the active row is gone (filtered away or deleted).
  const tabStop = activeIndex >= 0 ? activeId : (articles[range.start]?.id ?? null);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys bubble up from the rows' links, checkboxes and buttons; the container itself takes no focus.
    <div
      ref={scroller}
      class="list"
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
    >
      <ol class="list-spacer" aria-label={pageMessage('popupListLabel')} style={{ height: `${range.total}px` }}>
        {articles.slice(range.start, range.end).map((article, i) => (
          <ArticleRow
            key={article.id}
            article={article}
            href={props.hrefFor(article.id)}
            index={range.start + i}
            count={articles.length}
            height={ROW_HEIGHT}
            locale={props.locale}
            showPublished={props.showPublished}
            selected={props.selected.has(article.id)}
            active={article.id === tabStop}
            onActive={props.onActive}
            onOpen={props.onOpen}
            onSelect={props.onSelect}
            onToggleRead={props.onToggleRead}
            onDelete={props.onDelete}
          />
        ))}
      </ol>
    </div>
  );
}
