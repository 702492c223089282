import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, vi } from 'vitest';

/**
 * Gives each test of the file a fresh element in the document, and unmounts and removes it afterwards so
 * no component's listeners or timers outlive its test. Call at the top level; returns the current element.
 */
export function renderTarget(): () => HTMLElement {
  let target: HTMLElement | undefined;
  beforeEach(() => {
    target = document.createElement('div');
    document.body.append(target);
  });
  afterEach(() => {
    const done = target;
    target = undefined;
    if (!done) return;
    act(() => render(null, done));
    done.remove();
  });
  return () => {
    if (!target) throw new Error('renderTarget() is only there while a test runs');
    return target;
  };
}

/**
 * Waits until `read` gives something, for UI that settles through storage and messages: vi.waitFor, so
 * it polls (and advances fake timers when a test uses them) and fails with the timeout, never sleeps.
 */
export function until<T>(read: () => T | null | undefined | false, timeout = 5000): Promise<T> {
  return vi.waitFor(
    () => {
      const value = read();
      if (!value) throw new Error('the awaited condition did not hold');
      return value;
    },
    { timeout, interval: 10 },
  );
}

/** A click as a page script would make it: happy-dom, like browsers, marks script-made events untrusted. */
export function scriptClick(target: Element) {
  target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
}

/** A click the browser reports as the user's. */
export function userClick(target: Element) {
  const event = new MouseEvent('click', { bubbles: true });
  Object.defineProperty(event, 'isTrusted', { value: true });
  target.dispatchEvent(event);
}
