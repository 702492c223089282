// @vitest-environment node
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createPacResolver } from 'pac-resolver';
import { QuickJS } from 'quickjs-wasi';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import {
  CHROME_BYPASS_LIST,
  firefoxProxyInfo,
  fixedServersFor,
  pacLiteral,
  pacResultFor,
  pacScript,
} from '../../../utils/bridge/pac-script';
import { type RoutingConfig, routeFor } from '../../../utils/bridge/routing';
import type { Bridge, BridgeScope } from '../../../utils/shared/bridge-types';

let wasm: WebAssembly.Module;
beforeAll(async () => {
  const path = createRequire(import.meta.url).resolve('quickjs-wasi/quickjs.wasm');
  wasm = await WebAssembly.compile(await readFile(path));
});

/** A PAC script in its own QuickJS VM, with `alert` spied on to catch injected calls. */
async function loadPac(script: string) {
  const vm = await QuickJS.create({ wasm });
  const alert = vi.fn();
  const find = createPacResolver(vm, script, { sandbox: { alert } });
  return { find, alert, vm };
}

const SOCKS: Bridge = { id: 's', scheme: 'socks5', host: '127.0.0.1', port: 1080 };
const HTTP: Bridge = { id: 'h', scheme: 'http', host: 'proxy.example', port: 8080, username: 'u', password: 'p"w' };
const HTTPS: Bridge = { id: 't', scheme: 'https', host: '2001:db8::7', port: 443 };
const BRIDGES = [SOCKS, HTTP, HTTPS];
const SITES: BridgeScope = {
  kind: 'sites',
  patterns: ['*.example.net', 'news.example.com', '203.0.113.9', '2001:db8::99'],
};
const SCOPES: BridgeScope[] = [{ kind: 'cdt' }, SITES, { kind: 'all' }];
const URLS = [
  'https://chinadigitaltimes.net/2024/01/x/',
  'https://www.chinadigitaltimes.net/chinese/',
  'https://CHINADIGITALTIMES.NET./',
  'https://img.chinadigitaltimes.net/a.png',
  'https://notchinadigitaltimes.net/',
  'https://chinadigitaltimes.net.evil.example/',
  'https://cdt-mirror.example.org/post',
  'https://m.cdt-mirror.example.org/post',
  'https://example.org/',
  'https://example.net/',
  'https://a.b.example.net/',
  'https://news.example.com/',
  'https://www.news.example.com/',
  'http://203.0.113.9:8080/',
  'http://[2001:db8::99]/',
  'ws://chinadigitaltimes.net/socket',
  'wss://www.chinadigitaltimes.net/socket',
  'ftp://chinadigitaltimes.net/file',
  'http://localhost:3000/',
  'http://app.localhost/',
  'http://printer.local/',
  'http://intranet/',
  'http://printer.lan/',
  'http://nas.home.arpa/',
  'http://router.internal/',
  'http://mail.corp./',
  'http://other.test/',
  'http://lan.example.net/',
  'http://127.0.0.1/',
  'http://2130706433/',
  'http://0.0.0.0/',
  'http://10.1.2.3/',
  'http://172.16.0.1/',
  'http://172.32.0.1/',
  'http://192.168.1.1/',
  'http://169.254.169.254/',
  'http://100.64.0.1/',
  'http://100.128.0.1/',
  'http://8.8.8.8/',
  'http://[::1]/',
  'http://[::]/',
  'http://[fd12:3456::1]/',
  'http://[fe80::1]/',
  'http://[fec0::1]/',
  'http://[::ffff:192.168.0.1]/',
  'http://[::ffff:8.8.8.8]/',
  'http://[2001:db8::1]/',
  'http://xn--bcher-kva.example/',
];

function configFor(bridge: Bridge, scope: BridgeScope, fallbackDirect: boolean): RoutingConfig {
  return { bridge, scope, mirrors: ['cdt-mirror.example.org'], fallbackDirect };
}

/** Chrome hands FindProxyForURL the host without IPv6 brackets; Node's URL keeps them. Both must work. */
function hostsOf(url: string): string[] {
  const { hostname } = new URL(url);
  return [hostname, hostname.replace(/^\[(.*)\]$/, '$1')];
}

/** Every URL, under both host spellings, routes the same way through the PAC script and routeFor. */
async function expectPacAgrees(bridge: Bridge, scope: BridgeScope, fallbackDirect: boolean) {
  const config = configFor(bridge, scope, fallbackDirect);
  const { find, alert } = await loadPac(pacScript(config));
  let proxied = 0;
  for (const url of URLS) {
    const expected = pacResultFor(routeFor(url, config), fallbackDirect);
    if (expected !== 'DIRECT') proxied++;
    for (const host of hostsOf(url)) expect([url, host, await find(url, host)]).toEqual([url, host, expected]);
  }
  expect(proxied).toBeGreaterThan(2);
  expect(alert).not.toHaveBeenCalled();
}

describe('pacScript agrees with routeFor', () => {
  for (const bridge of BRIDGES) {
    for (const scope of SCOPES) {
      for (const fallbackDirect of [false, true]) {
        it(`${bridge.scheme} bridge, scope ${scope.kind}, fallbackDirect ${fallbackDirect}`, () =>
          expectPacAgrees(bridge, scope, fallbackDirect));
      }
    }
  }

  it('agrees on random hosts', async () => {
    const config = configFor(SOCKS, SITES, false);
    const cdtConfig = configFor(SOCKS, { kind: 'cdt' }, false);
    const sites = await loadPac(pacScript(config));
    const cdt = await loadPac(pacScript(cdtConfig));
    const parts = ['example', 'net', 'com', 'news', 'chinadigitaltimes', 'local', 'localhost', 'www', 'a-b', '10', '1'];
    parts.push('lan', 'arpa', 'internal', 'home', 'test');
    let seed = 42;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let i = 0; i < 400; i++) {
      const labels = Array.from({ length: 1 + next(4) }, () => parts[next(parts.length)]);
      const url = `${['http', 'https', 'ws', 'wss', 'ftp'][next(5)]}://${labels.join('.')}/`;
      if (!URL.canParse(url)) continue;
      const host = new URL(url).hostname;
      expect(await sites.find(url, host)).toBe(pacResultFor(routeFor(url, config), false));
      expect(await cdt.find(url, host)).toBe(pacResultFor(routeFor(url, cdtConfig), false));
    }
  });

  it('says SOCKS5, never SOCKS, and adds DIRECT only when asked', () => {
    const socks = pacScript(configFor(SOCKS, { kind: 'all' }, false));
    expect(socks).toContain('var CORAL_PROXY = "SOCKS5 127.0.0.1:1080";');
    expect(socks).not.toMatch(/"SOCKS /);
    expect(pacScript(configFor(HTTP, { kind: 'all' }, true))).toContain('"PROXY proxy.example:8080; DIRECT"');
    expect(pacScript(configFor(HTTPS, { kind: 'all' }, false))).toContain('"HTTPS [2001:db8::7]:443"');
  });

  it('never writes credentials into the script', () => {
    const script = pacScript(configFor(HTTP, { kind: 'all' }, false));
    expect(script).not.toContain('p"w');
    expect(script).not.toMatch(/"u"/);
  });

  it('routes everything direct without a bridge', async () => {
    const { find } = await loadPac(
      pacScript({ bridge: null, scope: { kind: 'all' }, mirrors: [], fallbackDirect: false }),
    );
    expect(await find('https://chinadigitaltimes.net/')).toBe('DIRECT');
  });
});

describe('hostile input', () => {
  const HOSTILE = [
    '"; return "DIRECT',
    'x"+alert(1)+"y.example',
    '*.example"+alert(2)+".org',
    "a'+alert(3)+'.example",
    'evil.example\n}alert(4);{',
    'evil.example\u2028alert(5)',
    'evil.example\u2029alert(6)',
    '</script><script>alert(7)</script>',
    'evil\\"alert(8).example',
    'chinadigitaltimes.net"]; CORAL_ALL = true; ["',
  ];

  it('keeps hostile patterns and mirror names out, and routes as routeFor says', async () => {
    const config: RoutingConfig = {
      bridge: SOCKS,
      scope: { kind: 'sites', patterns: [...HOSTILE, 'ok.example'] },
      mirrors: HOSTILE,
      fallbackDirect: false,
    };
    for (const scope of [config.scope, { kind: 'cdt' } as const]) {
      const scoped = { ...config, scope };
      const script = pacScript(scoped);
      expect(script).not.toContain('alert');
      const { find, alert } = await loadPac(script);
      for (const url of [
        'https://ok.example/',
        'https://evil.example/',
        'https://example.org/',
        'https://x.example/',
      ]) {
        expect(await find(url)).toBe(pacResultFor(routeFor(url, scoped), false));
      }
      expect(await find('https://ok.example/')).toBe(scope.kind === 'sites' ? 'SOCKS5 127.0.0.1:1080' : 'DIRECT');
      expect(alert).not.toHaveBeenCalled();
    }
  });

  it('refuses a hostile bridge host or port', () => {
    for (const host of HOSTILE) {
      const bridge = { ...SOCKS, host };
      expect(() => pacScript(configFor(bridge, { kind: 'cdt' }, false))).toThrow();
      expect(() => routeFor('https://chinadigitaltimes.net/', configFor(bridge, { kind: 'cdt' }, false))).toThrow();
      expect(() => fixedServersFor(bridge)).toThrow();
    }
    expect(() => pacScript(configFor({ ...SOCKS, port: 1e6 }, { kind: 'all' }, false))).toThrow();
    const scheme = { ...SOCKS, scheme: 'socks' } as unknown as Bridge;
    expect(() => pacScript(configFor(scheme, { kind: 'all' }, false))).toThrow();
  });

  it('escapes any string into a literal that evaluates back to itself and runs nothing', async () => {
    const vm = await QuickJS.create({ wasm });
    let calls = 0;
    using fn = vm.newFunction('alert', () => {
      calls++;
      return vm.undefined;
    });
    vm.setProp(vm.global, 'alert', fn);
    for (const value of [...HOSTILE, '\u0000\u001f\u007f', `$${'{'}alert(9)}`, '\\u0022']) {
      const literal = pacLiteral(value);
      expect(literal).not.toMatch(/[\u2028\u2029<\n]/);
      using result = vm.evalCode(`(${literal})`);
      expect(vm.dump(result)).toBe(value);
    }
    expect(calls).toBe(0);
    vm.dispose();
  });
});

describe('browser helpers', () => {
  it('gives Chrome fixed servers with the local bypass list', () => {
    expect(fixedServersFor(SOCKS)).toEqual({
      singleProxy: { scheme: 'socks5', host: '127.0.0.1', port: 1080 },
      bypassList: CHROME_BYPASS_LIST,
    });
    expect(CHROME_BYPASS_LIST).toEqual(expect.arrayContaining(['<local>', '10.0.0.0/8', 'fc00::/7', 'fe80::/10']));
  });

  it('bypasses, in fixed-servers mode, every local name routeFor keeps direct, and no test or public name', () => {
    // Chrome's host rules: `*` matches any run of characters, `<local>` any name without a dot.
    const bypassed = (host: string) =>
      CHROME_BYPASS_LIST.some((rule) =>
        rule === '<local>'
          ? !host.includes('.')
          : !rule.includes('/') && new RegExp(`^${rule.replace(/\./g, '\\.').replace(/\*/g, '.*')}$`).test(host),
      );
    const all = configFor(SOCKS, { kind: 'all' }, false);
    const names = ['printer.lan', 'nas.home.arpa', 'router.internal', 'something.local', 'nas', 'localhost', 'a.corp'];
    for (const host of names) {
      expect([host, routeFor(`http://${host}/`, all).kind, bypassed(host)]).toEqual([host, 'direct', true]);
    }
    for (const host of ['other.test', 'chinadigitaltimes.net', 'lan.example.net', 'corp.example.org']) {
      expect([host, routeFor(`http://${host}/`, all).kind, bypassed(host)]).toEqual([host, 'proxy', false]);
    }
  });

  it('gives Firefox proxy info', () => {
    expect(firefoxProxyInfo({ kind: 'direct' })).toEqual({ type: 'direct' });
    expect(firefoxProxyInfo({ kind: 'proxy', scheme: 'socks5', host: '127.0.0.1', port: 9150 })).toEqual({
      type: 'socks',
      host: '127.0.0.1',
      port: 9150,
      proxyDNS: true,
    });
    expect(
      firefoxProxyInfo({ kind: 'proxy', scheme: 'https', host: 'p.example', port: 443 }, { failoverTimeout: 5 }),
    ).toEqual({ type: 'https', host: 'p.example', port: 443, failoverTimeout: 5 });
    expect(firefoxProxyInfo({ kind: 'proxy', scheme: 'http', host: 'p.example', port: 80 })).toEqual({
      type: 'http',
      host: 'p.example',
      port: 80,
    });
  });
});
