import { describe, expect, it } from 'vitest';
import {
  canonicalHost,
  createRouter,
  hostMatchesPattern,
  ipv6Groups,
  isLocalHost,
  type RoutingConfig,
  routeFor,
} from '../../../utils/bridge/routing';
import type { Bridge, BridgeScope } from '../../../utils/shared/bridge-types';

const socks: Bridge = { id: 'b1', scheme: 'socks5', host: '127.0.0.1', port: 1080 };
const PROXY = { kind: 'proxy', scheme: 'socks5', host: '127.0.0.1', port: 1080 } as const;
const DIRECT = { kind: 'direct' } as const;

function config(scope: BridgeScope, bridge: Bridge | null = socks): RoutingConfig {
  return { bridge, scope, mirrors: ['cdt-mirror.example.org'], fallbackDirect: false };
}

const cdt = config({ kind: 'cdt' });
const sites = config({ kind: 'sites', patterns: ['*.example.net', 'news.example.com', '203.0.113.9'] });
const all = config({ kind: 'all' });

describe('routeFor', () => {
  // [url, cdt, sites, all]
  const table: [string, boolean, boolean, boolean][] = [
    ['https://chinadigitaltimes.net/2024/01/x/', true, false, true],
    ['https://www.chinadigitaltimes.net/chinese/', true, false, true],
    ['https://CHINADIGITALTIMES.NET./', true, false, true],
    ['https://img.chinadigitaltimes.net/a.png', true, false, true],
    ['https://notchinadigitaltimes.net/', false, false, true],
    ['https://chinadigitaltimes.net.evil.example/', false, false, true],
    ['https://cdt-mirror.example.org/post', true, false, true],
    ['https://www.cdt-mirror.example.org/post', true, false, true],
    ['https://example.org/', false, false, true],
    ['https://example.net/', false, true, true],
    ['https://a.b.example.net/', false, true, true],
    ['https://news.example.com/', false, true, true],
    ['https://www.news.example.com/', false, false, true],
    ['http://203.0.113.9:8080/', false, true, true],
    ['ws://chinadigitaltimes.net/socket', true, false, true],
    ['wss://www.chinadigitaltimes.net/socket', true, false, true],
    ['ftp://chinadigitaltimes.net/file', false, false, false],
    ['file:///etc/passwd', false, false, false],
    ['chrome-extension://abc/reader.html', false, false, false],
    ['data:text/html,hi', false, false, false],
    ['not a url', false, false, false],
    ['http://localhost:3000/', false, false, false],
    ['http://app.localhost/', false, false, false],
    ['http://printer.local/', false, false, false],
    ['http://intranet/', false, false, false],
    ['http://intranet./', false, false, false],
    ['http://printer.lan/', false, false, false],
    ['http://nas.home.arpa/', false, false, false],
    ['http://1.0.0.127.in-addr.arpa/', false, false, false],
    ['http://router.internal/', false, false, false],
    ['http://wiki.intranet/', false, false, false],
    ['http://mail.corp/', false, false, false],
    ['http://tv.home/', false, false, false],
    ['http://box.private/', false, false, false],
    ['http://host.localdomain./', false, false, false],
    ['http://Printer.LAN/', false, false, false],
    ['http://other.test/', false, false, true],
    ['http://lan.example.com/', false, false, true],
    ['http://internal.chinadigitaltimes.net/', true, false, true],
    ['http://127.0.0.1/', false, false, false],
    ['http://127.255.0.9/', false, false, false],
    ['http://2130706433/', false, false, false], // 127.0.0.1 written as one number
    ['http://0.0.0.0/', false, false, false],
    ['http://10.1.2.3/', false, false, false],
    ['http://172.16.0.1/', false, false, false],
    ['http://172.31.255.255/', false, false, false],
    ['http://172.32.0.1/', false, false, true],
    ['http://192.168.1.1/', false, false, false],
    ['http://192.169.1.1/', false, false, true],
    ['http://169.254.169.254/', false, false, false],
    ['http://100.64.0.1/', false, false, false],
    ['http://100.127.255.255/', false, false, false],
    ['http://100.128.0.1/', false, false, true],
    ['http://8.8.8.8/', false, false, true],
    ['http://[::1]/', false, false, false],
    ['http://[::]/', false, false, false],
    ['http://[fc00::1]/', false, false, false],
    ['http://[fd12:3456::1]/', false, false, false],
    ['http://[fe80::1]/', false, false, false],
    ['http://[febf::1]/', false, false, false],
    ['http://[fec0::1]/', false, false, true],
    ['http://[::ffff:192.168.0.1]/', false, false, false],
    ['http://[::ffff:8.8.8.8]/', false, false, true],
    ['http://[2001:db8::1]/', false, false, true],
  ];

  it.each(table)('%s', (url, inCdt, inSites, inAll) => {
    expect(routeFor(url, cdt)).toEqual(inCdt ? PROXY : DIRECT);
    expect(routeFor(url, sites)).toEqual(inSites ? PROXY : DIRECT);
    expect(routeFor(url, all)).toEqual(inAll ? PROXY : DIRECT);
  });

  it('routes nothing without a bridge', () => {
    for (const [url] of table) expect(routeFor(url, config({ kind: 'all' }, null))).toEqual(DIRECT);
  });

  it('answers with the bridge scheme and address', () => {
    const https: Bridge = { id: 'b2', scheme: 'https', host: '2001:db8::7', port: 443, username: 'u', password: 'p' };
    expect(routeFor('https://chinadigitaltimes.net/', config({ kind: 'cdt' }, https))).toEqual({
      kind: 'proxy',
      scheme: 'https',
      host: '2001:db8::7',
      port: 443,
    });
  });

  it('refuses a bridge that fails validation instead of going direct', () => {
    const hostile = { ...socks, host: '1.2.3.4:1080"; return "DIRECT' };
    expect(() => routeFor('https://chinadigitaltimes.net/', config({ kind: 'cdt' }, hostile))).toThrow();
    expect(() => createRouter(config({ kind: 'all' }, { ...socks, port: 0 }))).toThrow();
  });

  it('leaves out patterns and mirrors that fail validation', () => {
    const tampered: RoutingConfig = {
      bridge: socks,
      scope: { kind: 'sites', patterns: ['"evil".example', '*.*', 'ok.example'] },
      mirrors: ['bad host', '*.wild.example'],
      fallbackDirect: false,
    };
    expect(routeFor('https://ok.example/', tampered)).toEqual(PROXY);
    expect(routeFor('https://evil.example/', tampered)).toEqual(DIRECT);
    const cdtTampered = { ...tampered, scope: { kind: 'cdt' } as const };
    expect(routeFor('https://wild.example/', cdtTampered)).toEqual(DIRECT);
    expect(routeFor('https://chinadigitaltimes.net/', cdtTampered)).toEqual(PROXY);
  });
});

describe('hostMatchesPattern', () => {
  it.each([
    ['example.org', 'example.org', true],
    ['www.example.org', 'example.org', false],
    ['example.org', '*.example.org', true],
    ['a.b.example.org', '*.example.org', true],
    ['badexample.org', '*.example.org', false],
    ['EXAMPLE.ORG.', '*.example.org', true],
    ['sub.example.org', '.example.org', true],
    ['[2001:db8::1]', '2001:db8::1', true],
  ])('%s against %s: %s', (host, pattern, expected) => {
    expect(hostMatchesPattern(host, pattern)).toBe(expected);
  });
});

describe('host helpers', () => {
  it('classifies local hosts', () => {
    expect(isLocalHost('[::1]')).toBe(true);
    expect(isLocalHost('::ffff:7f00:1')).toBe(true);
    expect(isLocalHost('example.org')).toBe(false);
  });

  it('parses IPv6 groups', () => {
    expect(ipv6Groups('2001:db8::1')).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]);
    expect(ipv6Groups('::ffff:1.2.3.4')).toEqual([0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    expect(ipv6Groups('1::2::3')).toBeNull();
    expect(ipv6Groups('1:2:3:4:5:6:7:8:9')).toBeNull();
  });

  it.each([
    ['Example.ORG', 'example.org'],
    ['bücher.example', 'xn--bcher-kva.example'],
    ['[::1]', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['0x7f.1', '127.0.0.1'],
    ['a"b.example', null],
    ['a\u2028b.example', null],
    ['a b.example', null],
    ['evil.example/x', null],
    ['1.2.3.4.5', null],
    ['', null],
  ])('canonicalHost(%j) is %j', (input, expected) => {
    expect(canonicalHost(input)).toBe(expected);
  });
});
