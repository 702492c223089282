import type { IDBPDatabase } from 'idb';
import type { Browser } from 'wxt/browser';
import { savedStateFor, saveToLibrary } from '../../utils/library/articles';
import type { CoralDB } from '../../utils/library/db/schema';
import { cleanSaveRequest } from '../../utils/library/save-request';
import type { SaveResult } from '../../utils/shared/article';
import { normalizeUrl } from '../../utils/shared/canonical-url';
import type { Handlers } from '../../utils/shared/messages';
import { canonicalAllowed, contentScriptPage, isExtensionPage, isSaveRequest } from '../../utils/shared/sender-check';

export interface BackgroundDeps {
  db: () => Promise<IDBPDatabase<CoralDB>>;
  extensionOrigin: string;
  mirrorHosts: () => Promise<string[]>;
  openReader: (articleId: string, openerTab?: Browser.tabs.Tab) => Promise<void>;
  saveActiveTab: () => Promise<SaveResult>;
  /** Runs the capture script in that frame of that tab and returns what it saved. */
  capture: (tabId: number, frameId: number) => Promise<SaveResult>;
}

const forbidden: SaveResult = { ok: false, error: 'forbidden', message: 'This page cannot be saved from here.' };

/**
 * The background's answers. A content script learns only about the page it runs on; saving from a
 * page records the address the browser reports, not the one the page claims.
 */
export function backgroundHandlers(deps: BackgroundDeps): Handlers {
  async function pageCanonical(canonicalUrl: unknown, sender: Browser.runtime.MessageSender): Promise<string | null> {
    const page = contentScriptPage(sender, deps.extensionOrigin);
    if (!page || typeof canonicalUrl !== 'string') return null;
    const canonical = normalizeUrl(canonicalUrl);
    return canonicalAllowed(canonical, page, await deps.mirrorHosts()) ? canonical : null;
  }

  return {
    async getPageState(data, sender) {
      const canonical = await pageCanonical(data?.canonicalUrl, sender);
      return canonical ? savedStateFor(await deps.db(), canonical) : null;
    },

    // Only the frame that asked is read: a page cannot send this message, and its content script sends it
    // only on a trusted click or when the extension itself asks to save.
    async capturePage(_data, sender) {
      const tabId = sender.tab?.id;
      if (!contentScriptPage(sender, deps.extensionOrigin) || tabId === undefined) return forbidden;
      return deps.capture(tabId, sender.frameId ?? 0);
    },

    async saveArticle(data, sender) {
      if (!isSaveRequest(data)) return forbidden;
      const canonical = await pageCanonical(data.article.meta.canonicalUrl, sender);
      const page = contentScriptPage(sender, deps.extensionOrigin);
      if (!canonical || !page) return forbidden;
      const request = cleanSaveRequest(data, canonical, page);
      return request ? saveToLibrary(await deps.db(), request) : forbidden;
    },

    async openReader(data, sender) {
      const canonical = await pageCanonical(data?.canonicalUrl, sender);
      if (!canonical) return false;
      const state = await savedStateFor(await deps.db(), canonical);
      if (!state) return false;
      await deps.openReader(state.id, sender.tab);
      return true;
    },

    async saveActiveTab(_data, sender) {
      if (!isExtensionPage(sender, deps.extensionOrigin)) return forbidden;
      return deps.saveActiveTab();
    },
  };
}
