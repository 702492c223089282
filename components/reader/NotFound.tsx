import { useState } from 'preact/hooks';
import { pageMessage } from '../../utils/shared/page-messages';
import { articleHref, type NavEntry } from './ReaderNav';

export interface NotFoundProps {
  /** The newest articles still in the library: the way back that works in every browser. */
  newest: readonly NavEntry[];
  /** Opens the library (the toolbar popup) where the browser lets a page do it; absent where it cannot. */
  openLibrary?: () => Promise<void>;
}

function OpenLibraryButton({ openLibrary }: { openLibrary: () => Promise<void> }) {
  const [refused, setRefused] = useState(false);
  const open = () => {
    setRefused(false);
    // Browsers may refuse (no focused window, an older version): then the sentence below is the way.
    openLibrary().catch(() => setRefused(true));
  };
  return (
    <>
      <button type="button" class="coral-tool coral-open-library" onClick={open}>
        {pageMessage('readerOpenLibrary')}
      </button>
      {refused && (
        <p class="coral-open-library-refused" role="status">
          {pageMessage('readerOpenLibraryRefused')}
        </p>
      )}
    </>
  );
}

/**
 * "Article not found" (deleted, or a bad address) with a way back: the newest saved articles as plain
 * links, the library button where the browser allows it, and where the library lives in any case.
 */
export function NotFound({ newest, openLibrary }: NotFoundProps) {
  return (
    <main class="coral-page coral-message">
      <h1>{pageMessage('readerNotFound')}</h1>
      <p>{pageMessage('readerNotFoundHint')}</p>
      <p>{pageMessage('readerLibraryWhere')}</p>
      {openLibrary && <OpenLibraryButton openLibrary={openLibrary} />}
      <section class="coral-recent" aria-labelledby="coral-recent-title">
        <h2 id="coral-recent-title">{pageMessage('readerRecentlySaved')}</h2>
        {newest.length === 0 ? (
          <p>{pageMessage('readerLibraryEmpty')}</p>
        ) : (
          <ul>
            {newest.map((entry) => (
              <li key={entry.id}>
                <a href={articleHref(entry.id)} lang={entry.lang} dir="auto">
                  {entry.title}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </main>
  );
}
