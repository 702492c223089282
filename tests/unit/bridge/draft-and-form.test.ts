import { describe, expect, it } from 'vitest';
import { type Draft, draftOf, draftScope, planSave, withBridge, withoutBridge } from '../../../utils/bridge/draft';
import {
  bridgeToAdd,
  EMPTY_FIELDS,
  type FormInput,
  formFeedback,
  offersLogin,
  typedBridge,
  withField,
} from '../../../utils/bridge/form';
import type { BridgeSettings } from '../../../utils/shared/bridge-types';
import { bridgeOn, httpBridge, socksBridge } from '../../support/bridges';

const http = httpBridge;
const socks = socksBridge;
const settings: BridgeSettings = { ...bridgeOn, scope: { kind: 'sites', patterns: ['example.org', '*.example.net'] } };
const ids = (() => {
  let n = 0;
  return () => `new-${++n}`;
})();
const none = { kind: 'none' } as const;

describe('bridge draft', () => {
  it('round-trips stored settings through Save, keeping the switch and the bridges as stored', () => {
    const draft = draftOf(settings);
    expect(draft).toEqual({ scopeKind: 'sites', sitesText: 'example.org\n*.example.net', fallbackDirect: false });
    expect(draftScope(draft)).toEqual({ ok: true, scope: settings.scope });
    expect(planSave(settings, draft, none, ids)).toEqual({ ok: true, settings });
    const off = { ...settings, enabled: false };
    expect(planSave(off, { ...draft, fallbackDirect: true }, none, ids)).toEqual({
      ok: true,
      settings: { ...off, fallbackDirect: true },
    });
  });

  it('adds a typed bridge and makes it the active one, in the same Save as the scope', () => {
    const typed = { kind: 'valid', bridge: { scheme: 'socks5', host: '127.0.0.1', port: 9150 } } as const;
    const plan = planSave(bridgeOn, { ...draftOf(bridgeOn), scopeKind: 'all' }, typed, () => 'fresh');
    expect(plan).toEqual({
      ok: true,
      settings: {
        ...bridgeOn,
        bridges: [http, socks, { id: 'fresh', ...typed.bridge }],
        activeId: 'fresh',
        scope: { kind: 'all' },
      },
      typed: { bridge: { id: 'fresh', ...typed.bridge }, existed: false },
    });
  });

  it('saves nothing when the address or the site list is wrong, or when there is no bridge at all', () => {
    const empty: BridgeSettings = { enabled: false, bridges: [], scope: { kind: 'cdt' }, fallbackDirect: false };
    const cdt: Draft = draftOf(empty);
    expect(planSave(empty, cdt, none, ids)).toEqual({ ok: false, problem: 'no-bridge', sitesEmpty: false });
    expect(planSave(bridgeOn, cdt, { kind: 'invalid' }, ids)).toEqual({
      ok: false,
      problem: 'address',
      sitesEmpty: false,
    });
    const noSites: Draft = { ...cdt, scopeKind: 'sites', sitesText: ' ' };
    expect(planSave(bridgeOn, noSites, none, ids)).toEqual({ ok: false, problem: 'sites', sitesEmpty: true });
    // A bad address is named first, but the empty list is still flagged for the page to show.
    expect(planSave(bridgeOn, noSites, { kind: 'invalid' }, ids)).toMatchObject({
      problem: 'address',
      sitesEmpty: true,
    });
  });

  it('updates a server already listed instead of listing it twice, and keeps a preset’s id the first time', () => {
    const again = withBridge([http], { scheme: 'http', host: 'proxy.test', port: 3128, name: 'Office' }, 'x', ids);
    expect(again).toEqual({
      bridges: [{ ...http, name: 'Office' }],
      bridge: { ...http, name: 'Office' },
      existed: true,
    });
    const added = withBridge([http], { scheme: 'socks5', host: '127.0.0.1', port: 9150 }, 'tor', ids);
    expect(added.bridges.map((b) => b.id)).toEqual(['a', 'tor']);
    const other = withBridge(added.bridges, { scheme: 'socks5', host: '127.0.0.1', port: 9151 }, 'tor', ids);
    expect(other.bridge.id).toMatch(/^new-/);
    expect(other.existed).toBe(false);
  });

  it('takes a new password for a listed login, which Save then writes', () => {
    const alice = { ...http, username: 'alice' };
    const typed = { scheme: 'http' as const, host: 'proxy.test', port: 3128, username: 'alice', password: 'n3w' };
    expect(withBridge([alice], typed, undefined, ids).bridges).toEqual([{ ...alice, password: 'n3w' }]);
  });

  it('makes the first bridge left active when the active one is removed', () => {
    expect(withoutBridge(settings, 'a')).toEqual({ ...settings, bridges: [socks], activeId: 'b' });
    expect(withoutBridge(settings, 'b')).toEqual({ ...settings, bridges: [http], activeId: 'a' });
    expect(withoutBridge({ ...settings, bridges: [http] }, 'a')).not.toHaveProperty('activeId');
  });

  it('refuses a site list with mistakes or with no site', () => {
    expect(draftScope({ ...draftOf(settings), sitesText: '  ' })).toEqual({ ok: false, sitesEmpty: true });
    expect(draftScope({ ...draftOf(settings), sitesText: 'example.org *.example.*' })).toEqual({
      ok: false,
      sitesEmpty: false,
    });
    expect(draftScope({ ...draftOf(settings), scopeKind: 'all' })).toEqual({ ok: true, scope: { kind: 'all' } });
  });

  it('drops an active id that names no bridge', () => {
    const plan = planSave({ ...settings, activeId: 'gone' }, draftOf(settings), none, ids);
    expect(plan.ok && plan.settings).not.toHaveProperty('activeId');
  });
});

describe('bridge form', () => {
  const input = (over: Partial<FormInput>): FormInput => ({
    separate: false,
    url: '',
    fields: EMPTY_FIELDS,
    tried: false,
    ...over,
  });

  it('says nothing about an untouched form until a Save needed a bridge from it', () => {
    expect(formFeedback(input({}), null)).toEqual({ kind: 'none' });
    expect(formFeedback(input({ tried: true }), null)).toEqual({ kind: 'invalid', error: 'empty' });
  });

  it('checks as the user types, in one address or separate fields', () => {
    expect(formFeedback(input({ url: 'socks5://127.0.0.1' }), null)).toEqual({
      kind: 'invalid',
      error: 'missing-port',
    });
    expect(formFeedback(input({ url: 'socks5://127.0.0.1:1080' }), null)).toMatchObject({
      kind: 'valid',
      bridge: { scheme: 'socks5', host: '127.0.0.1', port: 1080 },
    });
    const fields = { ...EMPTY_FIELDS, scheme: 'http', host: 'proxy.test', port: '8080' };
    expect(formFeedback(input({ separate: true, fields }), null)).toMatchObject({ kind: 'valid' });
  });

  it('explains a Tor bridge line before anything else, then the last Save', () => {
    const tor = input({ url: 'Bridge obfs4 192.0.2.1:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=x iat-mode=0' });
    expect(formFeedback(tor, { kind: 'ok', text: 'Added' })).toEqual({ kind: 'tor', transport: 'obfs4' });
    expect(formFeedback(input({ url: 'nonsense' }), { kind: 'ok', text: 'Added' })).toEqual({
      kind: 'note',
      note: { kind: 'ok', text: 'Added' },
    });
  });

  it('gives Save nothing for an empty form, a refusal for anything that is not a bridge, else the bridge', () => {
    expect(typedBridge(input({ url: '   ' }), 'Home')).toEqual({ kind: 'none' });
    expect(typedBridge(input({ url: 'socks5://127.0.0.1' }), '')).toEqual({ kind: 'invalid' });
    expect(typedBridge(input({ url: 'obfs4 192.0.2.1:443 cert=x' }), '')).toEqual({ kind: 'invalid' });
    expect(typedBridge(input({ url: ' http://proxy.test:3128 ' }), ' Home ', 'preset-x')).toEqual({
      kind: 'valid',
      bridge: { scheme: 'http', host: 'proxy.test', port: 3128, name: 'Home' },
      presetId: 'preset-x',
    });
    const fields = { ...EMPTY_FIELDS, host: 'socks.test', port: '1080' };
    expect(typedBridge(input({ separate: true, fields, url: 'ignored' }), '')).toMatchObject({
      kind: 'valid',
      bridge: { scheme: 'socks5', host: 'socks.test', port: 1080 },
    });
  });

  it('offers a login for HTTP(S) only, and drops one typed before SOCKS5 was chosen', () => {
    expect(offersLogin(EMPTY_FIELDS)).toBe(false);
    const http = withField(withField(EMPTY_FIELDS, 'scheme', 'https'), 'username', 'alice');
    expect(offersLogin(http)).toBe(true);
    expect(withField(http, 'password', 'pw')).toMatchObject({ username: 'alice', password: 'pw' });
    expect(withField({ ...http, password: 'pw' }, 'scheme', 'socks5')).toMatchObject({ username: '', password: '' });
  });

  it('names a bridge only when a name was given', () => {
    const bridge = { scheme: 'http' as const, host: 'proxy.test', port: 3128 };
    expect(bridgeToAdd(bridge, '  Home  ')).toEqual({ ...bridge, name: 'Home' });
    expect(bridgeToAdd(bridge, '  ')).toEqual(bridge);
  });
});
