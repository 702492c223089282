import './reader.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { ReaderApp } from '../../components/reader/ReaderApp';
import { exportArticle } from '../../utils/reader/export-article';
import { libraryPopupOpener } from '../../utils/reader/library-popup';
import { applyPrefs, normalizePrefs } from '../../utils/reader/prefs';
import { parseReaderQuery } from '../../utils/reader/url';
import { uiLangFor } from '../../utils/shared/i18n';
import { messagesLocale } from '../../utils/shared/page-messages';
import { requestPersistentStorage } from '../../utils/shared/persistent-storage';
import { DEFAULT_READER_PREFS, readerPrefs } from '../../utils/shared/settings';

// The chrome (toolbar, labels, dates, messages) is in the language of the messages the browser serves, so
// a browser in a language Coral lacks gets English labels with English dates, not a mix; the article
// element carries its own lang and dir, so a right-to-left article reads right to left in an LTR page.
const locale = uiLangFor(messagesLocale());
document.documentElement.lang = locale;
document.documentElement.dir = browser.i18n.getMessage('@@bidi_dir' as never) === 'rtl' ? 'rtl' : 'ltr';
// The browser would restore the old scroll position before the article is there; the reader does it itself.
history.scrollRestoration = 'manual';

const target = parseReaderQuery(location.search);

// Prefs are read before the first render so a dark theme never flashes light.
readerPrefs
  .getValue()
  .catch(() => DEFAULT_READER_PREFS)
  .then((stored) => {
    const prefs = normalizePrefs(stored);
    applyPrefs(document.documentElement, prefs);
    const app = document.getElementById('app');
    if (!app) return;
    render(
      <ReaderApp
        id={target.id}
        version={target.version}
        locale={locale}
        prefs={prefs}
        onExport={exportArticle}
        openLibrary={libraryPopupOpener()}
      />,
      app,
    );
  });
void requestPersistentStorage();
