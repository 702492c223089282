import { type Browser, browser } from 'wxt/browser';
import type { SavedState, SaveRequest, SaveResult } from './article';
import type { BridgeTestResult, BridgeView, VolunteerState } from './bridge-types';
import { errorText } from './error-text';

/**
 * The one message contract. Content scripts may send only what the in-page prompt and the on-page bridge switch need; everything
 * else (the library itself) is read by extension pages straight from IndexedDB.
 */
export interface Protocol {
  /** Content script → background: is the page the sender is showing already saved? */
  getPageState(data: { canonicalUrl: string }): SavedState | null;
  /** Content script → background: load the capture script into the sender's frame and save the page. */
  capturePage(data: Record<string, never>): SaveResult;
  /** Capture script → background: keep this article. */
  saveArticle(data: SaveRequest): SaveResult;
  /** Content script → background: open the reader on the sender's page's saved copy. */
  openReader(data: { canonicalUrl: string }): boolean;
  /** Extension page (popup) → background: save the active tab. */
  saveActiveTab(data: Record<string, never>): SaveResult;
  /** Background → content script: save the page now (popup button, context menu, shortcut). */
  saveNow(data: Record<string, never>): SaveResult;

  /** Content script or extension page → background: the bridge switch's state (no configuration). */
  getBridgeView(data: Record<string, never>): BridgeView;
  /** Content script (trusted click on the on-page switch) or extension page → background: turn the bridge on or off. */
  setBridgeEnabled(data: { enabled: boolean }): BridgeView;
  /** Extension page → background: fetch a page through a bridge and time it. */
  testBridge(data: { bridgeId: string }): BridgeTestResult;
  /** Content script → background: is the sender's page on CDT or a mirror the user added? */
  onCdtSite(data: Record<string, never>): boolean;
  /** Popup → content script of a CDT tab: the Lantern widget's live state. */
  getVolunteerState(data: Record<string, never>): VolunteerState;
  /** Popup → content script: flip the Lantern widget's own switch (only on the user's click in the popup). */
  setVolunteer(data: { on: boolean }): VolunteerState;
}

export type MessageType = keyof Protocol;
type Data<K extends MessageType> = Parameters<Protocol[K]>[0];
type Reply<K extends MessageType> = ReturnType<Protocol[K]>;
type Envelope = { coral: 1; type: MessageType; data: unknown };
type Response = { ok: true; value: unknown } | { ok: false; error: string };

export type Handlers = {
  [K in MessageType]?: (data: Data<K>, sender: Browser.runtime.MessageSender) => Promise<Reply<K>> | Reply<K>;
};

function unwrap<T>(response: Response | undefined): T {
  if (!response) throw new Error('No answer from the extension');
  if (!response.ok) throw new Error(response.error);
  return response.value as T;
}

export async function sendMessage<K extends MessageType>(type: K, data: Data<K>): Promise<Reply<K>> {
  const envelope: Envelope = { coral: 1, type, data };
  return unwrap(await browser.runtime.sendMessage(envelope));
}

export async function sendTabMessage<K extends MessageType>(tabId: number, type: K, data: Data<K>): Promise<Reply<K>> {
  const envelope: Envelope = { coral: 1, type, data };
  return unwrap(await browser.tabs.sendMessage(tabId, envelope));
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).coral === 1;
}

/**
 * Registers the handlers. Answers through `sendResponse` and returns true, which every browser (and
 * fake-browser) honours, rather than returning a Promise.
 */
export function onMessages(handlers: Handlers): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (response: Response) => void,
  ): true | undefined => {
    // Own keys only: a junk type such as "toString" or "constructor" must not reach Object.prototype.
    if (!isEnvelope(message) || typeof message.type !== 'string' || !Object.hasOwn(handlers, message.type)) {
      return undefined;
    }
    const handler = handlers[message.type] as
      | ((data: unknown, sender: Browser.runtime.MessageSender) => unknown)
      | undefined;
    if (!handler) return undefined;
    Promise.resolve()
      .then(() => handler(message.data, sender))
      .then(
        (value) => sendResponse({ ok: true, value }),
        (error: unknown) => sendResponse({ ok: false, error: errorText(error) }),
      );
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
