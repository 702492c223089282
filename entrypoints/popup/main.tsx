import './popup.css';
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { LibraryPopup } from '../../components/popup/LibraryPopup';
import { PopupBridge } from '../../components/popup/PopupBridge';
import { openServices, readerUrl } from '../../utils/popup/services';
import { pageMessage } from '../../utils/shared/page-messages';

const locale = browser.i18n.getUILanguage();
document.documentElement.lang = locale;
// `?tab=1`: this page opened in a tab for import and export, where file pickers and downloads work.
const inTab = new URLSearchParams(location.search).has('tab');
document.documentElement.classList.toggle('in-tab', inTab);

const app = document.getElementById('app');
openServices().then(
  (services) => {
    if (!app) return;
    render(
      <LibraryPopup
        services={services}
        locale={locale}
        hrefFor={readerUrl}
        inTab={inTab}
        canExportHere={import.meta.env.BROWSER !== 'firefox'}
        bridge={inTab ? undefined : <PopupBridge locale={locale} />}
      />,
      app,
    );
  },
  (error: unknown) => {
    console.error('Coral popup: cannot open the library', error);
    if (app) app.textContent = pageMessage('popupOpenFailed');
  },
);
