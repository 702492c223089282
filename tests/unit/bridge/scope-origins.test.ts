import { describe, expect, it } from 'vitest';
import { isLocalName, LOCAL_DOMAINS } from '../../../utils/bridge/local-names';
import { isLocalHost, type RoutingConfig, routeFor, scopeOrigins } from '../../../utils/bridge/routing';
import type { Bridge, BridgeScope } from '../../../utils/shared/bridge-types';
import { CDT_MATCHES, CDT_ORIGIN } from '../../../utils/sites/cdt';
import { mirrorOrigins, mirrorRouteOrigins } from '../../../utils/sites/mirrors';

// What is routed and what is permitted are one fact: Firefox hands proxy.onRequest only the requests
// Coral has host permission for, so a host routeFor proxies but no origin admits would go direct.

const SOCKS: Bridge = { id: 's', scheme: 'socks5', host: '127.0.0.1', port: 1080 };
const MIRRORS = ['cdt-mirror.example.org', 'mirror.test'];
const SITES: BridgeScope = {
  kind: 'sites',
  patterns: ['*.example.net', 'news.example.com', '203.0.113.9', '*.198.51.100.7', '2001:db8::99', 'bad host'],
};
const SCOPES: BridgeScope[] = [{ kind: 'cdt' }, SITES, { kind: 'all' }];

/**
 * Whether a match pattern admits a URL, the way Chrome and Firefox read the three shapes scopeOrigins
 * writes: `*://*\/*` every host, `*://*.d/*` d and its subdomains, `*://h/*` h alone. `*` is the web's
 * schemes. Written here from the match-pattern rules, not from routing.ts, so it can disagree with it.
 */
function admits(pattern: string, url: string): boolean {
  const shape = /^\*:\/\/(\*|\*\.[^/*]+|[^/*]+)\/\*$/.exec(pattern);
  if (!shape?.[1]) throw new Error(`scopeOrigins wrote a pattern of another shape: ${pattern}`);
  const parsed = new URL(url);
  if (!['http:', 'https:', 'ws:', 'wss:'].includes(parsed.protocol)) return false;
  const host = parsed.hostname.replace(/\.$/, '');
  const wanted = shape[1];
  if (wanted === '*') return true;
  if (!wanted.startsWith('*.')) return host === wanted;
  const domain = wanted.slice(2);
  return host === domain || host.endsWith(`.${domain}`);
}

const LABELS = ['www', 'static', 'sub', 'a-b', 'chinadigitaltimes', 'net', 'cdt-mirror', 'example', 'org', 'com'];
const TAILS = [
  'chinadigitaltimes.net',
  'cdt-mirror.example.org',
  'mirror.test',
  'example.net',
  'example.com',
  'news.example.com',
  'other.test',
  'notchinadigitaltimes.net',
  'chinadigitaltimes.net.evil.example',
  ...LOCAL_DOMAINS,
  'home.arpa',
];
const ADDRESSES = ['203.0.113.9', '198.51.100.7', '10.0.0.1', '8.8.8.8', '[2001:db8::99]', '[::1]', '[fe80::1]'];

/** Hosts built from CDT, mirrors, listed sites, look-alikes and local names, with 0 to 3 labels in front. */
function hosts(): string[] {
  let seed = 7;
  const next = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // The high bits: an LCG's low bits repeat after a few steps.
    return Math.floor(seed / 2 ** 16) % n;
  };
  const out = new Set<string>([...TAILS, ...ADDRESSES, 'printer', 'CHINADIGITALTIMES.NET.', 'static.Mirror.Test']);
  for (let i = 0; i < 600; i++) {
    const front = Array.from({ length: next(4) }, () => LABELS[next(LABELS.length)]);
    out.add([...front, TAILS[next(TAILS.length)]].join('.'));
  }
  return [...out];
}

describe('scopeOrigins: what is routed is what is permitted', () => {
  const urls = hosts().flatMap((host) => [`https://${host}/x`, `http://${host}:8080/`, `wss://${host}/s`]);

  for (const scope of SCOPES) {
    it(`scope ${scope.kind}: every proxied URL is admitted, and only local names are admitted but not proxied`, () => {
      const config: RoutingConfig = { bridge: SOCKS, scope, mirrors: MIRRORS, fallbackDirect: false };
      const origins = scopeOrigins(scope, MIRRORS);
      const seen = urls.map((url) => ({
        url,
        routed: routeFor(url, config).kind === 'proxy',
        admitted: origins.some((origin) => admits(origin, url)),
        local: isLocalHost(new URL(url).hostname),
      }));
      expect(seen.filter((s) => s.routed && !s.admitted)).toEqual([]);
      expect(seen.filter((s) => s.admitted && !s.routed && !s.local)).toEqual([]);
      // Enough of each kind for the two checks above to mean something.
      expect(seen.filter((s) => s.routed).length).toBeGreaterThan(50);
      if (scope.kind !== 'all') expect(seen.filter((s) => !s.routed && !s.local).length).toBeGreaterThan(150);
    });
  }

  it('covers CDT with every subdomain and each mirror with its subdomains, as the manifest and "add mirror" ask', () => {
    const origins = scopeOrigins({ kind: 'cdt' }, MIRRORS);
    expect(origins).toEqual([CDT_ORIGIN, ...MIRRORS.flatMap(mirrorRouteOrigins)]);
    expect(admits(CDT_ORIGIN, 'https://static.chinadigitaltimes.net/a.png')).toBe(true);
    // The content script keeps to the hosts CDT and a mirror serve pages on.
    for (const pattern of [...CDT_MATCHES, ...mirrorOrigins('mirror.test')]) {
      expect(pattern).toMatch(/^\*:\/\/[^*]+\/\*$/);
    }
  });

  it('writes addresses as exact patterns: they have no subdomains', () => {
    expect(scopeOrigins(SITES, [])).toEqual([
      '*://*.example.net/*',
      '*://198.51.100.7/*',
      '*://news.example.com/*',
      '*://203.0.113.9/*',
      '*://[2001:db8::99]/*',
    ]);
  });
});

describe('local names', () => {
  it('are single labels and names under the local domains, never test or public names', () => {
    for (const host of ['printer', '', 'printer.lan', 'nas.home.arpa', '1.0.0.127.in-addr.arpa', 'router.internal']) {
      expect([host, isLocalName(host)]).toEqual([host, true]);
    }
    for (const host of ['x.local', 'a.localhost', 'a.intranet', 'a.corp', 'a.home', 'a.private', 'a.localdomain']) {
      expect([host, isLocalName(host)]).toEqual([host, true]);
    }
    for (const host of ['other.test', 'example.com', 'lan.example.com', 'localhost.example', 'corp.example.org']) {
      expect([host, isLocalName(host)]).toEqual([host, false]);
    }
  });

  it('stay direct in every scope, "Everything" included', () => {
    const all: RoutingConfig = { bridge: SOCKS, scope: { kind: 'all' }, mirrors: [], fallbackDirect: false };
    for (const host of ['printer.lan', 'nas.home.arpa', 'router.internal', 'something.local', 'nas', 'x.corp']) {
      expect([host, routeFor(`http://${host}/`, all).kind]).toEqual([host, 'direct']);
    }
    expect(routeFor('http://other.test/', all).kind).toBe('proxy');
  });
});
