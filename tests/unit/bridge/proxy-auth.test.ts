import { describe, expect, it, vi } from 'vitest';
import {
  type AuthChallenge,
  blockingResponse,
  listenProxyAuth,
  proxyAuthenticator,
} from '../../../utils/bridge/browser/proxy-auth';
import type { Bridge } from '../../../utils/shared/bridge-types';

const bridge: Bridge = { id: 'a', scheme: 'http', host: 'Proxy.Test', port: 3128, username: 'me', password: 'secret' };
const challenge = (requestId: string, extra: Partial<AuthChallenge> = {}): AuthChallenge => ({
  requestId,
  isProxy: true,
  challenger: { host: 'proxy.test', port: 3128 },
  ...extra,
});

describe('proxyAuthenticator', () => {
  it('answers the first challenge with the credentials and cancels the second for the same request', () => {
    const decide = proxyAuthenticator();
    expect(decide(challenge('1'), bridge)).toEqual({ kind: 'credentials', username: 'me', password: 'secret' });
    expect(decide(challenge('2'), bridge).kind).toBe('credentials');
    expect(decide(challenge('1'), bridge)).toEqual({ kind: 'cancel', reason: 'wrong-password' });
  });

  it('ignores challenges from web sites and from other proxies', () => {
    const decide = proxyAuthenticator();
    expect(decide(challenge('1', { isProxy: false }), bridge).kind).toBe('ignore');
    expect(decide(challenge('2', { challenger: { host: 'evil.test', port: 3128 } }), bridge).kind).toBe('ignore');
    expect(decide(challenge('3', { challenger: { host: 'proxy.test', port: 8080 } }), bridge).kind).toBe('ignore');
    expect(decide(challenge('4', { challenger: undefined }), bridge).kind).toBe('ignore');
  });

  it('ignores when there is no bridge, a SOCKS bridge, or no stored password', () => {
    const decide = proxyAuthenticator();
    expect(decide(challenge('1'), null).kind).toBe('ignore');
    expect(decide(challenge('2'), { ...bridge, scheme: 'socks5' }).kind).toBe('ignore');
    expect(decide(challenge('3'), { ...bridge, password: undefined }).kind).toBe('ignore');
  });

  it('matches IPv6 proxies with or without brackets', () => {
    const v6: Bridge = { ...bridge, host: '2001:db8::1' };
    const decide = proxyAuthenticator();
    expect(decide(challenge('1', { challenger: { host: '[2001:db8::1]', port: 3128 } }), v6).kind).toBe('credentials');
  });

  it('forgets the oldest requests beyond its memory', () => {
    const decide = proxyAuthenticator(2);
    decide(challenge('1'), bridge);
    decide(challenge('2'), bridge);
    decide(challenge('3'), bridge);
    expect(decide(challenge('1'), bridge).kind).toBe('credentials');
    expect(decide(challenge('3'), bridge).kind).toBe('cancel');
  });
});

describe('blockingResponse', () => {
  it('turns answers into what the browser expects', () => {
    expect(blockingResponse({ kind: 'credentials', username: 'u', password: 'p' })).toEqual({
      authCredentials: { username: 'u', password: 'p' },
    });
    expect(blockingResponse({ kind: 'cancel', reason: 'wrong-password' })).toEqual({ cancel: true });
    expect(blockingResponse({ kind: 'ignore' })).toEqual({});
  });
});

describe('listenProxyAuth', () => {
  const answer = async () => ({ cancel: true });

  it('registers asyncBlocking for Chrome and answers through the callback', async () => {
    const addListener = vi.fn();
    listenProxyAuth(answer, false, { addListener });
    const [listener, filter, spec] = addListener.mock.calls[0] ?? [];
    expect(filter).toEqual({ urls: ['<all_urls>'] });
    expect(spec).toEqual(['asyncBlocking']);
    const callback = vi.fn();
    expect(listener(challenge('1'), callback)).toBeUndefined();
    await vi.waitFor(() => expect(callback).toHaveBeenCalledWith({ cancel: true }));
  });

  it('registers blocking for Firefox and answers with a Promise', async () => {
    const addListener = vi.fn();
    listenProxyAuth(answer, true, { addListener });
    const [listener, , spec] = addListener.mock.calls[0] ?? [];
    expect(spec).toEqual(['blocking']);
    await expect(listener(challenge('1'))).resolves.toEqual({ cancel: true });
  });

  it('lets the browser carry on when deciding fails', async () => {
    const addListener = vi.fn();
    listenProxyAuth(() => Promise.reject(new Error('storage gone')), true, { addListener });
    await expect(addListener.mock.calls[0]?.[0](challenge('1'))).resolves.toEqual({});
  });
});
