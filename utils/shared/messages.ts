import { type Browser, browser } from 'wxt/browser';
import type { SavedState, SaveResult } from './article';
import type { BridgeStatus, BridgeTestResult, BridgeView, VolunteerState } from './bridge-types';
import { isSaveRequest } from './sender-check';

/**
 * The message contract, one table per direction. Each message names its data, its reply and who may
 * send it; the dispatcher (message-dispatch.ts) enforces the senders and the data's shape before any
 * handler runs. Content scripts may send only what the in-page prompt and the on-page bridge switch
 * need; everything else (the library itself) is read by extension pages straight from IndexedDB.
 */

/**
 * Who may send a message to the background:
 * - `extension-page`: the popup, reader or options page;
 * - `own-page-content-script`: a content script asking about the page it runs on, and only that page:
 *   the background derives the article from the address the browser reports (utils/shared/article-key.ts);
 * - `cdt-page-content-script`: a content script on CDT or a mirror the user added;
 * - `page-content-script`: the content script of any page (the background injects it into any site the
 *   user asks to save).
 */
export type BackgroundSender =
  | 'extension-page'
  | 'own-page-content-script'
  | 'cdt-page-content-script'
  | 'page-content-script';
/** Who may send a message to a tab's content script: the extension itself (background or its pages), never a tab. */
export type TabSender = 'extension';

/** Carries a type and no value: the reply's type lives in the table without a runtime stand-in. */
type Phantom<T> = { readonly type?: T };
const returns = <T>(): Phantom<T> => ({});

export interface MessageSpec<D, R, S extends string> {
  readonly senders: readonly S[];
  /** Shape check of the data: wrong types are refused, not coerced. */
  readonly data: (value: unknown) => value is D;
  /**
   * For `own-page-content-script`: the address the sender's document was loaded from. Never the key; a
   * page whose reported address no longer leads to the same article is refused.
   */
  loadedFrom?(data: D): string | undefined;
  readonly reply: Phantom<R>;
}

const toBackgroundMessage = <D, R, const S extends BackgroundSender>(spec: MessageSpec<D, R, S>) => spec;
const toTabMessage = <D, R>(spec: Omit<MessageSpec<D, R, TabSender>, 'senders'>): MessageSpec<D, R, TabSender> => ({
  ...spec,
  senders: ['extension'],
});

type Empty = Record<string, never>;
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isEmpty = (value: unknown): value is Empty => isRecord(value);
const hasString =
  <K extends string>(key: K) =>
  (value: unknown): value is Record<K, string> =>
    isRecord(value) && typeof value[key] === 'string';
/** An own-page request: nothing but, optionally, the address the document was loaded from. */
const isOwnPageRequest = (value: unknown): value is { loadedFrom?: string } =>
  isRecord(value) && (value.loadedFrom === undefined || typeof value.loadedFrom === 'string');
const hasBoolean =
  <K extends string>(key: K) =>
  (value: unknown): value is Record<K, boolean> =>
    isRecord(value) && typeof value[key] === 'boolean';

export function isBridgeView(value: unknown): value is BridgeView {
  return (
    isRecord(value) &&
    typeof value.enabled === 'boolean' &&
    typeof value.configured === 'boolean' &&
    typeof value.state === 'string'
  );
}

/** Sent with `browser.runtime.sendMessage`, answered by the background. */
export const toBackground = {
  /** Is the page the sender shows already saved? */
  getPageState: toBackgroundMessage({
    senders: ['own-page-content-script'],
    data: isOwnPageRequest,
    loadedFrom: (data) => data.loadedFrom,
    reply: returns<SavedState | null>(),
  }),
  /** The loader found a prompt or a switch to show: inject the page's UI into the sender's frame. */
  loadPageUi: toBackgroundMessage({ senders: ['cdt-page-content-script'], data: isEmpty, reply: returns<boolean>() }),
  /** Load the capture script into the sender's frame and save its page (a trusted click, or saveNow). */
  capturePage: toBackgroundMessage({ senders: ['page-content-script'], data: isEmpty, reply: returns<SaveResult>() }),
  /** Keep this article: the sender's page, under its own address (the page's claims are not the key). Sent by the capture script. */
  saveArticle: toBackgroundMessage({
    senders: ['own-page-content-script'],
    data: isSaveRequest,
    loadedFrom: (data) => data.loadedFrom,
    reply: returns<SaveResult>(),
  }),
  /** Open the reader on the saved copy of the sender's page. */
  openReader: toBackgroundMessage({
    senders: ['own-page-content-script'],
    data: isOwnPageRequest,
    loadedFrom: (data) => data.loadedFrom,
    reply: returns<boolean>(),
  }),
  /** The popup's "Save this page": save the active tab. */
  saveActiveTab: toBackgroundMessage({ senders: ['extension-page'], data: isEmpty, reply: returns<SaveResult>() }),
  /** The bridge switch's state (no configuration). */
  getBridgeView: toBackgroundMessage({
    senders: ['extension-page', 'cdt-page-content-script'],
    data: isEmpty,
    reply: returns<BridgeView>(),
  }),
  /** Which bridge and how it did: Coral's own pages only, never a tab. */
  getBridgeStatus: toBackgroundMessage({ senders: ['extension-page'], data: isEmpty, reply: returns<BridgeStatus>() }),
  /** Turn the bridge on or off (the popup, or a trusted click on the on-page switch). */
  setBridgeEnabled: toBackgroundMessage({
    senders: ['extension-page', 'cdt-page-content-script'],
    data: hasBoolean('enabled'),
    reply: returns<BridgeView>(),
  }),
  /** Is the sender's page on CDT or a mirror the user added? Other pages are refused. */
  onCdtSite: toBackgroundMessage({ senders: ['cdt-page-content-script'], data: isEmpty, reply: returns<boolean>() }),
  /** Fetch a page through a bridge and time it: a page could learn the bridge's address from the timing. */
  testBridge: toBackgroundMessage({
    senders: ['extension-page'],
    data: hasString('bridgeId'),
    reply: returns<BridgeTestResult>(),
  }),
};

/** Sent with `browser.tabs.sendMessage`, answered by the tab's content script. */
export const toTab = {
  /** Save the page now (popup button, context menu, shortcut). */
  saveNow: toTabMessage({ data: isEmpty, reply: returns<SaveResult>() }),
  /** The Lantern widget's live state. */
  getVolunteerState: toTabMessage({ data: isEmpty, reply: returns<VolunteerState>() }),
  /** Flip the Lantern widget's own switch (only on the user's click in the popup). */
  setVolunteer: toTabMessage({ data: hasBoolean('on'), reply: returns<VolunteerState>() }),
  /** The bridge's on/off view changed: pushed to CDT tabs, whose switch shows it (never the settings). */
  bridgeViewChanged: toTabMessage({ data: isBridgeView, reply: returns<boolean>() }),
};

export type ToBackground = typeof toBackground;
export type ToTab = typeof toTab;
export type ToBackgroundType = keyof ToBackground;
export type ToTabType = keyof ToTab;

export type DataOf<M> = M extends MessageSpec<infer D, unknown, string> ? D : never;
export type ReplyOf<M> = M extends MessageSpec<unknown, infer R, string> ? R : never;
type SendersOf<M> = M extends MessageSpec<unknown, unknown, infer S> ? S : never;

/** Who the dispatcher let through: for a content script asking about its page, that page and the address. */
export interface Caller {
  sender: Browser.runtime.MessageSender;
}
export interface PageCaller extends Caller {
  /** The page the content script runs on, as the browser reports it. */
  page: string;
  /** The page's article key (utils/shared/article-key.ts), from `page`, never from the page's claims. */
  canonicalUrl: string;
}
type CallerOf<M> = [Exclude<SendersOf<M>, 'own-page-content-script'>] extends [never] ? PageCaller : Caller;

export type Handler<M> = (data: DataOf<M>, caller: CallerOf<M>) => Promise<ReplyOf<M>> | ReplyOf<M>;
export type BackgroundHandlers = { [K in ToBackgroundType]: Handler<ToBackground[K]> };
export type TabHandlers = { [K in ToTabType]: Handler<ToTab[K]> };

/**
 * Why a message was not answered: `unknown-message`, `forbidden` (sender not allowed), `invalid` (data
 * of the wrong shape), or `failed` (the handler threw; `detail` says what happened).
 */
export type MessageErrorCode = 'unknown-message' | 'forbidden' | 'invalid' | 'failed';
export type Envelope = { coral: 1; type: string; data: unknown };
export type Response = { ok: true; value: unknown } | { ok: false; code: MessageErrorCode; detail?: string };

/** A refusal or failure on the other side, by code. Handlers may throw one to refuse with that code. */
export class MessageError extends Error {
  constructor(
    readonly code: MessageErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'MessageError';
  }
}

function unwrap<T>(response: Response | undefined): T {
  if (!response) throw new MessageError('failed', 'No answer from the extension');
  if (!response.ok) throw new MessageError(response.code, response.detail);
  return response.value as T;
}

export async function sendToBackground<K extends ToBackgroundType>(
  type: K,
  data: DataOf<ToBackground[K]>,
): Promise<ReplyOf<ToBackground[K]>> {
  const envelope: Envelope = { coral: 1, type, data };
  return unwrap(await browser.runtime.sendMessage(envelope));
}

export async function sendToTab<K extends ToTabType>(
  tabId: number,
  type: K,
  data: DataOf<ToTab[K]>,
): Promise<ReplyOf<ToTab[K]>> {
  const envelope: Envelope = { coral: 1, type, data };
  return unwrap(await browser.tabs.sendMessage(tabId, envelope));
}

/** Answers one message, or returns undefined for a message that is not Coral's. */
export type Dispatch = (message: unknown, sender: Browser.runtime.MessageSender) => Promise<Response> | undefined;

/**
 * Registers a dispatcher. Answers through `sendResponse` and returns true, which every browser (and
 * fake-browser) honours, rather than returning a Promise.
 */
export function listen(dispatch: Dispatch): () => void {
  const listener = (
    message: unknown,
    sender: Browser.runtime.MessageSender,
    sendResponse: (response: Response) => void,
  ): true | undefined => {
    const answer = dispatch(message, sender);
    if (!answer) return undefined;
    void answer.then(sendResponse);
    return true;
  };
  browser.runtime.onMessage.addListener(listener as never);
  return () => browser.runtime.onMessage.removeListener(listener as never);
}
