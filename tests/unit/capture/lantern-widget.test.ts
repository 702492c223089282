import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  findLanternWidget,
  observeVolunteerState,
  readVolunteerState,
  setVolunteer,
} from '../../../utils/capture/lantern-widget';
import type { VolunteerState } from '../../../utils/shared/bridge-types';

/**
 * Parses a fixture and runs its inline widget simulation (the stand-in for Lantern's script) against the
 * parsed document, so the page reacts to clicks the way the live widget does.
 */
function load(path: string): Document {
  // The stylesheets are of no interest, and happy-dom complains loudly that it cannot load them.
  const html = readFileSync(`tests/fixtures/${path}`, 'utf8').replace(/<link [^>]*rel="stylesheet"[^>]*>/g, '');
  const doc = new DOMParser().parseFromString(html, 'text/html');
  for (const script of Array.from(doc.querySelectorAll('script:not([src])'))) {
    const code = script.textContent ?? '';
    if (code.includes('browsers-unbounded-connect')) new Function('document', code)(doc);
  }
  return doc;
}

const checkbox = (doc: Document) =>
  doc.querySelector<HTMLInputElement>('input[name="browsers-unbounded-connect"]') as HTMLInputElement;
/**
 * Runs every pending timer (the observer's zero-delay check, the widget's own) under fake timers, with the
 * mutation records delivered in between, until none is left: whatever the click led to has happened.
 */
const settle = () => vi.runAllTimersAsync();

let stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops) stop();
  stops = [];
});

function observe(doc: Document) {
  const seen: VolunteerState[] = [];
  stops.push(observeVolunteerState(doc, (state) => seen.push(state)));
  return seen;
}

describe('findLanternWidget', () => {
  it('finds the element, its sidebar box and its checkbox', () => {
    const doc = load('variants/lantern-widget-off.html');
    const widget = findLanternWidget(doc);
    expect(widget?.element.localName).toBe('browsers-unbounded');
    expect(widget?.box.id).toBe('custom_html-7');
    expect(widget?.checkbox).toBe(checkbox(doc));
  });

  it('finds the older <lantern-network> element', () => {
    const widget = findLanternWidget(load('variants/lantern-network-old.html'));
    expect(widget?.element.localName).toBe('lantern-network');
    expect(widget?.box.classList.contains('et_pb_widget')).toBe(true);
    expect(widget?.checkbox?.name).toBe('browsers-unbounded-connect');
  });
});

describe('readVolunteerState', () => {
  it.each([
    ['variants/lantern-widget-off.html', 'off'],
    ['variants/lantern-widget-on.html', 'on'],
    ['variants/lantern-network-old.html', 'off'],
    ['variants/lantern-refused.html', 'off'],
  ])('%s → %s', (path, kind) => {
    expect(readVolunteerState(load(path))).toEqual({ kind });
  });

  it('is absent on a page without the widget', () => {
    expect(readVolunteerState(load('variants/no-jsonld-article.html'))).toEqual({ kind: 'absent' });
  });

  it('is absent while the widget has not rendered (its script not loaded or blocked)', () => {
    expect(readVolunteerState(load('cdt/cdt-en-article.html'))).toEqual({ kind: 'absent' });
  });

  it('ignores the page’s other dialogs (the "Welcome back!" pop-up)', () => {
    const doc = load('variants/lantern-widget-off.html');
    expect(doc.querySelector('[role="dialog"]')?.textContent).toContain('Welcome back');
    expect(readVolunteerState(doc)).toEqual({ kind: 'off' });
  });

  it('is unavailable with a disabled checkbox', () => {
    const doc = load('variants/lantern-widget-off.html');
    checkbox(doc).disabled = true;
    expect(readVolunteerState(doc)).toEqual({ kind: 'unavailable', why: 'disabled' });
  });
});

describe('observeVolunteerState', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports a flip of the widget’s checkbox once', async () => {
    const doc = load('variants/lantern-widget-off.html');
    const seen = observe(doc);
    checkbox(doc).click();
    await settle();
    expect(seen).toEqual([{ kind: 'on' }]);
    // The simulated widget updated its own label too: proof the click reached the page's handlers.
    expect(doc.querySelector('[data-bu-status]')?.textContent).toBe('Connected: you are a bridge');
    checkbox(doc).click();
    await settle();
    expect(seen).toEqual([{ kind: 'on' }, { kind: 'off' }]);
  });

  it('reports the refusal modal as a refusal, never with the page’s words', async () => {
    const doc = load('variants/lantern-refused.html');
    const seen = observe(doc);
    checkbox(doc).click();
    await settle();
    expect(checkbox(doc).checked).toBe(false);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual({ kind: 'unavailable', why: 'refused' });
  });

  it('recognises the Chinese refusal', async () => {
    const doc = load('variants/lantern-refused-zh.html');
    checkbox(doc).click();
    const state = readVolunteerState(doc);
    expect(state).toEqual({ kind: 'unavailable', why: 'refused' });
  });

  it('notices the widget rendering after Coral started watching', async () => {
    const doc = load('cdt/cdt-en-article.html');
    const seen = observe(doc);
    const rendered = load('variants/lantern-widget-on.html').querySelector('browsers-unbounded') as Element;
    doc.querySelector('browsers-unbounded')?.replaceWith(doc.importNode(rendered, true));
    await settle();
    expect(seen).toEqual([{ kind: 'on' }]);
  });

  it('stops when asked', async () => {
    const doc = load('variants/lantern-widget-off.html');
    const callback = vi.fn();
    observeVolunteerState(doc, callback)();
    checkbox(doc).click();
    await settle();
    expect(callback).not.toHaveBeenCalled();
  });
});

describe('setVolunteer', () => {
  it('clicks the checkbox only when its state differs', () => {
    const doc = load('variants/lantern-widget-off.html');
    const clicks = vi.fn();
    checkbox(doc).addEventListener('click', clicks);
    expect(setVolunteer(doc, false)).toEqual({ kind: 'off' });
    expect(clicks).not.toHaveBeenCalled();
    expect(setVolunteer(doc, true)).toEqual({ kind: 'on' });
    expect(clicks).toHaveBeenCalledTimes(1);
    expect(setVolunteer(doc, true)).toEqual({ kind: 'on' });
    expect(clicks).toHaveBeenCalledTimes(1);
    expect(setVolunteer(doc, false)).toEqual({ kind: 'off' });
    expect(clicks).toHaveBeenCalledTimes(2);
  });

  it('turns the older widget on too', () => {
    const doc = load('variants/lantern-network-old.html');
    expect(setVolunteer(doc, true)).toEqual({ kind: 'on' });
    expect(doc.querySelector('[data-bu-status]')?.textContent).toBe('已连接：你正在作为桥');
  });

  it('reports the refusal when the widget will not start', () => {
    const state = setVolunteer(load('variants/lantern-refused.html'), true);
    expect(state.kind).toBe('unavailable');
  });

  it('does nothing without a widget or when it is unavailable', () => {
    expect(setVolunteer(load('variants/no-jsonld-article.html'), true)).toEqual({ kind: 'absent' });
    const doc = load('variants/lantern-widget-off.html');
    checkbox(doc).disabled = true;
    const clicks = vi.fn();
    checkbox(doc).addEventListener('click', clicks);
    expect(setVolunteer(doc, true).kind).toBe('unavailable');
    expect(clicks).not.toHaveBeenCalled();
  });
});
