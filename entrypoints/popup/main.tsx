import './popup.css';
import type { IDBPDatabase } from 'idb';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { SaveResult } from '../../utils/article';
import { type ArticleRecord, type CoralDB, openLibrary } from '../../utils/db';
import { sendMessage } from '../../utils/messages';
import { pageMessage } from '../../utils/page-messages';

const RECENT = 5;

/** Asks the background to save whatever the active tab shows. */
export function saveActiveTab(): Promise<SaveResult> {
  return sendMessage('saveActiveTab', {});
}

/** The newest saved articles, walking the by-saved index backwards so a big library is not read whole. */
export async function recentArticles(db: IDBPDatabase<CoralDB>, limit = RECENT): Promise<ArticleRecord[]> {
  const found: ArticleRecord[] = [];
  let cursor = await db.transaction('articles').store.index('by-saved').openCursor(null, 'prev');
  while (cursor && found.length < limit) {
    found.push(cursor.value);
    cursor = await cursor.continue();
  }
  return found;
}

async function loadRecent(): Promise<ArticleRecord[]> {
  const db = await openLibrary();
  try {
    return await recentArticles(db);
  } finally {
    db.close();
  }
}

function readerUrl(id: string): string {
  return browser.runtime.getURL(`/reader.html?${new URLSearchParams({ id })}`);
}

function describe(result: SaveResult): string {
  if (!result.ok) return pageMessage('popupSaveFailed', [result.message]);
  return result.newVersion || result.version === 1 ? pageMessage('popupSaved') : pageMessage('popupUnchanged');
}

function openTab(event: MouseEvent, url: string) {
  // A plain link would load inside the popup itself.
  event.preventDefault();
  browser.tabs.create({ url }).then(() => window.close());
}

function Popup() {
  const [recent, setRecent] = useState<ArticleRecord[] | null>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);

  const refresh = () =>
    loadRecent().then(setRecent, (error: unknown) => {
      console.error('Coral popup:', error);
      setRecent([]);
    });
  useEffect(() => void refresh(), []);

  const save = () => {
    setSaving(true);
    setStatus(pageMessage('popupSaving'));
    saveActiveTab()
      .then((result) => {
        setStatus(describe(result));
        return refresh();
      })
      .catch((error: unknown) =>
        setStatus(pageMessage('popupSaveFailed', [error instanceof Error ? error.message : String(error)])),
      )
      .finally(() => setSaving(false));
  };

  return (
    <main>
      <button type="button" class="save" onClick={save} disabled={saving}>
        {pageMessage('popupSavePage')}
      </button>
      <p class="status" role="status">
        {status}
      </p>
      <h2>{pageMessage('popupRecent')}</h2>
      {recent && recent.length === 0 && <p class="empty">{pageMessage('popupNothingSaved')}</p>}
      {recent && recent.length > 0 && (
        <ol class="recent">
          {recent.map((article) => (
            <li key={article.id} lang={article.meta.lang} dir={article.meta.dir}>
              <a href={readerUrl(article.id)} onClick={(event) => openTab(event, readerUrl(article.id))}>
                {article.meta.title}
              </a>
            </li>
          ))}
        </ol>
      )}
      <p class="footer">
        <a
          href={browser.runtime.getURL('/options.html')}
          onClick={(event) => {
            event.preventDefault();
            browser.runtime.openOptionsPage().then(() => window.close());
          }}
        >
          {pageMessage('popupOptions')}
        </a>
      </p>
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app');
if (app) render(<Popup />, app);
