import { describe, expect, it } from 'vitest';
import { draftOf, draftScope, settingsFromDraft, withBridge, withoutBridge } from '../../../utils/bridge/draft';
import { bridgeToAdd, EMPTY_FIELDS, type FormInput, formFeedback } from '../../../utils/bridge/form';
import type { BridgeSettings } from '../../../utils/shared/bridge-types';
import { bridgeOn, httpBridge, socksBridge } from '../../support/bridges';

const http = httpBridge;
const socks = socksBridge;
const settings: BridgeSettings = { ...bridgeOn, scope: { kind: 'sites', patterns: ['example.org', '*.example.net'] } };
const ids = (() => {
  let n = 0;
  return () => `new-${++n}`;
})();

describe('bridge draft', () => {
  it('round-trips stored settings, keeping the switch from the latest stored value', () => {
    const draft = draftOf(settings);
    expect(draft.sitesText).toBe('example.org\n*.example.net');
    const scope = draftScope(draft);
    expect(scope).toEqual({ ok: true, scope: settings.scope });
    if (scope.ok) expect(settingsFromDraft(draft, scope.scope, false)).toEqual({ ...settings, enabled: false });
  });

  it('refuses a duplicate server and keeps a preset’s id the first time', () => {
    const draft = draftOf({ ...settings, activeId: undefined, bridges: [http] });
    expect(withBridge(draft, { scheme: 'http', host: 'proxy.test', port: 3128 }, undefined, ids)).toBeNull();
    const added = withBridge(draft, { scheme: 'socks5', host: '127.0.0.1', port: 9150 }, 'tor', ids);
    expect(added?.bridges.map((b) => b.id)).toEqual(['a', 'tor']);
    expect(added?.activeId).toBe('tor');
    const again = withBridge({ ...draft, ...added }, { scheme: 'socks5', host: '127.0.0.1', port: 9151 }, 'tor', ids);
    expect(again?.bridges.at(-1)?.id).toMatch(/^new-/);
    expect(again?.activeId).toBe('tor');
  });

  it('makes the first bridge left active when the active one is removed', () => {
    expect(withoutBridge(draftOf(settings), 'a')).toEqual({ bridges: [socks], activeId: 'b' });
    expect(withoutBridge(draftOf(settings), 'b')).toEqual({ bridges: [http], activeId: 'a' });
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
    const draft = { ...draftOf(settings), activeId: 'gone' };
    expect(settingsFromDraft(draft, { kind: 'cdt' }, true)).not.toHaveProperty('activeId');
  });
});

describe('bridge form feedback', () => {
  const input = (over: Partial<FormInput>): FormInput => ({
    separate: false,
    url: '',
    fields: EMPTY_FIELDS,
    tried: false,
    ...over,
  });

  it('says nothing about an untouched form until Add is pressed', () => {
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

  it('explains a Tor bridge line before anything else, then the last Add', () => {
    const tor = input({ url: 'Bridge obfs4 192.0.2.1:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=x iat-mode=0' });
    expect(formFeedback(tor, { kind: 'ok', text: 'Added' })).toEqual({ kind: 'tor', transport: 'obfs4' });
    expect(formFeedback(input({ url: 'nonsense' }), { kind: 'ok', text: 'Added' })).toEqual({
      kind: 'note',
      note: { kind: 'ok', text: 'Added' },
    });
  });

  it('names a bridge only when a name was given', () => {
    const bridge = { scheme: 'http' as const, host: 'proxy.test', port: 3128 };
    expect(bridgeToAdd(bridge, '  Home  ')).toEqual({ ...bridge, name: 'Home' });
    expect(bridgeToAdd(bridge, '  ')).toEqual(bridge);
  });
});
