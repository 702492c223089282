import type { VolunteerState } from '../shared/bridge-types';

// The Lantern "Browsers Unbounded" widget in CDT's sidebar lets a visitor outside China relay traffic
// for people inside it. It renders into the page's light DOM: <browsers-unbounded> (older pages:
// <lantern-network>) with a checkbox named browsers-unbounded-connect. Coral only reads it and, when
// the user flips Coral's own "Be a bridge" switch, clicks that checkbox; never on its own.

const WIDGET_SELECTOR = 'browsers-unbounded, lantern-network';
const CHECKBOX_SELECTOR = 'input[type="checkbox"][name="browsers-unbounded-connect"]';
const DIALOG_SELECTOR = '[role="dialog"], [role="alertdialog"], dialog, [aria-modal="true"]';
/** The widget's refusal for visitors inside censored countries, in English and Chinese. */
const REFUSAL = /switch to lantern|not available to users in censored countries|切[换換]到\s*lantern/i;

export interface LanternWidget {
  /** The custom element itself. */
  element: Element;
  /** The sidebar box that holds it (a Divi `.et_pb_widget`), or the element when it stands alone. */
  box: Element;
  /** Missing until Lantern's script has rendered the widget (or when that script is blocked). */
  checkbox: HTMLInputElement | null;
}

function queryWidget<T extends Element>(element: Element, selector: string): T | null {
  // Light DOM today; an open shadow root would not hide it from a later version either.
  return element.querySelector<T>(selector) ?? element.shadowRoot?.querySelector<T>(selector) ?? null;
}

export function findLanternWidget(doc: Document): LanternWidget | null {
  const element = doc.querySelector(WIDGET_SELECTOR);
  if (!element) return null;
  return {
    element,
    box: element.closest('.et_pb_widget') ?? element,
    checkbox: queryWidget<HTMLInputElement>(element, CHECKBOX_SELECTOR),
  };
}

function isShown(element: Element): boolean {
  if (element.closest('[hidden], [aria-hidden="true"]')) return false;
  if (element instanceof HTMLDialogElement && !element.open) return false;
  const style = element.ownerDocument.defaultView?.getComputedStyle(element);
  return style?.display !== 'none' && style?.visibility !== 'hidden';
}

/** Whether the widget's refusal modal shows, wherever it put it (inside itself or as a portal on the page). */
function refusalShown(doc: Document, widget: Element): boolean {
  const candidates = [
    ...Array.from(widget.shadowRoot?.querySelectorAll(DIALOG_SELECTOR) ?? []),
    ...Array.from(doc.querySelectorAll(DIALOG_SELECTOR)),
  ];
  return candidates.some((dialog) => REFUSAL.test(dialog.textContent ?? '') && isShown(dialog));
}

/**
 * What the widget shows now. No checkbox yet counts as absent: there is nothing the user could flip.
 * A disabled checkbox without the refusal is unavailable with an empty reason (the UI says why in
 * general words).
 */
export function readVolunteerState(doc: Document): VolunteerState {
  const widget = findLanternWidget(doc);
  if (!widget) return { kind: 'absent' };
  if (refusalShown(doc, widget.element)) return { kind: 'unavailable', why: 'refused' };
  if (!widget.checkbox) return { kind: 'absent' };
  if (widget.checkbox.disabled) return { kind: 'unavailable', why: 'disabled' };
  return { kind: widget.checkbox.checked ? 'on' : 'off' };
}

function sameState(a: VolunteerState, b: VolunteerState): boolean {
  return a.kind === b.kind && (a.kind !== 'unavailable' || a.why === (b as typeof a).why);
}

/**
 * Calls back whenever the widget's state changes, and only then. `checked` is a property, not an
 * attribute, so besides mutations this listens for the events a flip causes; each burst is read once,
 * after the page's own handlers (a controlled checkbox may be set back) have run.
 */
export function observeVolunteerState(doc: Document, callback: (state: VolunteerState) => void): () => void {
  let last = readVolunteerState(doc);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let watchedWidget: Element | null = null;

  const observer = new MutationObserver(() => schedule());
  const watchWidget = () => {
    const element = findLanternWidget(doc)?.element ?? null;
    if (!element || element === watchedWidget) return;
    watchedWidget = element;
    const options = { attributes: true, childList: true, subtree: true, characterData: true };
    observer.observe(element, options);
    if (element.shadowRoot) observer.observe(element.shadowRoot, options);
  };
  function check() {
    timer = undefined;
    watchWidget();
    const next = readVolunteerState(doc);
    if (sameState(next, last)) return;
    last = next;
    callback(next);
  }
  function schedule() {
    timer ??= setTimeout(check, 0);
  }

  // Only the page's structure: the widget appears late (Lantern's script) and its modal may be a portal.
  observer.observe(doc.body ?? doc.documentElement, { childList: true, subtree: true });
  watchWidget();
  const events = ['change', 'click', 'input'] as const;
  for (const type of events) doc.addEventListener(type, schedule, true);

  return () => {
    observer.disconnect();
    for (const type of events) doc.removeEventListener(type, schedule, true);
    if (timer !== undefined) clearTimeout(timer);
  };
}

/**
 * Flips the widget's own checkbox when it differs from `on`; Lantern's script does the rest, exactly
 * as if the user had clicked it. Returns the state right after the click.
 */
export function setVolunteer(doc: Document, on: boolean): VolunteerState {
  const state = readVolunteerState(doc);
  if (state.kind !== 'on' && state.kind !== 'off') return state;
  if ((state.kind === 'on') !== on) findLanternWidget(doc)?.checkbox?.click();
  return readVolunteerState(doc);
}
