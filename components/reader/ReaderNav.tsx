import { useEffect } from 'preact/hooks';
import { readerQuery } from '../../utils/reader/url';
import { pageMessage } from '../../utils/shared/page-messages';

export interface NavEntry {
  id: string;
  title: string;
  lang?: string;
}

export interface Neighbours {
  prev?: NavEntry;
  next?: NavEntry;
}

/**
 * The articles before and after `id` in the list the user last looked at (the popup's order), or in
 * the library's newest-first order when that list is empty or does not hold `id`. Ids no longer in the
 * library (deleted, trashed) are stepped over.
 */
export function pickNeighbours(id: string, listOrder: readonly string[], library: readonly NavEntry[]): Neighbours {
  const byId = new Map(library.map((entry) => [entry.id, entry]));
  const order = listOrder.includes(id) ? listOrder : library.map((entry) => entry.id);
  const present = order.filter((other) => other === id || byId.has(other));
  const at = present.indexOf(id);
  if (at < 0) return {};
  const entry = (other: string | undefined) => (other === undefined ? undefined : byId.get(other));
  return { prev: entry(present[at - 1]), next: entry(present[at + 1]) };
}

export function articleHref(id: string): string {
  return readerQuery(id);
}

interface KeyLike {
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  target: EventTarget | null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!target || !(target as Element).closest) return false;
  return Boolean(
    (target as Element).closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])'),
  );
}

/**
 * `[` / `]` and Alt+← / Alt+→, unless the reader is typing somewhere. Brackets are taken whatever the
 * modifiers but Meta, since some keyboards type them with AltGr (Ctrl+Alt).
 */
export function navKey(event: KeyLike): 'prev' | 'next' | null {
  if (event.metaKey || isTyping(event.target)) return null;
  if (event.key === '[') return 'prev';
  if (event.key === ']') return 'next';
  if (!event.altKey || event.ctrlKey) return null;
  if (event.key === 'ArrowLeft') return 'prev';
  if (event.key === 'ArrowRight') return 'next';
  return null;
}

/** Links to the previous and next article, after the article; the keys work from anywhere on the page. */
export function ReaderNav({ prev, next }: Neighbours) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const direction = navKey(event);
      const target = direction === 'prev' ? prev : direction === 'next' ? next : undefined;
      if (!target) return;
      event.preventDefault();
      location.assign(articleHref(target.id));
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [prev, next]);

  if (!prev && !next) return null;
  return (
    <nav class="coral-nav" aria-label={pageMessage('readerNav')}>
      {prev && (
        <a
          class="coral-nav-link coral-nav-prev"
          href={articleHref(prev.id)}
          rel="prev"
          title={pageMessage('readerPreviousKeys')}
        >
          <span class="coral-nav-label">← {pageMessage('readerPrevious')}</span>
          <span class="coral-nav-title" lang={prev.lang} dir="auto">
            {prev.title}
          </span>
        </a>
      )}
      {next && (
        <a
          class="coral-nav-link coral-nav-next"
          href={articleHref(next.id)}
          rel="next"
          title={pageMessage('readerNextKeys')}
        >
          <span class="coral-nav-label">{pageMessage('readerNext')} →</span>
          <span class="coral-nav-title" lang={next.lang} dir="auto">
            {next.title}
          </span>
        </a>
      )}
    </nav>
  );
}
