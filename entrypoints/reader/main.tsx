import './reader.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ArticleView } from '../../components/ArticleView';
import { SavedVersions } from '../../components/SavedVersions';
import { loadImageUrls, revokeImageUrls } from '../../utils/article-images';
import type { ArticleRecord, VersionRecord } from '../../utils/db';
import { openLibrary } from '../../utils/db';
import { t, type UiLang, uiLangFor } from '../../utils/i18n';
import { getArticle, getImageBlob } from '../../utils/library';
import { requestPersistentStorage } from '../../utils/persistent-storage';

type ReaderState =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed' }
  | {
      kind: 'ready';
      article: ArticleRecord;
      versions: VersionRecord[];
      shown: VersionRecord;
      urls: Map<string, string>;
    };

/** Reads straight from IndexedDB: the reader works with no network and no background page. */
async function loadReader(id: string | null, wanted: number | null): Promise<ReaderState> {
  if (!id) return { kind: 'missing' };
  const db = await openLibrary();
  try {
    const found = await getArticle(db, id);
    const shown = found?.versions.find((v) => v.version === wanted) ?? found?.versions[0];
    if (!found || !shown) return { kind: 'missing' };
    const urls = await loadImageUrls(shown.images, (hash) => getImageBlob(db, hash));
    return { kind: 'ready', article: found.article, versions: found.versions, shown, urls };
  } finally {
    db.close();
  }
}

function Reader({ id, version, browserUi }: { id: string | null; version: number | null; browserUi: UiLang }) {
  const [state, setState] = useState<ReaderState>({ kind: 'loading' });

  useEffect(() => {
    loadReader(id, version).then(setState, (error: unknown) => {
      console.error('Coral reader:', error);
      setState({ kind: 'failed' });
    });
  }, [id, version]);

  useEffect(() => {
    if (state.kind === 'missing') document.title = t(browserUi, 'readerNotFound');
    if (state.kind === 'failed') document.title = t(browserUi, 'readerFailed');
    if (state.kind !== 'ready') return;
    const { meta } = state.shown;
    document.title = meta.title;
    document.documentElement.lang = meta.lang ?? '';
    document.documentElement.dir = meta.dir;
    const revoke = (event: PageTransitionEvent) => {
      // A page kept in the back-forward cache comes back with its images; only a real unload frees them.
      if (!event.persisted) revokeImageUrls(state.urls);
    };
    window.addEventListener('pagehide', revoke);
    return () => {
      window.removeEventListener('pagehide', revoke);
      revokeImageUrls(state.urls);
    };
  }, [state, browserUi]);

  if (state.kind !== 'ready') {
    if (state.kind === 'loading') return <p class="coral-status">{t(browserUi, 'readerLoading')}</p>;
    const key = state.kind === 'missing' ? 'readerNotFound' : 'readerFailed';
    return (
      <main class="coral-page coral-message" lang={browserUi}>
        <h1>{t(browserUi, key)}</h1>
        <p>{t(browserUi, state.kind === 'missing' ? 'readerNotFoundHint' : 'readerFailedHint')}</p>
      </main>
    );
  }

  const { article, versions, shown, urls } = state;
  const ui = uiLangFor(shown.meta.lang);
  return (
    <main class="coral-page">
      <SavedVersions articleId={article.id} versions={versions} current={shown.version} ui={ui} />
      <ArticleView
        meta={shown.meta}
        html={shown.html}
        images={shown.images}
        imageUrls={urls}
        savedAt={shown.savedAt}
        ui={ui}
      />
    </main>
  );
}

const params = new URLSearchParams(location.search);
const versionParam = Number.parseInt(params.get('v') ?? '', 10);
const app = document.getElementById('app');
if (app) {
  render(
    <Reader
      id={params.get('id')}
      version={Number.isFinite(versionParam) ? versionParam : null}
      browserUi={uiLangFor(browser.i18n.getUILanguage())}
    />,
    app,
  );
}
void requestPersistentStorage();
