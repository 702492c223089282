import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { onMessages } from '../../../utils/shared/messages';

type Listener = (message: unknown, sender: object, sendResponse: (response: unknown) => void) => true | undefined;

function listen(handlers: Parameters<typeof onMessages>[0]): Listener {
  const add = vi.spyOn(browser.runtime.onMessage, 'addListener');
  onMessages(handlers);
  const listener = add.mock.calls.at(-1)?.[0] as unknown as Listener;
  add.mockRestore();
  return listener;
}

describe('onMessages', () => {
  it('answers a known type through sendResponse', async () => {
    const listener = listen({ getBridgeView: () => ({ enabled: false, configured: false, state: 'off' }) });
    const response = new Promise((resolve) => {
      expect(listener({ coral: 1, type: 'getBridgeView', data: {} }, {}, resolve)).toBe(true);
    });
    expect(await response).toEqual({ ok: true, value: { enabled: false, configured: false, state: 'off' } });
  });

  it('leaves junk types unanswered, including the names Object.prototype carries', () => {
    const listener = listen({ getBridgeView: () => ({ enabled: false, configured: false, state: 'off' }) });
    const sendResponse = vi.fn();
    for (const type of ['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf', 42, null, 'nope']) {
      expect(listener({ coral: 1, type, data: {} }, {}, sendResponse)).toBeUndefined();
    }
    expect(listener({ type: 'getBridgeView' }, {}, sendResponse)).toBeUndefined();
    expect(sendResponse).not.toHaveBeenCalled();
  });
});
