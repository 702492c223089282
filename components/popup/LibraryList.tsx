import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ArticleRecord } from '../../utils/library/db/schema';
import { listWindow, scrollToRow } from '../../utils/popup/list-model';
import { pageMessage } from '../../utils/shared/page-messages';
import { ArticleRow, rowDomId } from './ArticleRow';

/** Every row has this height, so the rows on screen follow from the scroll position alone. */
export const ROW_HEIGHT = 84;
/** Before the list has been measured (and in tests, where nothing has a size): about a popup's worth. */
const FALLBACK_VIEWPORT = 400;

export interface LibraryListProps {
  articles: ArticleRecord[];
  locale: string;
  showPublished: boolean;
  selected: ReadonlySet<string>;
  activeId: string | null;
  hrefFor: (id: string) => string;
  onActive: (id: string) => void;
  onOpen: (id: string) => void;
  onSelect: (id: string, selected: boolean, range: boolean) => void;
  onToggleRead: (article: ArticleRecord) => void;
  onDelete: (id: string) => void;
  /** Set by the parent to have the active row focused after the next render (keyboard moves). */
  focusRequest: number;
}

/**
 * The library as a windowed list: only the rows in view (and a few around them) are in the DOM, placed
 * absolutely inside a spacer as tall as all rows. One row holds the tab stop; the arrows move it.
 */
export function LibraryList(props: LibraryListProps) {
  const { articles, activeId } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT);
  const [moves, setMoves] = useState(0);
  const focusRequest = props.focusRequest + moves;

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

  const activeIndex = activeId ? articles.findIndex((a) => a.id === activeId) : -1;

  // Keep the active row in the window (and so in the DOM), then focus it once it is rendered.
  const pendingFocus = useRef(false);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || focusRequest === 0 || activeIndex < 0) return;
    pendingFocus.current = true;
    const next = scrollToRow(activeIndex, element.scrollTop, element.clientHeight || viewport, ROW_HEIGHT);
    if (next !== element.scrollTop) {
      element.scrollTop = next;
      setScrollTop(next);
    }
  }, [focusRequest]);

  useEffect(() => {
    if (!pendingFocus.current || !activeId) return;
    const row = scroller.current?.ownerDocument.getElementById(rowDomId(activeId));
    if (!row) return;
    pendingFocus.current = false;
    row.focus({ preventScroll: true });
  });

  const moveTo = (index: number) => {
    const target = articles[Math.min(Math.max(index, 0), articles.length - 1)];
    if (!target) return;
    props.onActive(target.id);
    setMoves((n) => n + 1);
  };
  const page = Math.max(Math.floor(viewport / ROW_HEIGHT) - 1, 1);
  const onKeyDown = (event: KeyboardEvent) => {
    const from = activeIndex < 0 ? -1 : activeIndex;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(from + 1),
      ArrowUp: () => moveTo(from - 1),
      PageDown: () => moveTo(from + page),
      PageUp: () => moveTo(from - page),
      Home: () => moveTo(0),
      End: () => moveTo(articles.length - 1),
      Delete: () => activeId && activeIndex >= 0 && props.onDelete(activeId),
    };
    // Enter on the row's link opens it here rather than by the link's own click, so it happens exactly once.
    if (event.key === 'Enter' && event.target instanceof HTMLElement && event.target.classList.contains('row-main')) {
      keys.Enter = () => activeId && props.onOpen(activeId);
    }
    const action = keys[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

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
