import type { IDBPDatabase } from 'idb';
import { type Browser, browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { isLocalName } from '../../utils/bridge/local-names';
import { startBridge } from '../../utils/bridge/service';
import { refetchBlockedImages } from '../../utils/capture/background-images';
import { runCapture } from '../../utils/capture/run-capture';
import { openLibrary } from '../../utils/library/db/open';
import type { CoralDB } from '../../utils/library/db/schema';
import { mirrorHosts, protectSettings } from '../../utils/library/private-settings';
import { backfillSearchIndex } from '../../utils/library/search/backfill';
import { readerPath } from '../../utils/reader/url';
import { backgroundDispatcher } from '../../utils/shared/message-dispatch';
import { type BackgroundHandlers, listen, sendToTab } from '../../utils/shared/messages';
import { syncMirrorScripts } from '../../utils/sites/mirrors';
import { bridgeHandlers } from './bridge-handlers';
import { backgroundHandlers, type SaveTabDeps, saveTab } from './save-handlers';

const MENU_SAVE = 'coral-save-page';
/** The prompt and the switch, injected where the loader finds something to show and into tabs to save. */
const PAGE_UI_SCRIPT = '/page-ui.js';

export default defineBackground(() => {
  let library: Promise<IDBPDatabase<CoralDB>> | undefined;
  const db = () => {
    library ??= openLibrary();
    return library;
  };
  // First and synchronous: the proxy and authentication listeners must exist before any request.
  const bridge = startBridge({ db });
  void protectSettings();
  // After an upgrade the search store starts empty; this fills it once, then finds nothing to do.
  void db().then(backfillSearchIndex);

  // Pages that do not run the content script (any site, via activeTab) get it injected on demand.
  const saveTabDeps: SaveTabDeps = {
    saveNow: (tabId) => sendToTab(tabId, 'saveNow', {}),
    injectPageUi: async (tabId) => {
      await browser.scripting.executeScript({ target: { tabId }, files: [PAGE_UI_SCRIPT] });
    },
  };

  async function activeTab(): Promise<Browser.tabs.Tab | undefined> {
    const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
    return tab;
  }

  async function openReader(articleId: string, opener?: Browser.tabs.Tab) {
    const url = browser.runtime.getURL(readerPath(articleId));
    await browser.tabs.create({
      url,
      ...(opener?.index !== undefined && { index: opener.index + 1 }),
      ...(opener?.id !== undefined && { openerTabId: opener.id }),
    });
  }

  const handlers: BackgroundHandlers = {
    ...backgroundHandlers({
      db,
      openReader,
      refetchImages: (request) =>
        refetchBlockedImages(request, {
          hasPermission: (pattern) => browser.permissions.contains({ origins: [pattern] }),
          isLocalName,
          fetch: (input, init) => fetch(input, init),
        }),
      saveActiveTab: async () => saveTab(saveTabDeps, await activeTab()),
      loadPageUi: async (tabId, frameId) => {
        await browser.scripting.executeScript({ target: { tabId, frameIds: [frameId] }, files: [PAGE_UI_SCRIPT] });
      },
      // Immediately: the page has long loaded when someone presses Save, so nothing is gained by waiting.
      capture: (tabId, frameId) =>
        runCapture(
          (target, file) => browser.scripting.executeScript({ target, files: [file], injectImmediately: true }),
          tabId,
          frameId,
        ),
    }),
    ...bridgeHandlers({ bridge }),
  };
  listen(
    backgroundDispatcher({
      extensionOrigin: browser.runtime.getURL('/'),
      mirrorHosts: () => mirrorHosts.getValue(),
      handlers,
    }),
  );

  // Menus are recreated at every start: Firefox's persistent background page does not keep them.
  browser.contextMenus.removeAll().then(() => {
    browser.contextMenus.create({
      id: MENU_SAVE,
      title: browser.i18n.getMessage('contextMenuSave') || 'Save page to Coral',
      contexts: ['page', 'selection', 'link', 'image'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_SAVE) void saveTab(saveTabDeps, tab);
  });

  browser.commands.onCommand.addListener(async (command) => {
    if (command === 'save-page') await saveTab(saveTabDeps, await activeTab());
  });

  // Registered content scripts must match the mirror list and the permissions the user granted.
  const syncMirrors = async () => syncMirrorScripts(await mirrorHosts.getValue());
  void syncMirrors();
  mirrorHosts.watch(() => void syncMirrors());
  browser.permissions.onRemoved.addListener(() => void syncMirrors());
});
