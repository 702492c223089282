import { describe, expect, it, vi } from 'vitest';
import type { Browser } from 'wxt/browser';
import { bridgeHandlers } from '../../../entrypoints/background/bridge-handlers';
import type { BridgeView } from '../../../utils/shared/bridge-types';
import { isCdtPage } from '../../../utils/shared/sender-check';

const EXT = 'chrome-extension://coral-test/';
const tab = { id: 3, index: 0 } as Browser.tabs.Tab;
const page = (url: string): Browser.runtime.MessageSender => ({ url, tab });
const options: Browser.runtime.MessageSender = { url: `${EXT}options.html` };
const stranger: Browser.runtime.MessageSender = { url: 'chrome-extension://someone-else/page.html' };

function setup() {
  // The service's view carries more than a switch may see; the handler must drop it.
  const leaky = { enabled: true, configured: true, state: 'on', host: 'proxy.test', password: 'secret' } as BridgeView;
  const bridge = {
    view: vi.fn(async () => leaky),
    setEnabled: vi.fn(async (enabled: boolean) => ({ ...leaky, enabled })),
    test: vi.fn(async () => ({ ok: true as const, ms: 120, status: 200 })),
  };
  const handlers = bridgeHandlers({ extensionOrigin: EXT, mirrorHosts: async () => ['cdt.mirror.test'], bridge });
  return { handlers, bridge };
}

describe('bridge handlers', () => {
  it('gives CDT pages, mirrors and extension pages the view, and nothing else', async () => {
    const { handlers } = setup();
    for (const sender of [
      page('https://chinadigitaltimes.net/chinese/'),
      page('https://www.cdt.mirror.test/x'),
      options,
    ]) {
      const view = await handlers.getBridgeView?.({}, sender);
      expect(view).toEqual({ enabled: true, configured: true, state: 'on' });
    }
  });

  it('refuses the view to other sites and other extensions', async () => {
    const { handlers, bridge } = setup();
    await expect(handlers.getBridgeView?.({}, page('https://evil.test/'))).rejects.toThrow('forbidden');
    await expect(handlers.getBridgeView?.({}, stranger)).rejects.toThrow('forbidden');
    expect(bridge.view).not.toHaveBeenCalled();
  });

  it('lets only CDT, mirror and extension pages turn the bridge on or off', async () => {
    const { handlers, bridge } = setup();
    await expect(handlers.setBridgeEnabled?.({ enabled: true }, page('https://evil.test/'))).rejects.toThrow(
      'forbidden',
    );
    await expect(
      handlers.setBridgeEnabled?.({ enabled: true }, page('https://chinadigitaltimes.net.evil.test/')),
    ).rejects.toThrow('forbidden');
    expect(bridge.setEnabled).not.toHaveBeenCalled();

    expect(await handlers.setBridgeEnabled?.({ enabled: false }, page('https://chinadigitaltimes.net/'))).toEqual({
      enabled: false,
      configured: true,
      state: 'on',
    });
    await handlers.setBridgeEnabled?.({ enabled: true }, options);
    expect(bridge.setEnabled.mock.calls).toEqual([[false], [true]]);
  });

  it('refuses a switch request that is not a boolean', async () => {
    const { handlers, bridge } = setup();
    const data = { enabled: 'yes' } as unknown as { enabled: boolean };
    await expect(handlers.setBridgeEnabled?.(data, options)).rejects.toThrow('invalid');
    expect(bridge.setEnabled).not.toHaveBeenCalled();
  });

  it('tells a content script whether its page is on CDT or a mirror, by the address the browser reports', async () => {
    const { handlers } = setup();
    expect(await handlers.onCdtSite?.({}, page('https://chinadigitaltimes.net/chinese/'))).toBe(true);
    expect(await handlers.onCdtSite?.({}, page('https://cdt.mirror.test/2024/01/a/'))).toBe(true);
    expect(await handlers.onCdtSite?.({}, page('https://evil.test/chinadigitaltimes.net/'))).toBe(false);
    expect(await handlers.onCdtSite?.({}, page('https://chinadigitaltimes.net.evil.test/'))).toBe(false);
    expect(await handlers.onCdtSite?.({}, options)).toBe(false);
  });

  it('lets only extension pages test a bridge', async () => {
    const { handlers, bridge } = setup();
    await expect(handlers.testBridge?.({ bridgeId: 'a' }, page('https://chinadigitaltimes.net/'))).rejects.toThrow(
      'forbidden',
    );
    await expect(handlers.testBridge?.({ bridgeId: 'a' }, stranger)).rejects.toThrow('forbidden');
    expect(bridge.test).not.toHaveBeenCalled();
    expect(await handlers.testBridge?.({ bridgeId: 'a' }, options)).toEqual({ ok: true, ms: 120, status: 200 });
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
