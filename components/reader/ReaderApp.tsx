import { useEffect, useLayoutEffect, useState } from 'preact/hooks';
import { useReadingProgress } from '../../hooks/use-reading-progress';
import { firstArticles, getArticle, getImageBlob, listArticles } from '../../utils/library/articles';
import { openLibrary } from '../../utils/library/db/open';
import type { ArticleRecord, VersionRecord } from '../../utils/library/db/schema';
import { firstShownVersion, isOwnVersion } from '../../utils/library/provenance';
import { loadImageUrls, revokeImageUrls } from '../../utils/reader/image-urls';
import { applyPrefs, normalizePrefs } from '../../utils/reader/prefs';
import type { ExportKind } from '../../utils/reader/toolbar';
import { uiLangFor } from '../../utils/shared/i18n';
import { pageMessage } from '../../utils/shared/page-messages';
import { listOrder, type ReaderPrefs, readerPrefs } from '../../utils/shared/settings';
import { ArticleView } from './ArticleView';
import { MissingImages } from './MissingImages';
import { NotFound } from './NotFound';
import { type NavEntry, type Neighbours, pickNeighbours, ReaderNav } from './ReaderNav';
import { ReaderToolbar } from './ReaderToolbar';
import { SavedVersions } from './SavedVersions';
import { VersionProvenance } from './VersionProvenance';

type ReaderState =
  | { kind: 'loading' }
  | { kind: 'missing'; newest: NavEntry[] }
  | { kind: 'failed' }
  | {
      kind: 'ready';
      article: ArticleRecord;
      versions: VersionRecord[];
      shown: VersionRecord;
      urls: Map<string, string>;
      neighbours: Neighbours;
    };

async function neighboursOf(library: ArticleRecord[], id: string): Promise<Neighbours> {
  const order = await listOrder.getValue().catch(() => []);
  const entries = library.map((record) => ({ id: record.id, title: record.meta.title, lang: record.meta.lang }));
  return pickNeighbours(id, order, entries);
}

/** How many of the newest articles "Article not found" offers as the way back. */
const WAY_BACK = 8;

/** Reads straight from IndexedDB: the reader works with no network and no background page. */
async function loadReader(id: string | null, wanted: number | null): Promise<ReaderState> {
  const db = await openLibrary();
  try {
    const found = id ? await getArticle(db, id) : undefined;
    // Without a choice, the user's own newest copy: a version from a file is opened only when asked for.
    const shown = found?.versions.find((v) => v.version === wanted) ?? firstShownVersion(found?.versions ?? []);
    if (!found || !shown) {
      const newest = await firstArticles(db, WAY_BACK);
      return { kind: 'missing', newest: newest.map((a) => ({ id: a.id, title: a.meta.title, lang: a.meta.lang })) };
    }
    const urls = await loadImageUrls(shown.images, (hash) => getImageBlob(db, hash));
    const neighbours = await neighboursOf(await listArticles(db), found.article.id);
    return { kind: 'ready', article: found.article, versions: found.versions, shown, urls, neighbours };
  } finally {
    db.close();
  }
}

/** The prefs, kept on the root element and in step with other reader tabs. */
function useReaderPrefs(initial: ReaderPrefs): [ReaderPrefs, (prefs: ReaderPrefs) => void] {
  const [prefs, setPrefs] = useState(initial);
  useLayoutEffect(() => applyPrefs(document.documentElement, prefs), [prefs]);
  useEffect(() => readerPrefs.watch((value) => setPrefs(normalizePrefs(value))), []);
  const update = (next: ReaderPrefs) => {
    const clean = normalizePrefs(next);
    setPrefs(clean);
    readerPrefs.setValue(clean).catch((error: unknown) => console.error('Coral: prefs not saved:', error));
  };
  return [prefs, update];
}

export interface ReaderAppProps {
  id: string | null;
  version: number | null;
  /** The language of the messages the browser serves: every label and date of the reader is in it. */
  locale: string;
  prefs: ReaderPrefs;
  /** Injected so tests need no library; the page passes exportArticle. */
  onExport(kind: ExportKind, article: ArticleRecord, version: VersionRecord): Promise<void>;
  /** Opens the library popup where the browser allows it (see libraryPopupOpener). */
  openLibrary?: () => Promise<void>;
}

function Ready({
  state,
  locale,
  prefs,
  setPrefs,
  onExport,
}: {
  state: Extract<ReaderState, { kind: 'ready' }>;
  locale: string;
  prefs: ReaderPrefs;
  setPrefs(prefs: ReaderPrefs): void;
  onExport: ReaderAppProps['onExport'];
}) {
  const { article, versions, shown, urls, neighbours } = state;
  const newest = shown.version === firstShownVersion(versions)?.version;
  const progress = useReadingProgress(article.id, article.progress, newest);
  // When the copy was made is said once, in the header; the links only say where they go.
  const openOriginal = pageMessage('readerOriginalLink');
  // An imported version's address is the file's claim: shown in full by VersionProvenance, never as "the original".
  const imported = !isOwnVersion(shown);
  const original =
    !imported && /^https?:\/\//i.test(shown.meta.url) ? { url: shown.meta.url, label: openOriginal } : undefined;
  return (
    <>
      <ReaderToolbar
        prefs={prefs}
        onPrefsChange={setPrefs}
        progress={progress}
        read={article.read && newest}
        onExport={(kind) => onExport(kind, article, shown)}
        original={original}
      />
      <main class="coral-page">
        <SavedVersions articleId={article.id} versions={versions} current={shown.version} locale={locale} />
        <VersionProvenance articleId={article.id} versions={versions} shown={shown} locale={locale} />
        <MissingImages images={shown.images} />
        <ArticleView
          meta={shown.meta}
          html={shown.html}
          images={shown.images}
          imageUrls={urls}
          savedAt={shown.savedAt}
          imported={imported}
          ui={uiLangFor(locale)}
        />
        <footer class="coral-after">
          {original && (
            <p class="coral-original">
              <a href={original.url} target="_blank" rel="noopener noreferrer">
                {openOriginal}
              </a>
            </p>
          )}
          <ReaderNav prev={neighbours.prev} next={neighbours.next} />
        </footer>
      </main>
    </>
  );
}

export function ReaderApp({ id, version, locale, prefs: initialPrefs, onExport, openLibrary }: ReaderAppProps) {
  const [state, setState] = useState<ReaderState>({ kind: 'loading' });
  const [prefs, setPrefs] = useReaderPrefs(initialPrefs);

  useEffect(() => {
    loadReader(id, version).then(setState, (error: unknown) => {
      console.error('Coral reader:', error);
      setState({ kind: 'failed' });
    });
  }, [id, version]);

  useEffect(() => {
    if (state.kind === 'missing') document.title = pageMessage('readerNotFound');
    if (state.kind === 'failed') document.title = pageMessage('readerFailed');
    if (state.kind !== 'ready') return;
    document.title = state.shown.meta.title;
    const revoke = (event: PageTransitionEvent) => {
      // A page kept in the back-forward cache comes back with its images; only a real unload frees them.
      if (!event.persisted) revokeImageUrls(state.urls);
    };
    window.addEventListener('pagehide', revoke);
    return () => {
      window.removeEventListener('pagehide', revoke);
      revokeImageUrls(state.urls);
    };
  }, [state]);

  if (state.kind === 'loading') return <p class="coral-status">{pageMessage('readerLoading')}</p>;
  if (state.kind === 'missing') return <NotFound newest={state.newest} openLibrary={openLibrary} />;
  if (state.kind === 'failed') {
    return (
      <main class="coral-page coral-message">
        <h1>{pageMessage('readerFailed')}</h1>
        <p>{pageMessage('readerFailedHint')}</p>
      </main>
    );
  }
  return <Ready state={state} locale={locale} prefs={prefs} setPrefs={setPrefs} onExport={onExport} />;
}
