// The one way the browser tests find, read and click Coral's controls on web pages. Those live in CLOSED
// shadow roots, which the page (and so Playwright's and puppeteer's page-side selectors) cannot open;
// the test drivers reach them from outside the page instead: Chromium's DevTools protocol (DOM.getDocument
// with pierce) and Firefox's WebDriver BiDi (a located host reports its shadow root, closed or not).
// Clicks are real input at the control's centre, after it has stood still as long as Coral asks of a
// user (utils/capture/click-guard.ts); state is read as a user could: aria-checked, labels, the text
// Coral shows inside its box. Nothing here needs a hook in the shipped extension.
import type { CDPSession, Page as ChromiumPage } from 'playwright-core';
import type { ElementHandle, Page as FirefoxPage } from 'puppeteer-core';
import { waitFor } from './browsers.ts';

/** Coral's two boxes on pages: the save prompt and the bridge switch. */
export type CoralBox = 'coral-save-offer' | 'coral-bridge-switch';

/** A control inside a box, found by CSS inside the closed root and by its visible name. */
export interface ControlQuery {
  box: CoralBox;
  /** e.g. '[role="switch"]' or 'button' */
  selector: string;
  name?: RegExp;
}

export interface ControlState {
  name: string;
  /** aria-checked, for a switch */
  checked: string | null;
  busy: boolean;
  disabled: boolean;
  /** The centre of the control in the viewport, where a user would click. */
  x: number;
  y: number;
}

type RootFunction<T, A extends unknown[]> = (root: ShadowRoot, ...args: A) => T;

/** What the tests need of a browser: run a function on a box's closed root, and click like a user. */
export interface OnPage {
  inRoot<T, A extends unknown[]>(box: CoralBox, fn: RootFunction<T, A>, ...args: A): Promise<T | null>;
  mouseClick(x: number, y: number): Promise<void>;
}

/** Chromium through Playwright: the DevTools protocol's pierced DOM reaches closed roots. */
export function chromiumOnPage(page: ChromiumPage): OnPage {
  let session: Promise<CDPSession> | undefined;
  const cdp = () => {
    session ??= page.context().newCDPSession(page);
    return session;
  };
  type Node = { nodeName: string; backendNodeId: number; children?: Node[]; shadowRoots?: Node[] };
  const findHost = (node: Node, name: string): Node | undefined => {
    if (node.nodeName.toLowerCase() === name) return node;
    for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? [])]) {
      const found = findHost(child, name);
      if (found) return found;
    }
    return undefined;
  };
  return {
    async inRoot(box, fn, ...args) {
      const client = await cdp();
      const { root } = (await client.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: Node };
      const shadow = findHost(root, box)?.shadowRoots?.[0];
      if (!shadow) return null;
      const { object } = await client.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
      const { result, exceptionDetails } = await client.send('Runtime.callFunctionOn', {
        objectId: object.objectId,
        functionDeclaration: `function (...args) { return (${String(fn)})(this, ...args); }`,
        arguments: args.map((value) => ({ value })),
        returnByValue: true,
      });
      if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
      return result.value;
    },
    mouseClick: (x, y) => page.mouse.click(x, y),
  };
}

type BidiNode = { type: 'node'; sharedId: string; value?: { shadowRoot?: BidiNode | null } };
type Locating = {
  browsingContext: { locateNodes(locator: object, start?: BidiNode[]): Promise<BidiNode[]> };
};

/** Firefox through puppeteer: WebDriver BiDi reports a located host's shadow root, closed ones too. */
export function firefoxOnPage(page: FirefoxPage): OnPage {
  const frame = page.mainFrame() as unknown as Locating;
  return {
    async inRoot(box, fn, ...args) {
      const [host] = await frame.browsingContext.locateNodes({ type: 'css', value: box });
      const shadow = host?.value?.shadowRoot;
      if (!shadow) return null;
      // An element handle for the root: any handle's class can wrap a node the protocol returned.
      const anyHandle = (await page.$('html')) as unknown as ElementHandle & {
        realm: unknown;
        constructor: { from(node: BidiNode, realm: unknown): ElementHandle };
      };
      const root = anyHandle.constructor.from(shadow, anyHandle.realm);
      return (await root.evaluate(fn as never, ...(args as unknown as never[]))) as never;
    },
    mouseClick: (x, y) => page.mouse.click(x, y),
  };
}

function readControl(root: ShadowRoot, selector: string, pattern: string | null, flags: string) {
  const name = (element: Element) => `${element.textContent ?? ''} ${element.getAttribute('aria-label') ?? ''}`.trim();
  const wanted = pattern === null ? null : new RegExp(pattern, flags);
  const control = [...root.querySelectorAll(selector)].find((element) => !wanted || wanted.test(name(element)));
  if (!control) return null;
  const rect = control.getBoundingClientRect();
  return {
    name: name(control),
    checked: control.getAttribute('aria-checked'),
    busy: control.getAttribute('aria-busy') === 'true',
    disabled: control.getAttribute('aria-disabled') === 'true',
    x: rect.left + rect.width / 2,
    y: rect.top + rect.height / 2,
  };
}

/** The control's state now, or null when it is not there. */
export function controlState(on: OnPage, query: ControlQuery): Promise<ControlState | null> {
  return on.inRoot(query.box, readControl, query.selector, query.name?.source ?? null, query.name?.flags ?? '');
}

/** Waits for the control (and, with `ready`, for it to be in that state). */
export function waitForControl(
  on: OnPage,
  query: ControlQuery,
  ready: (state: ControlState) => boolean = () => true,
  timeout = 15_000,
): Promise<ControlState> {
  return waitFor(
    async () => {
      const state = await controlState(on, query);
      return state && ready(state) ? state : null;
    },
    `Coral's ${query.selector} ${query.name ?? ''} in ${query.box}`,
    { timeout },
  );
}

/** All text Coral shows in a box (empty when the box is not there). */
export async function boxText(on: OnPage, box: CoralBox): Promise<string> {
  return (await on.inRoot(box, (root) => root.textContent ?? '')) ?? '';
}

/** What Coral says inside the box about an ignored click ('' when it ignored none). */
export async function refusalText(on: OnPage, box: CoralBox): Promise<string> {
  return (await on.inRoot(box, (root) => root.querySelector('.refused')?.textContent ?? '')) ?? '';
}

/** Brings the control into view and waits until it has stood still for `ms` (Coral ignores clicks sooner). */
async function settle(on: OnPage, query: ControlQuery, ms: number): Promise<ControlState> {
  await on.inRoot(
    query.box,
    (root, selector) => root.querySelector(selector)?.scrollIntoView({ block: 'center' }),
    query.selector,
  );
  return waitUntilStill(on, query, ms);
}

/** Waits until the control has stood still where it is for `ms`, without scrolling. */
export function waitUntilStill(on: OnPage, query: ControlQuery, ms: number): Promise<ControlState> {
  let last: ControlState | null = null;
  let since = Date.now();
  return waitFor(async () => {
    const state = await controlState(on, query);
    if (!state || !last || state.x !== last.x || state.y !== last.y) since = Date.now();
    last = state;
    return state && Date.now() - since >= ms ? state : null;
  }, `Coral's ${query.selector} to stand still`);
}

/**
 * The refusal note after a click. A note left by an earlier click (a decoy's, say) is not this click's
 * answer: the box re-renders a moment after the click, clearing it when the click counts, so wait for
 * the note to change; one that stays the same is the same refusal again.
 */
async function answerTo(on: OnPage, box: CoralBox, earlier: string): Promise<string> {
  if (!earlier) return refusalText(on, box);
  try {
    const changed = await waitFor(
      async () => {
        const now = await refusalText(on, box);
        return now === earlier ? null : { now };
      },
      'the box to answer the click',
      { timeout: 2_000 },
    );
    return changed.now;
  } catch {
    return earlier;
  }
}

/**
 * Clicks the control as a user would: in view, after it stood still, real input at its centre. Coral
 * may still find the click too early on a busy machine ("had only just appeared or moved"): then it
 * waits again and clicks once more, as a user would.
 */
export async function clickControl(on: OnPage, query: ControlQuery): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const { x, y } = await settle(on, query, 700);
    const earlier = await refusalText(on, query.box);
    await on.mouseClick(x, y);
    const refused = await answerTo(on, query.box, earlier);
    if (!/just appeared or moved|刚刚出现或移动过|剛剛出現或移動過/.test(refused)) {
      if (refused) throw new Error(`Coral ignored the click on ${query.box}: ${refused}`);
      return;
    }
  }
  throw new Error(`Coral kept finding ${query.box} just moved`);
}

export const BRIDGE_SWITCH: ControlQuery = { box: 'coral-bridge-switch', selector: '[role="switch"]' };
export const saveButton = (name: RegExp): ControlQuery => ({ box: 'coral-save-offer', selector: 'button', name });
