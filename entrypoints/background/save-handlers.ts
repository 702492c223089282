import type { IDBPDatabase } from 'idb';
import type { Browser } from 'wxt/browser';
import { blockedPageCode } from '../../utils/capture/blocked-page';
import { savedStateFor, saveToLibrary } from '../../utils/library/articles';
import type { CoralDB } from '../../utils/library/db/schema';
import { cleanSaveRequest } from '../../utils/library/save-request';
import type { SaveRequest, SaveResult } from '../../utils/shared/article';
import { type BackgroundHandlers, MessageError } from '../../utils/shared/messages';

export interface BackgroundDeps {
  db: () => Promise<IDBPDatabase<CoralDB>>;
  openReader: (articleId: string, openerTab?: Browser.tabs.Tab) => Promise<void>;
  saveActiveTab: () => Promise<SaveResult>;
  /** Injects the page's UI (the prompt and the switch) into that frame of that tab. */
  loadPageUi: (tabId: number, frameId: number) => Promise<void>;
  /** Runs the capture script in that frame of that tab and returns what it saved. */
  capture: (tabId: number, frameId: number) => Promise<SaveResult>;
  /** Fetches again the images the page's CORS kept from the content script, where Coral may. */
  refetchImages?: (request: SaveRequest) => Promise<SaveRequest>;
}

/**
 * The background's answers about the library. A content script only ever asks about its own page: the
 * dispatcher hands each handler that page's article key, from the address the browser reports
 * (utils/shared/article-key.ts), never the address the page claims.
 */
export function backgroundHandlers(
  deps: BackgroundDeps,
): Pick<
  BackgroundHandlers,
  'getPageState' | 'loadPageUi' | 'capturePage' | 'saveArticle' | 'openReader' | 'saveActiveTab'
> {
  return {
    getPageState: async (_data, { canonicalUrl }) => savedStateFor(await deps.db(), canonicalUrl),

    async saveArticle(data, { canonicalUrl, page }) {
      const request = cleanSaveRequest(data, canonicalUrl, page);
      if (!request) throw new MessageError('invalid');
      const complete = deps.refetchImages ? await deps.refetchImages(request) : request;
      return saveToLibrary(await deps.db(), complete);
    },

    async loadPageUi(_data, { sender }) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new MessageError('forbidden');
      await deps.loadPageUi(tabId, sender.frameId ?? 0);
      return true;
    },

    // Only the frame that asked is read: its content script sends this only on a trusted click or when
    // the extension itself asks to save.
    capturePage(_data, { sender }) {
      const tabId = sender.tab?.id;
      if (tabId === undefined) throw new MessageError('forbidden');
      return deps.capture(tabId, sender.frameId ?? 0);
    },

    async openReader(_data, { canonicalUrl, sender }) {
      const state = await savedStateFor(await deps.db(), canonicalUrl);
      if (!state) return false;
      await deps.openReader(state.id, sender.tab);
      return true;
    },

    saveActiveTab: () => deps.saveActiveTab(),
  };
}

export interface SaveTabDeps {
  /** Asks the tab's page UI to save its page. */
  saveNow: (tabId: number) => Promise<SaveResult>;
  /** Injects the page's UI into a tab that lacks it (any site, through activeTab). */
  injectPageUi: (tabId: number) => Promise<void>;
}

/**
 * Saves a tab for the popup, the context menu and the shortcut. A tab the browser keeps Coral out of
 * (its own pages, the extension stores, a PDF) fails with a code saying which, so the user is told why
 * and offered no retry that cannot work.
 */
export async function saveTab(
  deps: SaveTabDeps,
  tab: Pick<Browser.tabs.Tab, 'id' | 'url'> | undefined,
): Promise<SaveResult> {
  const tabId = tab?.id;
  if (tabId === undefined) return { ok: false, error: 'no-page' };
  try {
    return await deps.saveNow(tabId);
  } catch {
    try {
      await deps.injectPageUi(tabId);
      return await deps.saveNow(tabId);
    } catch (error) {
      // The tab's address, when Coral may see it, says more than the browser's English message.
      return { ok: false, error: blockedPageCode(error, tab?.url) };
    }
  }
}
