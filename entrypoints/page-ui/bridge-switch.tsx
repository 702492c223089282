import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import { RefusalNote } from '../../components/in-page/RefusalNote';
import { BridgeSwitch } from '../../components/shared/BridgeSwitch';
import css from '../../components/shared/bridge-switch.css?inline';
import type { Refusal } from '../../utils/capture/click-guard';
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
import { guardBox } from './guard';
import { shadowCss } from './shadow-css';

/** The save prompt's host element (createShadowRootUi names it after the UI). */
const SAVE_PROMPT_HOST = 'coral-save-offer';

/**
 * Where the on-page switch goes: right before the sidebar box of Lantern's widget, never under it.
 * Lantern's text there says "toggle the switch below to be a bridge" (help others), the opposite of
 * Coral's "use a bridge" (get past the block yourself); where Lantern's own switch is blocked or
 * refused, a switch of Coral's below that text would read as the one it describes. On a page without
 * the widget, right after the save prompt. Elsewhere there is no switch: the popup has one.
 */
function switchPlace(doc: Document): { anchor: Element; append: 'before' | 'after' } | null {
  const lantern = findLanternWidget(doc)?.box;
  if (lantern) return { anchor: lantern, append: 'before' };
  const prompt = doc.querySelector(SAVE_PROMPT_HOST);
  return prompt ? { anchor: prompt, append: 'after' } : null;
}

/**
 * Adds Coral's "Use a bridge to reach CDT" box to the page. It follows the background's view live
 * (every open tab shows the same state) and speaks the page's language. Call once the save prompt had
 * its chance to appear. The box is a closed shadow root the page cannot read or restyle, and a click
 * counts only when the guard saw the box whole and unchanged (utils/capture/click-guard.ts).
 */
export function mountBridgeSwitch(ctx: ContentScriptContext, doc: Document = document): void {
  const place = switchPlace(doc);
  if (!place || doc.querySelector('coral-bridge-switch')) return;
  const lang = uiLangFor(doc.documentElement.lang);
  let view: BridgeView | null | undefined;
  let busy = false;
  let refusal: Refusal | null = null;
  let container: HTMLElement | undefined;
  let guard: ReturnType<typeof guardBox> | undefined;

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

  const allow = (event: Event) => guard?.allow(event) ?? false;

  function draw() {
    if (!container) return;
    render(
      <div class="coral-box bridge-box" lang={lang}>
        <p class="bridge-heading">
          <span class="brand">{t(lang, 'brand')}</span> <span>{t(lang, 'bridgeHeading')}</span>
        </p>
        <BridgeSwitch
          view={view}
          label={t(lang, 'useBridge')}
          status={view === undefined ? '' : bridgeStatusText(lang, view)}
          busy={busy}
          onToggle={toggle}
          isTrusted={allow}
        />
        <p class="hint">{t(lang, 'bridgeHint')}</p>
        <RefusalNote lang={lang} refusal={refusal} />
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
    mode: 'closed',
    position: 'inline',
    css: shadowCss(css),
    isolateEvents: true,
    anchor: () => place.anchor,
    append: place.append,
    onMount: (mounted, _shadow, host) => {
      container = mounted;
      guard = guardBox(
        host,
        () => mounted.firstElementChild ?? host,
        (next) => {
          refusal = next;
          draw();
        },
      );
      draw();
    },
    onRemove: () => {
      guard?.stop();
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
