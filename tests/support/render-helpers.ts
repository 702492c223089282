import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach } from 'vitest';

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

export const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `read` gives something, for UI that settles through storage and messages. */
export async function until<T>(read: () => T | null | undefined | false, ms = 5000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > end) throw new Error('timed out');
    await tick();
  }
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
