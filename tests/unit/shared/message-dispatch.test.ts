import { describe, expect, it, vi } from 'vitest';
import type { SaveRequest, SaveResult } from '../../../utils/shared/article';
import type { BridgeView, VolunteerState } from '../../../utils/shared/bridge-types';
import { backgroundDispatcher, isFromExtension, tabDispatcher } from '../../../utils/shared/message-dispatch';
import { type BackgroundHandlers, MessageError, type TabHandlers } from '../../../utils/shared/messages';
import { ask, EXTENSION_ID, EXTENSION_ORIGIN, senders } from '../../support/messaging';

const CDT = 'https://chinadigitaltimes.net/2024/01/article/';
const MIRROR = 'https://cdt.mirror.test/2024/01/article/';
const OTHER = 'https://evil.test/page';
const VIEW: BridgeView = { enabled: false, configured: true, state: 'off' };
const SAVED: SaveResult = { ok: true, id: 'a', savedAt: 1, version: 1, newVersion: true, failedImages: 0 };

function saveRequest(canonicalUrl: string): SaveRequest {
  return {
    article: {
      meta: { title: 'T', canonicalUrl, url: canonicalUrl, dir: 'ltr', categories: [], tags: [] },
      html: '<p>x</p>',
      text: 'x',
      images: [],
    },
    images: [],
  };
}

function background(overrides: Partial<BackgroundHandlers> = {}) {
  const spies = {
    getPageState: vi.fn<BackgroundHandlers['getPageState']>(async () => null),
    saveArticle: vi.fn<BackgroundHandlers['saveArticle']>(async () => SAVED),
    openReader: vi.fn<BackgroundHandlers['openReader']>(async () => true),
    saveActiveTab: vi.fn<BackgroundHandlers['saveActiveTab']>(async () => SAVED),
    getBridgeView: vi.fn<BackgroundHandlers['getBridgeView']>(async () => VIEW),
    setBridgeEnabled: vi.fn<BackgroundHandlers['setBridgeEnabled']>(async () => VIEW),
    testBridge: vi.fn<BackgroundHandlers['testBridge']>(async () => ({ ok: true as const, ms: 5, status: 200 })),
  };
  const dispatch = backgroundDispatcher({
    extensionOrigin: EXTENSION_ORIGIN,
    mirrorHosts: async () => ['cdt.mirror.test'],
    handlers: { ...spies, ...overrides },
  });
  return { dispatch, handlers: spies };
}

const codeOf = async (answer: ReturnType<typeof ask>) => {
  const response = await answer;
  return response?.ok === false ? response.code : response?.ok;
};

describe('the background dispatcher', () => {
  it('lets only extension pages send extension-page messages', async () => {
    const { dispatch, handlers } = background();
    for (const sender of [
      senders.contentScript(CDT),
      senders.contentScript(MIRROR),
      senders.contentScript(OTHER),
      senders.contentScript(CDT, 2),
      senders.otherExtension,
      {},
    ]) {
      expect(await codeOf(ask(dispatch, 'testBridge', { bridgeId: 'b' }, sender))).toBe('forbidden');
      expect(await codeOf(ask(dispatch, 'saveActiveTab', {}, sender))).toBe('forbidden');
    }
    expect(handlers.testBridge).not.toHaveBeenCalled();
    expect(handlers.saveActiveTab).not.toHaveBeenCalled();

    expect(await ask(dispatch, 'testBridge', { bridgeId: 'b' }, senders.extensionPage('options.html'))).toEqual({
      ok: true,
      value: { ok: true, ms: 5, status: 200 },
    });
    expect(await codeOf(ask(dispatch, 'saveActiveTab', {}, senders.extensionTab))).toBe(true);
    expect(handlers.testBridge).toHaveBeenCalledWith(
      { bridgeId: 'b' },
      { sender: senders.extensionPage('options.html') },
    );
  });

  it('lets CDT and mirror content scripts, and extension pages, use the bridge switch', async () => {
    const { dispatch, handlers } = background();
    for (const sender of [senders.contentScript(CDT), senders.contentScript(MIRROR), senders.extensionPage()]) {
      expect(await ask(dispatch, 'getBridgeView', {}, sender)).toEqual({ ok: true, value: VIEW });
      expect(await codeOf(ask(dispatch, 'setBridgeEnabled', { enabled: true }, sender))).toBe(true);
    }
    expect(handlers.setBridgeEnabled).toHaveBeenCalledTimes(3);
  });

  it('refuses the bridge switch to other sites, look-alike hosts, frames and other extensions', async () => {
    const { dispatch, handlers } = background();
    for (const sender of [
      senders.contentScript(OTHER),
      senders.contentScript('https://chinadigitaltimes.net.evil.test/'),
      senders.contentScript(CDT, 5),
      senders.otherExtension,
      { url: CDT },
    ]) {
      expect(await codeOf(ask(dispatch, 'getBridgeView', {}, sender))).toBe('forbidden');
      expect(await codeOf(ask(dispatch, 'setBridgeEnabled', { enabled: true }, sender))).toBe('forbidden');
    }
    expect(handlers.getBridgeView).not.toHaveBeenCalled();
    expect(handlers.setBridgeEnabled).not.toHaveBeenCalled();
  });

  it('answers a content script about its own page, keyed by the address the browser reports', async () => {
    const { dispatch, handlers } = background();
    const pages = [`${CDT}?utm_source=x#comments`, MIRROR, 'http://www.evil.test/page?fbclid=1'];
    for (const page of pages) {
      expect(await codeOf(ask(dispatch, 'getPageState', {}, senders.contentScript(page)))).toBe(true);
    }
    expect(handlers.getPageState.mock.calls.map(([, caller]) => [caller.page, caller.canonicalUrl])).toEqual([
      [pages[0], CDT],
      [MIRROR, CDT],
      [pages[2], OTHER],
    ]);
  });

  it('never hands a handler the address a page names for itself', async () => {
    const { dispatch, handlers } = background();
    const named: Array<[string, string]> = [
      [OTHER, CDT],
      [CDT, OTHER],
      [CDT, 'https://chinadigitaltimes.net/2024/01/another-saved-article/'],
      [MIRROR, 'https://chinadigitaltimes.net/2024/01/another-saved-article/'],
      [CDT, 'javascript:alert(1)'],
    ];
    for (const [page, address] of named) {
      const sender = senders.contentScript(page);
      await ask(dispatch, 'getPageState', { canonicalUrl: address }, sender);
      await ask(dispatch, 'openReader', { canonicalUrl: address }, sender);
      await ask(dispatch, 'saveArticle', saveRequest(address), sender);
    }
    const keys = (mock: { mock: { calls: Array<[unknown, { canonicalUrl: string }]> } }) =>
      mock.mock.calls.map(([, caller]) => caller.canonicalUrl);
    const expected = [OTHER, CDT, CDT, CDT, CDT];
    expect(keys(handlers.getPageState)).toEqual(expected);
    expect(keys(handlers.openReader)).toEqual(expected);
    expect(keys(handlers.saveArticle)).toEqual(expected);
  });

  it('refuses a page whose document was loaded from another article’s address (history.pushState)', async () => {
    const { dispatch, handlers } = background();
    const moved = senders.contentScript(CDT);
    const elsewhere = 'https://chinadigitaltimes.net/2024/01/the-page-that-moved/';
    expect(await codeOf(ask(dispatch, 'getPageState', { loadedFrom: elsewhere }, moved))).toBe('forbidden');
    expect(await codeOf(ask(dispatch, 'openReader', { loadedFrom: elsewhere }, moved))).toBe('forbidden');
    const save = { ...saveRequest(CDT), loadedFrom: elsewhere };
    expect(await codeOf(ask(dispatch, 'saveArticle', save, moved))).toBe('forbidden');
    expect(handlers.getPageState).not.toHaveBeenCalled();
    expect(handlers.openReader).not.toHaveBeenCalled();
    expect(handlers.saveArticle).not.toHaveBeenCalled();
    // The same article loaded with a fragment or tracking parameters, or from a mirror, is that article.
    for (const loadedFrom of [`${CDT}#top`, `${CDT}?utm_source=feed`, MIRROR]) {
      expect(await codeOf(ask(dispatch, 'getPageState', { loadedFrom }, moved))).toBe(true);
      expect(await codeOf(ask(dispatch, 'saveArticle', { ...saveRequest(CDT), loadedFrom }, moved))).toBe(true);
    }
    expect(await codeOf(ask(dispatch, 'getPageState', { loadedFrom: 42 }, moved))).toBe('invalid');
    expect(await codeOf(ask(dispatch, 'saveArticle', { ...saveRequest(CDT), loadedFrom: 42 }, moved))).toBe('invalid');
  });

  it('refuses own-page messages from extension pages, frames and senders outside a tab', async () => {
    const { dispatch, handlers } = background();
    for (const sender of [senders.extensionPage(), senders.extensionTab, senders.contentScript(CDT, 7), { url: CDT }]) {
      expect(await codeOf(ask(dispatch, 'getPageState', { canonicalUrl: CDT }, sender))).toBe('forbidden');
      expect(await codeOf(ask(dispatch, 'saveArticle', saveRequest(CDT), sender))).toBe('forbidden');
    }
    expect(handlers.getPageState).not.toHaveBeenCalled();
    expect(handlers.saveArticle).not.toHaveBeenCalled();
  });

  it('refuses data of the wrong shape before any handler runs', async () => {
    const { dispatch, handlers } = background();
    const page = senders.contentScript(CDT);
    expect(await codeOf(ask(dispatch, 'setBridgeEnabled', { enabled: 'yes' }, page))).toBe('invalid');
    expect(await codeOf(ask(dispatch, 'getPageState', null, page))).toBe('invalid');
    expect(await codeOf(ask(dispatch, 'getPageState', [], page))).toBe('invalid');
    expect(await codeOf(ask(dispatch, 'saveArticle', { article: 'x', images: [] }, page))).toBe('invalid');
    expect(await codeOf(ask(dispatch, 'testBridge', {}, senders.extensionPage()))).toBe('invalid');
    expect(await codeOf(ask(dispatch, 'saveActiveTab', [], senders.extensionPage()))).toBe('invalid');
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses unknown types, inherited names and to-tab messages, and ignores what is not Coral’s', async () => {
    const { dispatch, handlers } = background();
    for (const type of ['nope', 'toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf', 42, null]) {
      expect(await codeOf(dispatch({ coral: 1, type, data: {} }, senders.extensionPage()))).toBe('unknown-message');
    }
    for (const type of ['saveNow', 'setVolunteer', 'getVolunteerState']) {
      expect(await codeOf(ask(dispatch, type, { on: true }, senders.extensionPage()))).toBe('unknown-message');
    }
    expect(dispatch({ type: 'getBridgeView', data: {} }, senders.extensionPage())).toBeUndefined();
    expect(dispatch('getBridgeView', senders.extensionPage())).toBeUndefined();
    for (const handler of Object.values(handlers)) expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a message with no handler registered', async () => {
    const dispatch = backgroundDispatcher({
      extensionOrigin: EXTENSION_ORIGIN,
      mirrorHosts: async () => [],
      handlers: { getBridgeView: () => VIEW },
    });
    expect(await codeOf(ask(dispatch, 'testBridge', { bridgeId: 'b' }, senders.extensionPage()))).toBe(
      'unknown-message',
    );
  });

  it('passes a handler’s refusal on by code and a handler’s failure with what went wrong', async () => {
    const { dispatch } = background({
      saveArticle: () => {
        throw new MessageError('invalid');
      },
      getBridgeView: () => {
        throw new Error('Database is closed');
      },
    });
    expect(await ask(dispatch, 'saveArticle', saveRequest(CDT), senders.contentScript(CDT))).toEqual({
      ok: false,
      code: 'invalid',
    });
    expect(await ask(dispatch, 'getBridgeView', {}, senders.extensionPage())).toEqual({
      ok: false,
      code: 'failed',
      detail: 'Database is closed',
    });
  });
});

describe('the tab dispatcher', () => {
  function tab() {
    const handlers = {
      saveNow: vi.fn<TabHandlers['saveNow']>(async () => SAVED),
      getVolunteerState: vi.fn<TabHandlers['getVolunteerState']>(
        async (): Promise<VolunteerState> => ({ kind: 'off' }),
      ),
      setVolunteer: vi.fn<TabHandlers['setVolunteer']>(async (): Promise<VolunteerState> => ({ kind: 'on' })),
    };
    const dispatch = tabDispatcher({ extensionId: EXTENSION_ID, extensionOrigin: EXTENSION_ORIGIN, handlers });
    return { dispatch, handlers };
  }

  it('answers the background and the extension’s pages, in a tab or not', async () => {
    const { dispatch, handlers } = tab();
    expect(await ask(dispatch, 'saveNow', {}, senders.background)).toEqual({ ok: true, value: SAVED });
    expect(await ask(dispatch, 'getVolunteerState', {}, senders.extensionPage())).toEqual({
      ok: true,
      value: { kind: 'off' },
    });
    expect(await codeOf(ask(dispatch, 'setVolunteer', { on: true }, senders.extensionTab))).toBe(true);
    expect(handlers.setVolunteer).toHaveBeenCalledWith({ on: true }, { sender: senders.extensionTab });
  });

  it('refuses web pages, other extensions and senders without the extension’s id', async () => {
    const { dispatch, handlers } = tab();
    for (const sender of [
      senders.contentScript(CDT),
      senders.contentScript(OTHER),
      senders.otherExtension,
      { url: `${EXTENSION_ORIGIN}popup.html` },
      { id: EXTENSION_ID, url: OTHER, tab: senders.extensionTab.tab },
      {},
    ]) {
      expect(await codeOf(ask(dispatch, 'setVolunteer', { on: true }, sender))).toBe('forbidden');
      expect(await codeOf(ask(dispatch, 'saveNow', {}, sender))).toBe('forbidden');
    }
    expect(handlers.setVolunteer).not.toHaveBeenCalled();
    expect(handlers.saveNow).not.toHaveBeenCalled();
  });

  it('refuses to-background messages, inherited names and malformed data', async () => {
    const { dispatch, handlers } = tab();
    for (const type of ['saveArticle', 'getBridgeView', 'toString', '__proto__']) {
      expect(await codeOf(ask(dispatch, type, {}, senders.background))).toBe('unknown-message');
    }
    expect(await codeOf(ask(dispatch, 'setVolunteer', { on: 'yes' }, senders.background))).toBe('invalid');
    expect(handlers.setVolunteer).not.toHaveBeenCalled();
  });
});

describe('isFromExtension', () => {
  it('is true for the extension’s own contexts only', () => {
    expect(isFromExtension(senders.background, EXTENSION_ID, EXTENSION_ORIGIN)).toBe(true);
    expect(isFromExtension(senders.extensionTab, EXTENSION_ID, EXTENSION_ORIGIN)).toBe(true);
    expect(isFromExtension(senders.contentScript(CDT), EXTENSION_ID, EXTENSION_ORIGIN)).toBe(false);
    expect(isFromExtension(senders.otherExtension, EXTENSION_ID, EXTENSION_ORIGIN)).toBe(false);
  });
});

describe('a failure before any handler', () => {
  it('is answered as failed rather than left unanswered', async () => {
    const getBridgeView = vi.fn(() => VIEW);
    const dispatch = backgroundDispatcher({
      extensionOrigin: EXTENSION_ORIGIN,
      mirrorHosts: () => Promise.reject(new Error('storage unavailable')),
      handlers: { getBridgeView },
    });
    expect(await ask(dispatch, 'getBridgeView', {}, senders.contentScript(CDT))).toEqual({
      ok: false,
      code: 'failed',
      detail: 'storage unavailable',
    });
    expect(getBridgeView).not.toHaveBeenCalled();
  });
});
