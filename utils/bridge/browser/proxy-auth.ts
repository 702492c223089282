import { browser } from 'wxt/browser';
import type { Bridge } from '../../shared/bridge-types';

// Credentials go only to the bridge that asked, and only once per request: a proxy that answers a right
// password with another 407 would otherwise loop, and a wrong one would hammer the server.

export interface AuthChallenge {
  requestId: string;
  isProxy: boolean;
  challenger?: { host: string; port: number };
}

export type AuthAnswer =
  | { kind: 'ignore' }
  | { kind: 'credentials'; username: string; password: string }
  | { kind: 'cancel'; reason: 'wrong-password' };

export interface BlockingAuthResponse {
  authCredentials?: { username: string; password: string };
  cancel?: boolean;
}

const bareHost = (host: string) => host.replace(/^\[(.*)\]$/, '$1').toLowerCase();

export function isChallengeFrom(challenge: AuthChallenge, bridge: Bridge): boolean {
  const { challenger } = challenge;
  return (
    challenge.isProxy &&
    challenger !== undefined &&
    bareHost(challenger.host) === bareHost(bridge.host) &&
    Number(challenger.port) === bridge.port
  );
}

/**
 * Remembers the requests it has answered (the most recent `memory` of them: a request that never comes
 * back must not grow the set forever).
 */
export function proxyAuthenticator(memory = 1000) {
  const answered = new Set<string>();
  return function decide(challenge: AuthChallenge, bridge: Bridge | null | undefined): AuthAnswer {
    if (!bridge || bridge.scheme === 'socks5' || !isChallengeFrom(challenge, bridge)) return { kind: 'ignore' };
    // No stored password: the browser's own prompt is the user's only way in.
    if (!bridge.username || bridge.password === undefined) return { kind: 'ignore' };
    if (answered.has(challenge.requestId)) {
      answered.delete(challenge.requestId);
      return { kind: 'cancel', reason: 'wrong-password' };
    }
    answered.add(challenge.requestId);
    if (answered.size > memory) answered.delete(answered.values().next().value as string);
    return { kind: 'credentials', username: bridge.username, password: bridge.password };
  };
}

export function blockingResponse(answer: AuthAnswer): BlockingAuthResponse {
  if (answer.kind === 'credentials')
    return { authCredentials: { username: answer.username, password: answer.password } };
  if (answer.kind === 'cancel') return { cancel: true };
  return {};
}

type AuthListener = (details: AuthChallenge, callback?: (response: BlockingAuthResponse) => void) => unknown;

interface AuthEvent {
  addListener(listener: AuthListener, filter: { urls: string[] }, extraInfoSpec: string[]): void;
}

/**
 * Registered at start-up, before the settings are read: the first challenge after a wake-up would
 * otherwise go to the browser's prompt. Chrome (MV3) answers through a callback ('asyncBlocking'),
 * Firefox through the returned Promise ('blocking').
 */
export function listenProxyAuth(
  answer: (challenge: AuthChallenge) => Promise<BlockingAuthResponse>,
  firefox: boolean,
  event: AuthEvent = browser.webRequest.onAuthRequired as unknown as AuthEvent,
): void {
  const listener: AuthListener = (details, callback) => {
    const response = answer(details).catch((): BlockingAuthResponse => ({}));
    if (!callback) return response;
    void response.then(callback);
    return undefined;
  };
  event.addListener(listener, { urls: ['<all_urls>'] }, [firefox ? 'blocking' : 'asyncBlocking']);
}
