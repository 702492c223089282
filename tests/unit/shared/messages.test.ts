import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BridgeView } from '../../../utils/shared/bridge-types';
import { backgroundDispatcher } from '../../../utils/shared/message-dispatch';
import { listen, MessageError, sendToBackground, sendToTab } from '../../../utils/shared/messages';
import { EXTENSION_ORIGIN, senders, serveAs } from '../../support/messaging';

const VIEW: BridgeView = { enabled: false, configured: false, state: 'off' };
const stops: Array<() => void> = [];
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function serve(
  sender: Parameters<typeof serveAs>[0],
  handlers: Parameters<typeof backgroundDispatcher>[0]['handlers'],
) {
  const dispatch = backgroundDispatcher({ extensionOrigin: EXTENSION_ORIGIN, mirrorHosts: async () => [], handlers });
  stops.push(serveAs(sender, dispatch));
}

const rejection = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: unknown) => error,
  );

describe('listen and send', () => {
  it('answers a known type through sendResponse', async () => {
    serve(senders.extensionPage(), { getBridgeView: () => VIEW });
    expect(await sendToBackground('getBridgeView', {})).toEqual(VIEW);
  });

  it('turns a refusal into a MessageError carrying its code', async () => {
    const setBridgeEnabled = vi.fn(() => VIEW);
    serve(senders.contentScript('https://evil.test/'), { getBridgeView: () => VIEW, setBridgeEnabled });
    const error = await rejection(sendToBackground('setBridgeEnabled', { enabled: true }));
    expect(error).toBeInstanceOf(MessageError);
    expect((error as MessageError).code).toBe('forbidden');
    expect(setBridgeEnabled).not.toHaveBeenCalled();
  });

  it('passes a handler’s failure on with its text', async () => {
    serve(senders.extensionPage(), {
      getBridgeView: () => {
        throw new Error('Database is closed');
      },
    });
    const error = await rejection(sendToBackground('getBridgeView', {}));
    expect(error).toMatchObject({ code: 'failed', message: 'Database is closed' });
  });

  it('leaves messages that are not Coral’s unanswered', () => {
    const add = vi.spyOn(browser.runtime.onMessage, 'addListener');
    stops.push(
      listen(backgroundDispatcher({ extensionOrigin: EXTENSION_ORIGIN, mirrorHosts: async () => [], handlers: {} })),
    );
    const listener = add.mock.calls.at(-1)?.[0] as unknown as (m: unknown, s: object, r: () => void) => unknown;
    const sendResponse = vi.fn();
    expect(listener({ type: 'getBridgeView' }, senders.extensionPage(), sendResponse)).toBeUndefined();
    expect(listener('hello', senders.extensionPage(), sendResponse)).toBeUndefined();
    expect(sendResponse).not.toHaveBeenCalled();
  });

  it('sends tab messages to the tab named, in the same envelope', async () => {
    const sent: unknown[] = [];
    fakeBrowser.tabs.sendMessage = (async (tabId: number, message: unknown) => {
      sent.push([tabId, message]);
      return { ok: true, value: { kind: 'on' } };
    }) as never;
    expect(await sendToTab(9, 'setVolunteer', { on: true })).toEqual({ kind: 'on' });
    expect(sent).toEqual([[9, { coral: 1, type: 'setVolunteer', data: { on: true } }]]);
  });
});
