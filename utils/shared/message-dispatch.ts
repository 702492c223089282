import type { Browser } from 'wxt/browser';
import { articleKeyOf } from './article-key';
import { errorText } from './error-text';
import {
  type BackgroundHandlers,
  type BackgroundSender,
  type Caller,
  type Dispatch,
  type Envelope,
  MessageError,
  type MessageErrorCode,
  type MessageSpec,
  type PageCaller,
  type Response,
  type TabHandlers,
  type TabSender,
  toBackground,
  toTab,
} from './messages';
import { contentScriptPage, isCdtPage, isExtensionPage } from './sender-check';

// The one place that decides who may send what. Handlers run only for a sender the message's table
// entry allows and data of the declared shape, so none of them checks senders itself.

type Sender = Browser.runtime.MessageSender;
type Spec = MessageSpec<unknown, unknown, string>;
type AnyHandler = (data: unknown, caller: Caller) => unknown;
/** The caller for `sender` under one sender kind, or null when the sender is not of that kind. */
type Admit = (kind: string, spec: Spec, data: unknown, sender: Sender) => Promise<Caller | null> | Caller | null;

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Envelope).coral === 1;
}

const refuse = (code: MessageErrorCode): Response => ({ ok: false, code });
const failure = (error: unknown): Response => ({ ok: false, code: 'failed', detail: errorText(error) });

/** The table entry and handler for a message type; own keys only, so "toString" or "__proto__" find nothing. */
function lookup(table: Record<string, Spec>, handlers: Record<string, unknown>, type: unknown) {
  if (typeof type !== 'string' || !Object.hasOwn(table, type) || !Object.hasOwn(handlers, type)) return null;
  const spec = table[type];
  const handler = handlers[type];
  return spec && typeof handler === 'function' ? { spec, handler: handler as AnyHandler } : null;
}

/** The caller under the first sender kind that admits `sender`, or null. */
async function firstAdmitted(admit: Admit, spec: Spec, data: unknown, sender: Sender): Promise<Caller | null> {
  for (const kind of spec.senders) {
    const caller = await admit(kind, spec, data, sender);
    if (caller) return caller;
  }
  return null;
}

function dispatcher(table: Record<string, Spec>, handlers: Record<string, unknown>, admit: Admit): Dispatch {
  async function answer({ type, data }: Envelope, sender: Sender): Promise<Response> {
    const found = lookup(table, handlers, type);
    if (!found) return refuse('unknown-message');
    if (!found.spec.data(data)) return refuse('invalid');
    const caller = await firstAdmitted(admit, found.spec, data, sender);
    if (!caller) return refuse('forbidden');
    try {
      return { ok: true, value: await found.handler(data, caller) };
    } catch (error) {
      return error instanceof MessageError ? refuse(error.code) : failure(error);
    }
  }
  // A failure before the handler (reading the mirror list) still gets an answer, never silence.
  return (message, sender) => (isEnvelope(message) ? answer(message, sender).catch(failure) : undefined);
}

export interface BackgroundDispatchDeps {
  /** `browser.runtime.getURL('/')`: the extension's own pages start with it. */
  extensionOrigin: string;
  /** The mirror hosts the user added, which count as CDT. */
  mirrorHosts: () => Promise<readonly string[]>;
  handlers: Partial<BackgroundHandlers>;
}

/**
 * A content script asking about its own page: the caller with that page's article key, derived from the
 * address the browser reports (article-key.ts), so a page can ask about no article but itself and
 * cannot save as another. A page can still move the address the browser reports (history.pushState)
 * without loading that page: when the address its document was loaded from is another article, the
 * page is not answered at all.
 */
function ownPageCaller(spec: Spec, data: unknown, sender: Sender, page: string, mirrors: readonly string[]) {
  const canonicalUrl = articleKeyOf(page, mirrors);
  if (!canonicalUrl) return null;
  const loaded = spec.loadedFrom?.(data);
  if (loaded !== undefined && articleKeyOf(loaded, mirrors) !== canonicalUrl) return null;
  return { sender, page, canonicalUrl } satisfies PageCaller;
}

/** Answers messages to the background, each only from the senders its table entry names. */
export function backgroundDispatcher(deps: BackgroundDispatchDeps): Dispatch {
  const admit = async (kind: string, spec: Spec, data: unknown, sender: Sender): Promise<Caller | null> => {
    if (kind === 'extension-page') return isExtensionPage(sender, deps.extensionOrigin) ? { sender } : null;
    const page = contentScriptPage(sender, deps.extensionOrigin);
    if (!page) return null;
    switch (kind as BackgroundSender) {
      case 'page-content-script':
        return { sender };
      case 'cdt-page-content-script':
        return isCdtPage(page, await deps.mirrorHosts()) ? { sender } : null;
      case 'own-page-content-script':
        return ownPageCaller(spec, data, sender, page, await deps.mirrorHosts());
      default:
        return null;
    }
  };
  return dispatcher(toBackground, deps.handlers, admit);
}

export interface TabDispatchDeps {
  /** `browser.runtime.id` */
  extensionId: string;
  extensionOrigin: string;
  handlers: Partial<TabHandlers>;
}

/**
 * True for the background and the extension's own pages. A tab's content script cannot send tab
 * messages, but the check does not rely on that: anything speaking for a web page is refused.
 */
export function isFromExtension(sender: Sender, extensionId: string, extensionOrigin: string): boolean {
  return sender.id === extensionId && (sender.tab === undefined || isExtensionPage(sender, extensionOrigin));
}

/** Answers messages to a tab's content script: only the extension itself may send them. */
export function tabDispatcher(deps: TabDispatchDeps): Dispatch {
  const admit = (kind: string, _spec: Spec, _data: unknown, sender: Sender): Caller | null =>
    (kind as TabSender) === 'extension' && isFromExtension(sender, deps.extensionId, deps.extensionOrigin)
      ? { sender }
      : null;
  return dispatcher(toTab, deps.handlers, admit);
}
