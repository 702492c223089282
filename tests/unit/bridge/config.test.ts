import { describe, expect, it } from 'vitest';
import {
  BRIDGE_INPUT_MESSAGES,
  type BridgeInputError,
  bridgeToUrl,
  describeBridge,
  parseBridgeUrl,
  parseSitePatterns,
  recogniseTorBridgeLine,
  validateBridgeFields,
} from '../../../utils/bridge/config';
import { BRIDGE_PRESETS } from '../../../utils/bridge/presets';
import type { Bridge } from '../../../utils/shared/bridge-types';
import { pageMessage } from '../../../utils/shared/page-messages';

describe('parseBridgeUrl', () => {
  it.each<[string, Omit<Bridge, 'id'>]>([
    ['socks5://203.0.113.7:1080', { scheme: 'socks5', host: '203.0.113.7', port: 1080 }],
    ['  SOCKS5H://Proxy.Example:1080/ ', { scheme: 'socks5', host: 'proxy.example', port: 1080 }],
    [
      'http://user:pass@proxy.example:8080',
      { scheme: 'http', host: 'proxy.example', port: 8080, username: 'user', password: 'pass' },
    ],
    [
      'https://al%40ice:p%3As%20w%25rd%22@proxy.example:443',
      { scheme: 'https', host: 'proxy.example', port: 443, username: 'al@ice', password: 'p:s w%rd"' },
    ],
    ['http://user@proxy.example:3128', { scheme: 'http', host: 'proxy.example', port: 3128, username: 'user' }],
    ['socks5://[::1]:1080', { scheme: 'socks5', host: '::1', port: 1080 }],
    ['https://[2001:DB8::1]:443', { scheme: 'https', host: '2001:db8::1', port: 443 }],
    ['http://bücher.example:80', { scheme: 'http', host: 'xn--bcher-kva.example', port: 80 }],
    ['socks5://localhost:9150', { scheme: 'socks5', host: 'localhost', port: 9150 }],
    ['http://proxy.example.:65535', { scheme: 'http', host: 'proxy.example', port: 65535 }],
  ])('reads %s', (input, bridge) => {
    expect(parseBridgeUrl(input)).toEqual({ ok: true, bridge });
  });

  it.each<[string, BridgeInputError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['127.0.0.1:1080', 'no-scheme'],
    ['proxy.example:8080', 'no-scheme'],
    ['socks://127.0.0.1:1080', 'socks4'],
    ['socks4://127.0.0.1:1080', 'socks4'],
    ['socks4a://127.0.0.1:1080', 'socks4'],
    ['ftp://proxy.example:21', 'unsupported-scheme'],
    ['quic://proxy.example:443', 'unsupported-scheme'],
    ['socks5://127.0.0.1', 'missing-port'],
    ['socks5://127.0.0.1:', 'missing-port'],
    ['socks5://127.0.0.1:0', 'invalid-port'],
    ['socks5://127.0.0.1:65536', 'invalid-port'],
    ['socks5://127.0.0.1:99999999', 'invalid-port'],
    ['socks5://127.0.0.1:10a8', 'invalid-port'],
    ['socks5://127.0.0.1:-1', 'invalid-port'],
    ['socks5://user:pass@127.0.0.1:1080', 'socks-credentials'],
    ['socks5h://user@127.0.0.1:1080', 'socks-credentials'],
    ['http://proxy.example:8080/path', 'path'],
    ['http://proxy.example:8080?x=1', 'path'],
    ['http://proxy.example:8080#frag', 'path'],
    ['http://us/er:pw@proxy.example:8080', 'invalid-credentials'],
    ['http://:pw@proxy.example:8080', 'invalid-credentials'],
    ['http://u:%E0%A4%A@proxy.example:8080', 'invalid-credentials'],
    ['http://u%3Ab:pw@proxy.example:8080', 'invalid-credentials'],
    ['http://u:%0Apw@proxy.example:8080', 'control-character'],
    ['http://proxy example:8080', 'whitespace'],
    ['http://proxy.example:8080\nx', 'control-character'],
    ['http://proxy\u0000.example:8080', 'control-character'],
    ['http://proxy\u2028.example:8080', 'control-character'],
    ['http://pro"xy.example:8080', 'quote'],
    ["http://pro'xy.example:8080", 'quote'],
    ['socks5://"; return "DIRECT:1080', 'whitespace'],
    ['socks5://x";alert(1);":1080', 'quote'],
    ['http://pro<xy.example:8080', 'invalid-character'],
    ['socks5://2001:db8::1:1080', 'ipv6-brackets'],
    ['socks5://[2001:db8::1:1080', 'invalid-host'],
    ['socks5://[2001:db8::1]1080', 'invalid-host'],
    ['socks5://[fe80::1%25eth0]:1080', 'invalid-host'],
    ['socks5://pro_xy-.example:1080', 'invalid-host'],
    ['socks5://*.example.org:1080', 'invalid-host'],
    ['socks5://1.2.3.4.5:1080', 'invalid-host'],
    ['socks5://:1080', 'invalid-host'],
    ['Bridge obfs4 192.0.2.1:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=abc iat-mode=0', 'tor-bridge-line'],
  ])('refuses %j (%s)', (input, error) => {
    const result = parseBridgeUrl(input);
    expect(result).toEqual({ ok: false, error, message: BRIDGE_INPUT_MESSAGES[error] });
  });

  it('explains why SOCKS5 cannot carry a password', () => {
    const result = parseBridgeUrl('socks5://u:p@127.0.0.1:1080');
    expect(result.ok || result.message).toMatch(/cannot send a user name and password to a SOCKS5 proxy/);
  });
});

describe('validateBridgeFields', () => {
  it('accepts the separate fields with credentials taken as typed', () => {
    expect(
      validateBridgeFields({
        scheme: 'http',
        host: ' Proxy.Example ',
        port: '8080',
        username: 'a%20b',
        password: 'p w',
      }),
    ).toEqual({
      ok: true,
      bridge: { scheme: 'http', host: 'proxy.example', port: 8080, username: 'a%20b', password: 'p w' },
    });
    expect(validateBridgeFields({ scheme: 'socks5', host: '[::1]', port: 9150, username: '', password: '' })).toEqual({
      ok: true,
      bridge: { scheme: 'socks5', host: '::1', port: 9150 },
    });
    expect(validateBridgeFields({ scheme: 'socks5', host: '2001:db8::2', port: 1080 })).toMatchObject({ ok: true });
  });

  it.each<[Parameters<typeof validateBridgeFields>[0], BridgeInputError]>([
    [{ scheme: 'socks4', host: '127.0.0.1', port: 1080 }, 'socks4'],
    [{ scheme: 'gopher', host: '127.0.0.1', port: 1080 }, 'unsupported-scheme'],
    [{ scheme: 'http', host: '', port: 1080 }, 'empty'],
    [{ scheme: 'http', host: 'a b', port: 1080 }, 'whitespace'],
    [{ scheme: 'http', host: 'a"b', port: 1080 }, 'quote'],
    [{ scheme: 'http', host: 'a\u2029b', port: 1080 }, 'control-character'],
    [{ scheme: 'http', host: 'http://proxy.example', port: 1080 }, 'invalid-host'],
    [{ scheme: 'http', host: 'proxy.example', port: '' }, 'missing-port'],
    [{ scheme: 'http', host: 'proxy.example', port: 1.5 }, 'invalid-port'],
    [{ scheme: 'http', host: 'proxy.example', port: 70000 }, 'invalid-port'],
    [{ scheme: 'http', host: 'proxy.example', port: 'x' }, 'invalid-port'],
    [{ scheme: 'socks5', host: '127.0.0.1', port: 1080, username: 'u' }, 'socks-credentials'],
    [{ scheme: 'http', host: 'proxy.example', port: 80, password: 'p' }, 'invalid-credentials'],
    [{ scheme: 'http', host: 'proxy.example', port: 80, username: 'a:b', password: 'p' }, 'invalid-credentials'],
  ])('refuses %j (%s)', (fields, error) => {
    expect(validateBridgeFields(fields)).toMatchObject({ ok: false, error });
  });
});

describe('recogniseTorBridgeLine', () => {
  it.each([
    ['Bridge obfs4 1.2.3.4:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=AbC/+= iat-mode=0', 'obfs4'],
    ['obfs4 1.2.3.4:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=x iat-mode=0', 'obfs4'],
    [
      'Bridge snowflake 192.0.2.3:80 2B280B23E1107BB62ABFC40DDCC8824814F80A72 fingerprint=2B28 url=https://x/',
      'snowflake',
    ],
    ['webtunnel [2001:db8::1]:443 0123456789ABCDEF0123456789ABCDEF01234567 url=https://w.example/p', 'webtunnel'],
    ['bridge meek_lite 192.0.2.2:2 97700DFE9F483596DDA6264C4D7DF7641E1E39CE url=https://meek.example/', 'meek_lite'],
    ['\n  Bridge 192.0.2.4:9001 0123456789ABCDEF0123456789ABCDEF01234567\nBridge obfs4 …', 'vanilla'],
  ])('%s', (line, transport) => {
    expect(recogniseTorBridgeLine(line)).toEqual({ transport });
  });

  it.each(['socks5://127.0.0.1:1080', 'obfs4 is a transport', 'snowflake', 'http://obfs4.example:80', ''])(
    'ignores %j',
    (line) => {
      expect(recogniseTorBridgeLine(line)).toBeNull();
    },
  );
});

describe('bridgeToUrl and describeBridge', () => {
  const bridge = {
    name: 'Office',
    scheme: 'http',
    host: 'proxy.example',
    port: 8080,
    username: 'al@ice',
    password: 'p:w/%',
  } as const;

  it('writes a URL that parses back, with the password only when asked', () => {
    expect(bridgeToUrl(bridge, { withPassword: false })).toBe('http://al%40ice@proxy.example:8080');
    const withPassword = bridgeToUrl(bridge, { withPassword: true });
    expect(withPassword).toBe('http://al%40ice:p%3Aw%2F%25@proxy.example:8080');
    expect(parseBridgeUrl(withPassword)).toEqual({
      ok: true,
      bridge: { scheme: 'http', host: 'proxy.example', port: 8080, username: 'al@ice', password: 'p:w/%' },
    });
    expect(bridgeToUrl({ scheme: 'socks5', host: '::1', port: 1080 }, { withPassword: true })).toBe(
      'socks5://[::1]:1080',
    );
  });

  it('describes without the password', () => {
    expect(describeBridge(bridge)).toBe('Office — HTTP al@ice@proxy.example:8080');
    expect(describeBridge({ scheme: 'socks5', host: '2001:db8::1', port: 1080 })).toBe('SOCKS5 [2001:db8::1]:1080');
    expect(describeBridge(bridge)).not.toContain('p:w');
  });
});

describe('parseSitePatterns', () => {
  it('reads lines and commas, normalises, and drops duplicates', () => {
    const text =
      'Example.org\n*.News.Example.COM, .twitter.com;https://www.bbc.co.uk/news?x=1\nexample.org\nbücher.example:8080\n[2001:db8::1]';
    expect(parseSitePatterns(text)).toEqual({
      patterns: [
        'example.org',
        '*.news.example.com',
        '*.twitter.com',
        'www.bbc.co.uk',
        'xn--bcher-kva.example',
        '2001:db8::1',
      ],
      errors: [],
      problems: [],
      tooMany: false,
    });
  });

  it.each([
    ['*.example.*', /only wildcard allowed/, 'wildcard'],
    ['ex*ample.org', /only wildcard allowed/, 'wildcard'],
    ['*', /only wildcard allowed/, 'wildcard'],
    ['*.203.0.113.7', /wildcard cannot be used with an IP/, 'wildcard-ip'],
    ['localhost', /local and private/, 'local'],
    ['intranet', /local and private/, 'local'],
    ['*.local', /local and private/, 'local'],
    ['192.168.1.1', /local and private/, 'local'],
    ['[fe80::1]', /local and private/, 'local'],
    ['ftp://example.org', /only web addresses/, 'not-web'],
    ['user@example.org', /no user name/, 'user-name'],
    ['exa"mple.org', /not a valid host/, 'invalid-host'],
    ['"+alert(1)+".example', /not a valid host/, 'invalid-host'],
    ['a_b-.example', /not a valid host/, 'invalid-host'],
  ])('refuses %s', (entry, reason, code) => {
    const { patterns, errors, problems } = parseSitePatterns(entry);
    expect(patterns).toEqual([]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(reason);
    // The options page gets a code to word in the user's language, never the English above.
    expect(problems).toEqual([{ entry, error: code }]);
  });

  it('keeps the good entries next to the bad ones', () => {
    expect(parseSitePatterns('good.example, bad"one, *.fine.example')).toEqual({
      patterns: ['good.example', '*.fine.example'],
      errors: ['“bad"one”: not a valid host name.'],
      problems: [{ entry: 'bad"one', error: 'invalid-host' }],
      tooMany: false,
    });
  });
});

describe('BRIDGE_PRESETS', () => {
  it('are valid bridges with an explanation in the locale files', () => {
    expect(BRIDGE_PRESETS.map((p) => `${p.bridge.scheme} ${p.bridge.host}:${p.bridge.port}`)).toEqual([
      'socks5 127.0.0.1:1080',
      'http 127.0.0.1:8080',
      'socks5 127.0.0.1:9150',
    ]);
    for (const preset of BRIDGE_PRESETS) {
      const { scheme, host, port } = preset.bridge;
      expect(validateBridgeFields({ scheme, host, port })).toEqual({ ok: true, bridge: { scheme, host, port } });
      expect(pageMessage(preset.explanationKey, [], () => '')).toMatch(/^[A-Z].{40,}\.$/);
    }
  });
});
