import { render } from 'preact';
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi, type ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { type OfferState, SaveOffer } from '../../components/in-page/SaveOffer';
import type { Refusal } from '../../utils/capture/click-guard';
import { detectArticle } from '../../utils/capture/detect';
import { loadedFrom } from '../../utils/capture/loaded-from';
import type { SaveResult } from '../../utils/shared/article';
import { bridgeViewHandlers } from '../../utils/shared/bridge-view';
import { uiLangFor } from '../../utils/shared/i18n';
import { tabDispatcher } from '../../utils/shared/message-dispatch';
import { listen, sendToBackground, type TabHandlers } from '../../utils/shared/messages';
import { mountBridgeSwitch, volunteerHandlers } from './bridge-switch';
import { guardBox } from './guard';
import { QuietContentScriptContext } from './quiet-context';
import { shadowCss } from './shadow-css';
import css from './style.css?inline';

// The background injects this script into tabs that lack it (popup, context menu, shortcut on any
// site); a live earlier copy already answers saveNow, and a second one would show a second prompt.
type CoralWindow = Window & { __coralContent?: ContentScriptContext };

/** Shows the save prompt and the bridge switch, and answers the extension's tab messages. */
export function startPageUi(): void {
  const win = window as CoralWindow;
  if (win.__coralContent && !win.__coralContent.isInvalid) return;
  const ctx = new QuietContentScriptContext('page-ui');
  win.__coralContent = ctx;

  const prompt = createPrompt(ctx);
  // One listener for every tab message, so no two listeners both answer; only the extension may send them.
  const handlers: TabHandlers = {
    saveNow: () => prompt.save(),
    ...volunteerHandlers(document),
    ...bridgeViewHandlers(),
  };
  const dispatch = tabDispatcher({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    handlers,
  });
  ctx.onInvalidated(listen(dispatch));

  // A listing with Lantern's widget: only the bridge switch beside it.
  if (!detectArticle(document, location.href).article) {
    mountBridgeSwitch(ctx);
    return;
  }
  void prompt
    .offer()
    .catch(() => undefined)
    // After the prompt, which is where the switch goes on articles without Lantern's widget.
    .finally(() => mountBridgeSwitch(ctx));
}

/**
 * Reading and saving the page is the capture script's work (entrypoints/capture.ts), which the
 * background loads into this frame only now, so pages that are only looked at never parse it.
 */
function capturePage(): Promise<SaveResult> {
  return sendToBackground('capturePage', {}).catch((): SaveResult => ({ ok: false, error: 'failed' }));
}

/** Under the article's title, so the bar pushes text down instead of covering it. */
function placePrompt(doc: Document, host: Element) {
  const title = doc.querySelector('h1.entry-title') ?? doc.querySelector('article h1') ?? doc.querySelector('h1');
  if (title) {
    title.after(host);
    return;
  }
  (doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body ?? doc.documentElement).prepend(host);
}

/** Resolves once the browser has had a chance to paint, or soon anyway in a hidden tab (no frames). */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(resolve, 0));
    setTimeout(resolve, 100);
  });
}

function createPrompt(ctx: ContentScriptContext) {
  const lang = uiLangFor(document.documentElement.lang);
  let state: OfferState = { kind: 'idle' };
  let ui: Promise<ShadowRootContentScriptUi<void>> | undefined;
  let shown: ShadowRootContentScriptUi<void> | undefined;
  let saving: Promise<SaveResult> | undefined;
  let refusal: Refusal | null = null;
  let guard: ReturnType<typeof guardBox> | undefined;

  const view = () => (
    <SaveOffer
      lang={lang}
      state={state}
      onSave={() => void save()}
      onRead={() => void read()}
      onDismiss={dismiss}
      isTrusted={(event) => guard?.allow(event) ?? false}
      refusal={refusal}
    />
  );

  function draw() {
    if (shown) render(view(), shown.uiContainer);
  }

  function setState(next: OfferState) {
    state = next;
    draw();
  }

  async function show() {
    ui ??= createShadowRootUi(ctx, {
      name: 'coral-save-offer',
      // Closed: the page can neither read, restyle nor relabel what is inside.
      mode: 'closed',
      position: 'inline',
      css: shadowCss(css),
      isolateEvents: true,
      anchor: () => document.documentElement,
      append: (_anchor, host) => placePrompt(document, host),
      onMount: (container, _shadow, host) => {
        guard = guardBox(
          host,
          () => container.firstElementChild ?? host,
          (next) => {
            refusal = next;
            draw();
          },
        );
        render(view(), container);
      },
      onRemove: () => {
        guard?.stop();
        guard = undefined;
        if (shown) render(null, shown.uiContainer);
      },
    });
    const created = await ui;
    if (shown) return;
    created.mount();
    shown = created;
  }

  function dismiss() {
    shown?.remove();
    shown = undefined;
  }

  /**
   * Shows the saved state for an article saved before; leaves the page alone when the check fails. The
   * background answers about the page the browser says this is, never an address the page names, so a
   * page that names another article as its canonical learns nothing about it.
   */
  async function offer() {
    const saved = await sendToBackground('getPageState', { loadedFrom: loadedFrom() }).catch(() => null);
    if (saved && state.kind === 'idle') state = { kind: 'saved', savedAt: saved.savedAt };
    await show();
  }

  function save(): Promise<SaveResult> {
    saving ??= (async () => {
      setState({ kind: 'saving' });
      // The prompt is a courtesy: a page that refuses it must still be saved.
      await show().catch(() => undefined);
      await nextPaint();
      const result = await capturePage();
      setState(
        result.ok
          ? { kind: 'saved', savedAt: result.savedAt, failedImages: result.failedImages }
          : { kind: 'error', code: result.error },
      );
      return result;
    })().finally(() => {
      saving = undefined;
    });
    return saving;
  }

  async function read() {
    const opened = await sendToBackground('openReader', { loadedFrom: loadedFrom() }).catch(() => false);
    // The copy was deleted from the library since: offer to save it again.
    if (!opened) setState({ kind: 'idle' });
  }

  return { offer, save };
}
