import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { BridgeSwitch } from '../../components/shared/BridgeSwitch';
import css from '../../components/shared/bridge-switch.css?inline';
import {
  findLanternWidget,
  observeVolunteerState,
  readVolunteerState,
  setVolunteer,
} from '../../utils/capture/lantern-widget';
import type { BridgeView, VolunteerState } from '../../utils/shared/bridge-types';
import { requestBridgeEnabled, watchBridgeView } from '../../utils/shared/bridge-view';
import { bridgeStatusText, t, uiLangFor } from '../../utils/shared/i18n';
import { sendToBackground, type TabHandlers } from '../../utils/shared/messages';
import { shadowCss } from './shadow-css';

/** The save prompt's host element (createShadowRootUi names it after the UI). */
const SAVE_PROMPT_HOST = 'coral-save-offer';

/**
 * Where the on-page switch goes: right after the sidebar box of Lantern's widget, so the two ways of
 * "bridging" sit together; on a page without the widget, right after the save prompt. Elsewhere (lists
 * without the widget, pages the prompt was not shown on) there is no switch: the popup has one.
 */
function switchAnchor(doc: Document): Element | null {
  return findLanternWidget(doc)?.box ?? doc.querySelector(SAVE_PROMPT_HOST);
}

/**
 * Adds the "Use a bridge" switch to the page. It follows the background's view live (every open tab
 * shows the same state) and speaks the page's language. Call once the save prompt had its chance to
 * appear.
 */
export function mountBridgeSwitch(ctx: ContentScriptContext, doc: Document = document): void {
  const anchor = switchAnchor(doc);
  if (!anchor || doc.querySelector('coral-bridge-switch')) return;
  const lang = uiLangFor(doc.documentElement.lang);
  let view: BridgeView | null | undefined;
  let busy = false;
  let container: HTMLElement | undefined;

  const toggle = (enabled: boolean) => {
    busy = true;
    draw();
    requestBridgeEnabled(enabled)
      .then(
        (next) => {
          view = next;
        },
        () => {
          view = null;
        },
      )
      .finally(() => {
        busy = false;
        draw();
      });
  };

  function draw() {
    if (!container) return;
    render(
      <div class="bridge-box" lang={lang}>
        <span class="brand">{t(lang, 'brand')}</span>
        <BridgeSwitch
          view={view}
          label={t(lang, 'useBridge')}
          status={view === undefined ? '' : bridgeStatusText(lang, view)}
          busy={busy}
          onToggle={toggle}
        />
        <p class="hint">{t(lang, 'bridgeHint')}</p>
      </div>,
      container,
    );
  }

  const stopWatching = watchBridgeView((next) => {
    view = next;
    draw();
  }, doc);
  ctx.onInvalidated(stopWatching);

  void createShadowRootUi(ctx, {
    name: 'coral-bridge-switch',
    mode: 'open',
    position: 'inline',
    css: shadowCss(css),
    isolateEvents: true,
    anchor: () => anchor,
    append: 'after',
    onMount: (mounted) => {
      container = mounted;
      draw();
    },
    onRemove: () => {
      if (container) render(null, container);
      container = undefined;
    },
  }).then((ui) => ui.mount());
}

/** Resolves at the widget's next change (e.g. its refusal modal after a click), or after `ms`. */
function nextVolunteerChange(doc: Document, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const stop = observeVolunteerState(doc, () => done());
    const timer = setTimeout(() => done(), ms);
    function done() {
      clearTimeout(timer);
      stop();
      resolve();
    }
  });
}

/** CDT or a mirror the user added: the only sites whose Lantern widget the popup may mirror. */
function onCdtSite(): Promise<boolean> {
  return sendToBackground('onCdtSite', {}).catch(() => false);
}

/**
 * The popup's questions about Lantern's widget. The dispatcher lets only the extension itself send tab
 * messages, and the popup sends setVolunteer only when the user flips its "Be a bridge" switch. This script is also
 * injected into any site the user saves; there a "widget" is the page's own work, and its words must not
 * appear in Coral's popup as if Lantern had said them, so other sites have no widget.
 */
export function volunteerHandlers(
  doc: Document = document,
  onCdt: () => Promise<boolean> = onCdtSite,
): Pick<TabHandlers, 'getVolunteerState' | 'setVolunteer'> {
  const absent: VolunteerState = { kind: 'absent' };
  return {
    getVolunteerState: async () => ((await onCdt()) ? readVolunteerState(doc) : absent),
    setVolunteer: async ({ on }): Promise<VolunteerState> => {
      if (!(await onCdt())) return absent;
      const before = readVolunteerState(doc);
      const after = setVolunteer(doc, on);
      if (after.kind !== before.kind) await nextVolunteerChange(doc, 300);
      return readVolunteerState(doc);
    },
  };
}
