// Coral's controls on CDT pages live in the page's own layout, so the page could dress them up as
// something else: make them transparent over a decoy, cover them with a picture of a "Continue
// reading" button, or slide them under the pointer just before a click. A click counts only when the
// user could see Coral's own box, whole and unchanged, for long enough to know what it was.

/** Why a click was refused: the box was covered or altered by the page, or it had only just appeared or moved. */
export type Refusal = 'covered' | 'moved';

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** How long Coral's box must have stood still and in full view before a click counts (pop-under defence). */
export const MIN_STABLE_MS = 500;

const sameRect = (a: Rect, b: Rect) =>
  Math.abs(a.left - b.left) < 1 &&
  Math.abs(a.top - b.top) < 1 &&
  Math.abs(a.width - b.width) < 1 &&
  Math.abs(a.height - b.height) < 1;

const intersects = (a: Rect, b: Rect) =>
  a.left < b.left + b.width && b.left < a.left + a.width && a.top < b.top + b.height && b.top < a.top + a.height;

/** Only a move and an even enlargement leave what the user sees intact: `matrix(s, 0, 0, s, x, y)` with s ≥ 1. */
function harmlessTransform(value: string): boolean {
  if (value === 'none') return true;
  const match = /^matrix\(([^)]*)\)$/.exec(value);
  if (!match) return false;
  const [a = 0, b, c, d] = (match[1] ?? '').split(',').map(Number);
  return b === 0 && c === 0 && a === d && a >= 1;
}

function harmlessScale(value: string): boolean {
  if (value === 'none') return true;
  const factors = value.split(/\s+/).map(Number);
  return factors.every((factor) => factor >= 1 && factor === factors[0]);
}

/** The properties that let a page fade, hide, shrink, bend, clip, recolour or blend what is drawn inside an element. */
export function alteredBy(style: CSSStyleDeclaration): boolean {
  const get = (name: string) => style.getPropertyValue(name).trim();
  if (get('opacity') !== '' && Number(get('opacity')) !== 1) return true;
  if (get('visibility') === 'hidden' || get('visibility') === 'collapse') return true;
  if (get('display') === 'none' || get('content-visibility') === 'hidden') return true;
  const mustBe: Array<[string, string]> = [
    ['filter', 'none'],
    ['clip-path', 'none'],
    ['mask-image', 'none'],
    ['-webkit-mask-image', 'none'],
    ['mix-blend-mode', 'normal'],
    ['rotate', 'none'],
  ];
  if (mustBe.some(([name, harmless]) => get(name) !== '' && get(name) !== harmless)) return true;
  const zoom = get('zoom');
  if (zoom !== '' && zoom !== 'normal' && Number(zoom) < 1) return true;
  if (get('clip') !== '' && get('clip') !== 'auto') return true;
  return !harmlessTransform(get('transform') || 'none') || !harmlessScale(get('scale') || 'none');
}

/** The element a node hangs from, across a shadow root the page may have moved it into. */
function parentOf(node: Element): Element | null {
  if (node.parentElement) return node.parentElement;
  const root = node.parentNode;
  return root && 'host' in root ? (root as ShadowRoot).host : null;
}

/** Whether the host or anything it is drawn inside is styled to change what Coral's box looks like. */
export function anyAncestorAltered(host: Element, win: Window): boolean {
  for (let node: Element | null = host; node; node = parentOf(node)) {
    if (alteredBy(win.getComputedStyle(node))) return true;
  }
  return false;
}

/** Points spread over `rect` (clipped to the viewport), a few pixels in from its edges. */
export function samplePoints(rect: Rect, viewport: { width: number; height: number }, columns = 5, rows = 3) {
  const left = Math.max(rect.left, 0) + 2;
  const top = Math.max(rect.top, 0) + 2;
  const right = Math.min(rect.left + rect.width, viewport.width) - 2;
  const bottom = Math.min(rect.top + rect.height, viewport.height) - 2;
  if (right <= left || bottom <= top) return [];
  const points: Array<{ x: number; y: number }> = [];
  for (let column = 0; column < columns; column++) {
    for (let row = 0; row < rows; row++) {
      points.push({
        x: left + ((right - left) * column) / (columns - 1),
        y: top + ((bottom - top) * row) / (rows - 1),
      });
    }
  }
  return points;
}

/** Whether something the page put on top (that takes clicks) hides part of the box: every point must hit the host. */
export function hitElsewhere(doc: Document, host: Element, rect: Rect): boolean {
  const view = doc.defaultView;
  const points = samplePoints(rect, { width: view?.innerWidth ?? 0, height: view?.innerHeight ?? 0 });
  if (points.length === 0) return true;
  return points.some(({ x, y }) => doc.elementFromPoint(x, y) !== host);
}

/** Whether `element` certainly paints below the host: before it in the document, in flow, no stacking context. */
function paintsBelow(element: Element, host: Element, style: CSSStyleDeclaration): boolean {
  const before = (element.compareDocumentPosition(host) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
  const is = (value: string, plain: string) => value === plain || value === '';
  return before && is(style.position, 'static') && is(style.transform, 'none') && is(style.opacity, '1');
}

/**
 * Whether an element that lets clicks through (`pointer-events: none`) is drawn over the box: text or a
 * picture over Coral's control that hit-testing cannot see. Elements that certainly paint below it are
 * left out, so page decoration behind the box does not count.
 */
export function overlaidWithoutHits(doc: Document, host: Element, rect: Rect): boolean {
  const win = doc.defaultView;
  if (!win) return true;
  return [...elementsUnder(doc.body ?? doc.documentElement)].some((element) => {
    if (element === host || element.contains(host)) return false;
    if (!intersects(element.getBoundingClientRect(), rect)) return false;
    const style = win.getComputedStyle(element);
    if (style.pointerEvents !== 'none' || style.visibility === 'hidden') return false;
    return !paintsBelow(element, host, style);
  });
}

/**
 * Every element under `root`, the page's own shadow trees included where this script may open them
 * (Firefox gives content scripts `openOrClosedShadowRoot`; Chrome's closed roots are IntersectionObserver
 * v2's to judge).
 */
function* elementsUnder(root: Element): Generator<Element> {
  for (const element of root.querySelectorAll('*')) {
    yield element;
    const shadow = (element as Element & { openOrClosedShadowRoot?: ShadowRoot | null }).openOrClosedShadowRoot;
    const inner = shadow ?? element.shadowRoot;
    if (inner) for (const child of inner.children) yield* [child, ...elementsUnder(child)];
  }
}

/** What the guard needs of the page: injected so unit tests can drive time and visibility. */
export interface GuardEnvironment {
  doc: Document;
  now(): number;
  /** Calls back with "is the host drawn unobscured and unaltered" (IntersectionObserver v2), or null without it. */
  observeVisibility?(host: Element, callback: (visible: boolean) => void): (() => void) | null;
  /** Runs `sample` every few frames while the host may be seen. */
  every(ms: number, sample: () => void): () => void;
}

export interface Guarded {
  /** Coral's shadow host, where Coral put it. */
  host: HTMLElement;
  /** The box the user must see whole (inside the closed root), or the host. */
  box(): Element;
}

export interface ClickGuard {
  /** Null when the activation counts; the refusal otherwise. Call it for every click, pointer or keyboard. */
  check(event: Event): Refusal | null | 'untrusted';
  stop(): void;
}

/** What is wrong with the box as it is drawn now, if anything, and where it is. */
export function inspect(target: Guarded, doc: Document): { problem: Refusal | null; rect: Rect } {
  const { host } = target;
  const rect = target.box().getBoundingClientRect();
  const win = doc.defaultView;
  if (!win || !host.isConnected || rect.width < 1 || rect.height < 1) return { problem: 'covered', rect };
  if (anyAncestorAltered(host, win) || hitElsewhere(doc, host, rect)) return { problem: 'covered', rect };
  return { problem: null, rect };
}

/** Where a mouse click landed, or null for a keyboard activation (Enter or Space give a click with no pointer). */
function pointerOf(event: Event): { x: number; y: number } | null {
  const mouse = event as MouseEvent;
  return typeof mouse.detail === 'number' && mouse.detail > 0 ? { x: mouse.clientX, y: mouse.clientY } : null;
}

/**
 * Watches Coral's box from the moment it is placed: the time since it was last moved, covered or
 * altered is what makes a click count. Samples every 100 ms (plus at the click itself). Overlays that
 * let clicks through are the browser's to judge where it offers IntersectionObserver v2; elsewhere
 * this walks the page for them, every 250 ms (a walk costs a millisecond or two on a long page).
 */
export function createClickGuard(target: Guarded, env: GuardEnvironment, minStableMs = MIN_STABLE_MS): ClickGuard {
  const { doc, now } = env;
  const parent = target.host.parentNode;
  let lastRect: Rect | null = null;
  let stableSince: number | null = null;
  let visibleSince: number | null = null;
  const report = (visible: boolean) => {
    visibleSince = visible ? (visibleSince ?? now()) : null;
  };
  const overlaid = () => overlaidWithoutHits(doc, target.host, lastRect ?? target.box().getBoundingClientRect());
  const v2 = env.observeVisibility?.(target.host, report) ?? null;
  const stopVisibility = v2 ?? env.every(250, () => report(!overlaid()));

  function sample(): Refusal | null {
    const moved = target.host.parentNode !== parent;
    const { problem, rect } = inspect(target, doc);
    if (moved || problem) {
      stableSince = null;
    } else if (stableSince === null || !lastRect || !sameRect(rect, lastRect)) {
      stableSince = now();
    }
    lastRect = rect;
    return moved ? 'covered' : problem;
  }
  sample();
  if (!v2) report(!overlaid());
  const stopSampling = env.every(100, sample);

  const heldStill = (since: number | null) => since !== null && now() - since >= minStableMs;

  /** What the click itself shows: the pointer on the host, nothing laid over the box. */
  function clickProblem(event: Event): Refusal | null {
    const pointer = pointerOf(event);
    if (pointer && doc.elementFromPoint(pointer.x, pointer.y) !== target.host) return 'covered';
    return visibleSince === null || overlaid() ? 'covered' : null;
  }

  return {
    check(event) {
      if (!event.isTrusted) return 'untrusted';
      const problem = sample() ?? clickProblem(event);
      if (problem) return problem;
      return heldStill(stableSince) && heldStill(visibleSince) ? null : 'moved';
    },
    stop() {
      stopSampling();
      stopVisibility();
    },
  };
}
