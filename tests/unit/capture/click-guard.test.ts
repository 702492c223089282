import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  alteredBy,
  createClickGuard,
  type GuardEnvironment,
  hitElsewhere,
  MIN_STABLE_MS,
  overlaidWithoutHits,
  type Rect,
  samplePoints,
} from '../../../utils/capture/click-guard';

// happy-dom lays nothing out: each test says where things are (getBoundingClientRect) and what is on
// top at a point (elementFromPoint); computed styles come from real inline styles.

const BOX: Rect = { left: 100, top: 200, width: 300, height: 80 };

function placeAt(element: Element, rect: Rect) {
  element.getBoundingClientRect = () =>
    ({ ...rect, x: rect.left, y: rect.top, right: rect.left + rect.width, bottom: rect.top + rect.height }) as DOMRect;
}

function styleOf(css: string): CSSStyleDeclaration {
  const element = document.createElement('div');
  element.setAttribute('style', css);
  document.body.append(element);
  return getComputedStyle(element);
}

/** A trusted activation: a mouse click at (x, y), or a keyboard one (detail 0, no pointer). */
function activation({ x = 150, y = 240, keyboard = false, trusted = true } = {}): Event {
  const event = new MouseEvent('click', { clientX: x, clientY: y, detail: keyboard ? 0 : 1 });
  Object.defineProperty(event, 'isTrusted', { value: trusted });
  return event;
}

let host: HTMLElement;
let parent: HTMLElement;
let clock: number;
let onTop: Element | null;

beforeEach(() => {
  clock = 1_000;
  parent = document.createElement('section');
  host = document.createElement('coral-bridge-switch');
  parent.append(host);
  document.body.append(parent);
  placeAt(host, BOX);
  onTop = host;
  document.elementFromPoint = () => onTop;
});

afterEach(() => {
  document.body.innerHTML = '';
});

function environment(overrides: Partial<GuardEnvironment> = {}): GuardEnvironment & { tick(): void } {
  const samplers: Array<() => void> = [];
  return {
    doc: document,
    now: () => clock,
    every: (_ms, sample) => {
      samplers.push(sample);
      return () => samplers.splice(samplers.indexOf(sample), 1);
    },
    tick: () => {
      for (const sample of samplers) sample();
    },
    ...overrides,
  };
}

const guardFor = (env: GuardEnvironment) => createClickGuard({ host, box: () => host }, env);

describe('alteredBy', () => {
  it('accepts what an untouched box looks like, a move and an even enlargement', () => {
    expect(alteredBy(styleOf(''))).toBe(false);
    expect(alteredBy(styleOf('transform: matrix(1, 0, 0, 1, 30, 40)'))).toBe(false);
    expect(alteredBy(styleOf('transform: matrix(1.5, 0, 0, 1.5, 0, 0)'))).toBe(false);
  });

  it.each([
    'opacity: 0',
    'opacity: 0.05',
    'visibility: hidden',
    'filter: opacity(0)',
    'clip-path: inset(50%)',
    'mix-blend-mode: multiply',
    'transform: matrix(0.1, 0, 0, 0.1, 0, 0)',
    'transform: rotate(180deg)',
    'rotate: 180deg',
    'scale: 0.2',
    'display: none',
  ])('refuses %s', (css) => {
    expect(alteredBy(styleOf(css))).toBe(true);
  });
});

describe('hit testing', () => {
  it('spreads points over the part of the box inside the viewport', () => {
    const points = samplePoints(BOX, { width: 1280, height: 900 });
    expect(points).toHaveLength(15);
    for (const { x, y } of points) {
      expect(x).toBeGreaterThan(BOX.left);
      expect(x).toBeLessThan(BOX.left + BOX.width);
      expect(y).toBeGreaterThan(BOX.top);
      expect(y).toBeLessThan(BOX.top + BOX.height);
    }
    expect(samplePoints({ ...BOX, top: 950 }, { width: 1280, height: 900 })).toEqual([]);
  });

  it('finds a cover over any part of the box, even a small one over the label', () => {
    expect(hitElsewhere(document, host, BOX)).toBe(false);
    const cover = document.createElement('div');
    document.elementFromPoint = (x) => (x > 350 ? cover : host);
    expect(hitElsewhere(document, host, BOX)).toBe(true);
  });

  it('finds text laid over the box that lets clicks through, but not page decoration behind it', () => {
    const behind = document.createElement('div');
    behind.style.pointerEvents = 'none';
    parent.before(behind);
    placeAt(behind, BOX);
    expect(overlaidWithoutHits(document, host, BOX)).toBe(false);

    const overlay = document.createElement('div');
    overlay.setAttribute('style', 'position: absolute; pointer-events: none');
    overlay.textContent = 'Continue reading';
    document.body.append(overlay);
    placeAt(overlay, { left: 120, top: 210, width: 100, height: 30 });
    expect(overlaidWithoutHits(document, host, BOX)).toBe(true);
    placeAt(overlay, { left: 600, top: 210, width: 100, height: 30 });
    expect(overlaidWithoutHits(document, host, BOX)).toBe(false);
  });
});

describe('createClickGuard', () => {
  it('ignores clicks made by page scripts', () => {
    const guard = guardFor(environment());
    clock += MIN_STABLE_MS;
    expect(guard.check(activation({ trusted: false }))).toBe('untrusted');
  });

  it('lets a click through once the box has stood still and in view for the minimum time, pointer or keyboard', () => {
    const env = environment();
    const guard = guardFor(env);
    clock += MIN_STABLE_MS - 1;
    expect(guard.check(activation())).toBe('moved');
    clock += 1;
    expect(guard.check(activation())).toBeNull();
    expect(guard.check(activation({ keyboard: true }))).toBeNull();
  });

  it('starts the wait again when the page moves the box under the pointer', () => {
    const env = environment();
    const guard = guardFor(env);
    clock += 2_000;
    env.tick();
    placeAt(host, { ...BOX, top: 400 });
    clock += 50;
    expect(guard.check(activation({ y: 440 }))).toBe('moved');
    clock += MIN_STABLE_MS;
    expect(guard.check(activation({ y: 440 }))).toBeNull();
  });

  it('starts the wait again after the box was hidden, even if it is back by the click', () => {
    const env = environment();
    const guard = guardFor(env);
    clock += 2_000;
    parent.style.opacity = '0';
    env.tick();
    parent.style.opacity = '';
    clock += 100;
    expect(guard.check(activation())).toBe('moved');
  });

  it('refuses while an ancestor is restyled, the box is covered, or the pointer is not over it', () => {
    const guard = guardFor(environment());
    clock += 2_000;
    parent.style.opacity = '0.01';
    expect(guard.check(activation())).toBe('covered');
    parent.style.opacity = '';
    parent.style.transform = 'scale(0.1)';
    expect(guard.check(activation())).toBe('covered');
    parent.style.transform = '';
    clock += 10;
    expect(guard.check(activation())).toBe('moved');
    clock += MIN_STABLE_MS;
    expect(guard.check(activation())).toBeNull();
    document.elementFromPoint = (_x, y) => (y > 250 ? document.body : host);
    expect(guard.check(activation())).toBe('covered');
  });

  it('refuses a box the page moved somewhere else in the document', () => {
    const guard = guardFor(environment());
    clock += 2_000;
    document.body.append(host);
    expect(guard.check(activation())).toBe('covered');
  });

  it('without IntersectionObserver v2, finds text laid over the box that lets clicks through, even once it is gone', () => {
    const env = environment();
    const overlay = document.createElement('div');
    overlay.setAttribute('style', 'position: fixed; pointer-events: none');
    overlay.textContent = 'Continue reading';
    document.body.append(overlay);
    placeAt(overlay, BOX);
    const guard = guardFor(env);
    clock += 2_000;
    env.tick();
    expect(guard.check(activation())).toBe('covered');
    // Gone at the moment of the click (e.g. on :hover): the box was covered until then.
    overlay.remove();
    clock += 100;
    expect(guard.check(activation())).toBe('covered');
    env.tick();
    clock += MIN_STABLE_MS - 1;
    expect(guard.check(activation())).toBe('moved');
    clock += 1;
    expect(guard.check(activation())).toBeNull();
  });

  it('needs IntersectionObserver v2 to agree where the browser has it', () => {
    let report: (visible: boolean) => void = () => {};
    const stop = vi.fn();
    const guard = guardFor(
      environment({
        observeVisibility: (_host, callback) => {
          report = callback;
          return stop;
        },
      }),
    );
    clock += 2_000;
    expect(guard.check(activation())).toBe('covered');
    report(true);
    expect(guard.check(activation())).toBe('moved');
    clock += MIN_STABLE_MS;
    expect(guard.check(activation())).toBeNull();
    report(false);
    expect(guard.check(activation())).toBe('covered');
    guard.stop();
    expect(stop).toHaveBeenCalled();
  });
});
