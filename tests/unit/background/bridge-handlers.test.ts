import { describe, expect, it, vi } from 'vitest';
import { bridgeHandlers } from '../../../entrypoints/background/bridge-handlers';
import type { BridgeView } from '../../../utils/shared/bridge-types';
import { backgroundDispatcher } from '../../../utils/shared/message-dispatch';
import { isCdtPage } from '../../../utils/shared/sender-check';
import { ask, EXTENSION_ORIGIN, senders } from '../../support/messaging';

// The bridge handlers as the background serves them: behind the dispatcher, which decides who may ask.

const page = (url: string) => senders.contentScript(url);
const options = senders.extensionPage('options.html');

function setup() {
  // The service's view carries more than a switch may see; the handler must drop it.
  const leaky = { enabled: true, configured: true, state: 'on', host: 'proxy.test', password: 'secret' } as BridgeView;
  const bridge = {
    view: vi.fn(async () => leaky),
    setEnabled: vi.fn(async (enabled: boolean) => ({ ...leaky, enabled })),
    test: vi.fn(async () => ({ ok: true as const, ms: 120, status: 200 })),
  };
  const dispatch = backgroundDispatcher({
    extensionOrigin: EXTENSION_ORIGIN,
    mirrorHosts: async () => ['cdt.mirror.test'],
    handlers: bridgeHandlers({ bridge }),
  });
  return { dispatch, bridge };
}

describe('bridge handlers', () => {
  it('gives CDT pages, mirrors and extension pages the view, and nothing else', async () => {
    const { dispatch } = setup();
    for (const sender of [
      page('https://chinadigitaltimes.net/chinese/'),
      page('https://www.cdt.mirror.test/x'),
      options,
    ]) {
      expect(await ask(dispatch, 'getBridgeView', {}, sender)).toEqual({
        ok: true,
        value: { enabled: true, configured: true, state: 'on' },
      });
    }
  });

  it('refuses the view to other sites and other extensions', async () => {
    const { dispatch, bridge } = setup();
    expect(await ask(dispatch, 'getBridgeView', {}, page('https://evil.test/'))).toEqual({
      ok: false,
      code: 'forbidden',
    });
    expect(await ask(dispatch, 'getBridgeView', {}, senders.otherExtension)).toEqual({ ok: false, code: 'forbidden' });
    expect(bridge.view).not.toHaveBeenCalled();
  });

  it('lets only CDT, mirror and extension pages turn the bridge on or off', async () => {
    const { dispatch, bridge } = setup();
    for (const url of ['https://evil.test/', 'https://chinadigitaltimes.net.evil.test/']) {
      expect(await ask(dispatch, 'setBridgeEnabled', { enabled: true }, page(url))).toEqual({
        ok: false,
        code: 'forbidden',
      });
    }
    expect(bridge.setEnabled).not.toHaveBeenCalled();

    expect(await ask(dispatch, 'setBridgeEnabled', { enabled: false }, page('https://chinadigitaltimes.net/'))).toEqual(
      {
        ok: true,
        value: { enabled: false, configured: true, state: 'on' },
      },
    );
    await ask(dispatch, 'setBridgeEnabled', { enabled: true }, options);
    expect(bridge.setEnabled.mock.calls).toEqual([[false], [true]]);
  });

  it('refuses a switch request that is not a boolean', async () => {
    const { dispatch, bridge } = setup();
    expect(await ask(dispatch, 'setBridgeEnabled', { enabled: 'yes' }, options)).toEqual({
      ok: false,
      code: 'invalid',
    });
    expect(bridge.setEnabled).not.toHaveBeenCalled();
  });

  it('tells a content script whether its page is on CDT or a mirror, by the address the browser reports', async () => {
    const { dispatch } = setup();
    const onCdt = async (sender: Parameters<typeof ask>[3]) => (await ask(dispatch, 'onCdtSite', {}, sender))?.ok;
    expect(await onCdt(page('https://chinadigitaltimes.net/chinese/'))).toBe(true);
    expect(await onCdt(page('https://cdt.mirror.test/2024/01/a/'))).toBe(true);
    // Refused, which the content script reads as "not CDT".
    expect(await onCdt(page('https://evil.test/chinadigitaltimes.net/'))).toBe(false);
    expect(await onCdt(page('https://chinadigitaltimes.net.evil.test/'))).toBe(false);
    expect(await onCdt(options)).toBe(false);
  });

  it('lets only extension pages test a bridge', async () => {
    const { dispatch, bridge } = setup();
    for (const sender of [page('https://chinadigitaltimes.net/'), senders.otherExtension]) {
      expect(await ask(dispatch, 'testBridge', { bridgeId: 'a' }, sender)).toEqual({ ok: false, code: 'forbidden' });
    }
    expect(bridge.test).not.toHaveBeenCalled();
    expect(await ask(dispatch, 'testBridge', { bridgeId: 'a' }, options)).toEqual({
      ok: true,
      value: { ok: true, ms: 120, status: 200 },
    });
    expect(bridge.test).toHaveBeenCalledWith('a');
  });
});

describe('isCdtPage', () => {
  it('knows CDT, www., and the mirrors, by the page address', () => {
    expect(isCdtPage('https://www.chinadigitaltimes.net/a', [])).toBe(true);
    expect(isCdtPage('http://cdt.mirror.test:8080/', ['cdt.mirror.test'])).toBe(true);
    expect(isCdtPage('https://mirror.test/', ['cdt.mirror.test'])).toBe(false);
    expect(isCdtPage('not a url', [])).toBe(false);
  });
});
