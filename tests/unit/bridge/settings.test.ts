import { describe, expect, it } from 'vitest';
import {
  activeBridge,
  bridgeSettings,
  exportBridgeSettings,
  importBridgeSettings,
  keepStoredPasswords,
  routingConfig,
} from '../../../utils/bridge/settings';
import type { Bridge, BridgeSettings } from '../../../utils/shared/bridge-types';

const tor: Bridge = { id: 'tor', name: 'Tor Browser', scheme: 'socks5', host: '127.0.0.1', port: 9150 };
const office: Bridge = {
  id: 'office',
  name: 'Office',
  scheme: 'https',
  host: 'proxy.example',
  port: 443,
  username: 'al',
  password: 's3cret"',
};
const settings: BridgeSettings = {
  enabled: true,
  activeId: 'office',
  bridges: [tor, office],
  scope: { kind: 'sites', patterns: ['*.example.net', 'news.example.com'] },
  fallbackDirect: true,
};

describe('stored settings', () => {
  it('default to off, no bridges, CDT only, no falling back', async () => {
    expect(await bridgeSettings.getValue()).toEqual({
      enabled: false,
      bridges: [],
      scope: { kind: 'cdt' },
      fallbackDirect: false,
    });
    await bridgeSettings.setValue(settings);
    expect(await bridgeSettings.getValue()).toEqual(settings);
  });

  it('pick the active bridge', () => {
    expect(activeBridge(settings)?.id).toBe('office');
    expect(activeBridge({ ...settings, activeId: undefined })?.id).toBe('tor');
    expect(activeBridge({ ...settings, activeId: 'gone' })).toBeNull();
    expect(activeBridge({ ...settings, activeId: undefined, bridges: [] })).toBeNull();
  });

  it('route nothing while switched off', () => {
    expect(routingConfig(settings, ['m.example'])).toEqual({
      bridge: office,
      scope: settings.scope,
      mirrors: ['m.example'],
      fallbackDirect: true,
    });
    expect(routingConfig({ ...settings, enabled: false }, []).bridge).toBeNull();
  });
});

describe('export and import', () => {
  it('leaves passwords out unless asked, and round-trips switched off', () => {
    const without = exportBridgeSettings(settings, { withPasswords: false });
    expect(without).not.toContain('s3cret');
    const parsed = JSON.parse(without);
    expect(parsed).toMatchObject({ format: 'coral-bridge-settings', formatVersion: 1, passwordsIncluded: false });
    expect(parsed).not.toHaveProperty('enabled');
    const imported = importBridgeSettings(without);
    const office = { ...settings.bridges[1], password: undefined };
    delete office.password;
    expect(imported).toEqual({
      ok: true,
      settings: { ...settings, enabled: false, bridges: [settings.bridges[0], office] },
    });

    const withPasswords = exportBridgeSettings(settings, { withPasswords: true });
    expect(JSON.parse(withPasswords).bridges[1].password).toBe('s3cret"');
    expect(importBridgeSettings(withPasswords)).toEqual({ ok: true, settings: { ...settings, enabled: false } });
  });

  it('keeps stored passwords for the same server and user', () => {
    const imported = importBridgeSettings(exportBridgeSettings(settings, { withPasswords: false }));
    if (!imported.ok) throw new Error(imported.message);
    expect(keepStoredPasswords(imported.settings, settings).bridges[1]?.password).toBe('s3cret"');
    const moved = { ...settings, bridges: [tor, { ...office, host: 'other.example' }] };
    expect(keepStoredPasswords(imported.settings, moved).bridges[1]?.password).toBeUndefined();
  });

  it('normalises what it accepts', () => {
    const file = {
      format: 'coral-bridge-settings',
      formatVersion: 1,
      bridges: [{ id: 'a', scheme: 'socks5h', host: 'Proxy.Example.', port: 1080, extra: 'ignored' }],
      scope: { kind: 'sites', patterns: ['Example.ORG', '.news.example'] },
    };
    expect(importBridgeSettings(JSON.stringify(file))).toEqual({
      ok: true,
      settings: {
        enabled: false,
        bridges: [{ id: 'a', scheme: 'socks5', host: 'proxy.example', port: 1080 }],
        scope: { kind: 'sites', patterns: ['example.org', '*.news.example'] },
        fallbackDirect: false,
      },
    });
  });

  const valid = JSON.parse(exportBridgeSettings(settings, { withPasswords: true }));
  const edit = (change: (data: typeof valid) => void) => {
    const copy = structuredClone(valid);
    change(copy);
    return JSON.stringify(copy);
  };

  it.each([
    ['not JSON', '{"format": ', 'not-json', /not JSON/],
    ['another file', '{"format":"something-else","formatVersion":1}', 'not-coral', /Coral bridge settings/],
    ['an array', '[]', 'not-coral', /Coral bridge settings/],
    ['a newer version', edit((d) => (d.formatVersion = 2)), 'newer-version', /newer version/],
    ['no version', edit((d) => delete d.formatVersion), 'invalid', /format version/],
    ['a huge file', ' '.repeat(1_000_001), 'too-large', /too large/],
    ['a hostile host', edit((d) => (d.bridges[0].host = '127.0.0.1"; return "DIRECT')), 'invalid', /Bridge 1: .*space/],
    ['a quoted host', edit((d) => (d.bridges[0].host = 'x";alert(1);"')), 'invalid', /Bridge 1: .*quote/],
    ['a host with a path', edit((d) => (d.bridges[0].host = 'evil.example/x')), 'invalid', /Bridge 1: .*not a valid/],
    ['a newline in a host', edit((d) => (d.bridges[0].host = 'a\nb.example')), 'invalid', /Bridge 1: .*control/],
    ['a SOCKS password', edit((d) => (d.bridges[0].password = 'x')), 'invalid', /Bridge 1: .*SOCKS5/],
    ['a string port', edit((d) => (d.bridges[0].port = '1080')), 'invalid', /numeric port/],
    ['a port out of range', edit((d) => (d.bridges[1].port = 70000)), 'invalid', /Bridge 2: .*port/],
    ['a SOCKS4 bridge', edit((d) => (d.bridges[0].scheme = 'socks4')), 'invalid', /SOCKS version 5/],
    ['a bad id', edit((d) => (d.bridges[0].id = '<img>')), 'invalid', /valid id/],
    ['duplicate ids', edit((d) => (d.bridges[1].id = 'tor')), 'invalid', /share an id/],
    ['a name with control characters', edit((d) => (d.bridges[0].name = 'a\u2028b')), 'invalid', /name is invalid/],
    ['an unknown active bridge', edit((d) => (d.activeId = 'nope')), 'invalid', /active bridge/],
    ['a hostile pattern', edit((d) => d.scope.patterns.push('"+alert(1)+"')), 'invalid', /Sites: .*not a valid host/],
    ['a pattern that is not text', edit((d) => d.scope.patterns.push(7)), 'invalid', /not text/],
    ['an unknown scope', edit((d) => (d.scope = { kind: 'everything' })), 'invalid', /scope must be/],
    ['a fallback that is not boolean', edit((d) => (d.fallbackDirect = 'yes')), 'invalid', /true or false/],
    ['bridges that are not a list', edit((d) => (d.bridges = { 0: d.bridges[0] })), 'invalid', /bridges are invalid/],
    ['a bridge that is not an object', edit((d) => (d.bridges[0] = 'socks5://127.0.0.1:1080')), 'invalid', /object/],
  ])('refuses %s', (_, json, error, message) => {
    const result = importBridgeSettings(json);
    expect(result).toMatchObject({ ok: false, error });
    expect(result.ok || result.message).toMatch(message);
  });

  it('copies only known fields, so __proto__ in the file changes nothing', () => {
    const json = edit((d) => (d.bridges[0].extra = 1)).replace('"extra": 1', '"__proto__": { "polluted": true }');
    const result = importBridgeSettings(json.replace('"bridges"', '"__proto__": { "enabled": true }, "bridges"'));
    if (!result.ok) throw new Error(result.message);
    expect(result.settings.enabled).toBe(false);
    expect(Object.getPrototypeOf(result.settings.bridges[0] ?? null)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
