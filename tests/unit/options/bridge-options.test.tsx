import type { IDBPDatabase } from 'idb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BridgeOptions } from '../../../components/options/BridgeOptions';
import zhCN from '../../../public/_locales/zh_CN/messages.json';
import { getBridgePassword } from '../../../utils/bridge/secrets';
import { bridgeSettings, DEFAULT_BRIDGE_SETTINGS, exportBridgeSettings } from '../../../utils/bridge/settings';
import { openLibrary } from '../../../utils/library/db/open';
import type { CoralDB } from '../../../utils/library/db/schema';
import type { BridgeSettings } from '../../../utils/shared/bridge-types';
import { renderTarget, until } from '../../support/render-helpers';

const container = renderTarget();

/** The form control whose label's text contains `text` (a <label for> or a wrapping <label>). */
function byLabel<T extends HTMLElement = HTMLInputElement>(text: string): T {
  const label = Array.from(container().querySelectorAll('label')).find((l) => l.textContent?.includes(text));
  if (!label) throw new Error(`no label "${text}"`);
  const id = label.getAttribute('for');
  const control = id ? container().querySelector(`#${id}`) : label.querySelector('input, select, textarea');
  if (!control) throw new Error(`no control for "${text}"`);
  return control as T;
}

function button(name: string): HTMLButtonElement {
  const found = Array.from(container().querySelectorAll('button')).find((b) =>
    (b.getAttribute('aria-label') ?? b.textContent ?? '').includes(name),
  );
  if (!found) throw new Error(`no button "${name}"`);
  return found;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

function at<T>(list: ArrayLike<T>, index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`nothing at ${index}`);
  return item;
}

const scopeRadio = (index: number) =>
  at(container().querySelectorAll<HTMLInputElement>('input[name="bridge-scope"]'), index);

const statusOfAddress = () => container().querySelector('#bridge-address-status')?.textContent ?? '';
const saveStatus = () => container().querySelector('#bridge-save-status')?.textContent ?? '';
const activeRadios = () => Array.from(container().querySelectorAll<HTMLInputElement>('input[name="active-bridge"]'));

/** Presses Save and waits for "Saved.", which must not be showing before. */
async function saveAndWait() {
  expect(saveStatus()).not.toBe('Saved.');
  button('Save').click();
  await until(() => saveStatus() === 'Saved.');
}

let library: Promise<IDBPDatabase<CoralDB>> | undefined;
/** A fresh database for each page shown, so no test sees another's passwords. */
const db = () => {
  library ??= openLibrary(`bridge-options-${crypto.randomUUID()}`);
  return library;
};

async function show(testBridge = vi.fn(), more: Partial<Parameters<typeof BridgeOptions>[0]> = {}) {
  library = undefined;
  // act runs the effects, so the stored settings are being read; they arrive asynchronously.
  await act(() => render(<BridgeOptions testBridge={testBridge} db={db} {...more} />, container()));
  const { bridges } = await bridgeSettings.getValue();
  await until(() => bridges.every((bridge) => container().textContent?.includes(bridge.host)));
  return testBridge;
}

/** Everything in storage.local, which content scripts can read too. */
const storageLocalText = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

describe('BridgeOptions', () => {
  it('explains an invalid address as the user types, and accepts a good one', async () => {
    await show();
    const address = byLabel('Bridge address');
    await act(() => type(address, 'socks5://127.0.0.1'));
    expect(statusOfAddress()).toBe('Add the port after a colon, such as :1080.');
    expect(address.getAttribute('aria-invalid')).toBe('true');
    await act(() => type(address, 'socks5://user:pw@127.0.0.1:1080'));
    expect(statusOfAddress()).toContain('cannot send a user name and password to a SOCKS5 proxy');
    await act(() => type(address, 'http://proxy.example:8080'));
    expect(statusOfAddress()).toBe('Looks right: HTTP proxy.example:8080');
    expect(address.getAttribute('aria-invalid')).toBeNull();
  });

  it('recognises a pasted Tor bridge line and explains why it cannot be used here', async () => {
    await show();
    await act(() =>
      type(
        byLabel('Bridge address'),
        'obfs4 192.0.2.10:443 0123456789ABCDEF0123456789ABCDEF01234567 cert=abc iat-mode=0',
      ),
    );
    const text = statusOfAddress();
    expect(text).toContain('Tor bridge line (obfs4)');
    expect(text).toContain('cannot speak');
    expect(text).toContain('Tor Browser');
  });

  it('checks the separate fields by the same rules', async () => {
    await show();
    const separate = byLabel('Enter the parts separately');
    await act(() => separate.click());
    await act(() => type(byLabel('Host'), 'proxy.example'));
    await act(() => type(byLabel('Port'), '99999'));
    expect(statusOfAddress()).toBe('The port must be a number from 1 to 65535.');
  });

  it('names the three scopes and shows the sites field only for "these sites"', async () => {
    await show();
    const radios = Array.from(container().querySelectorAll<HTMLInputElement>('input[name="bridge-scope"]'));
    const names = radios.map((radio) => radio.closest('label')?.textContent ?? '');
    expect(names[0]).toContain('CDT only');
    expect(names[1]).toContain('These sites');
    expect(names[2]).toContain('Everything');
    expect(at(radios, 0).checked).toBe(true);
    expect(container().querySelector('textarea')).toBeNull();
    await act(() => at(radios, 1).click());
    expect(byLabel<HTMLTextAreaElement>('Sites, one per line').tagName).toBe('TEXTAREA');
  });

  it('leaves falling back to direct off by default, with a warning', async () => {
    await show();
    const fallback = byLabel('Fall back to a direct connection');
    expect(fallback.checked).toBe(false);
    const warning = document.getElementById(fallback.getAttribute('aria-describedby') ?? '');
    expect(warning?.textContent).toContain('Leave this off');
  });

  it('keeps a typed bridge with the scope and the fallback at the first Save, keeping the switch as it was', async () => {
    await bridgeSettings.setValue({ enabled: true, bridges: [], scope: { kind: 'cdt' }, fallbackDirect: false });
    // Chrome answers an HTTP bridge's password challenge only for sites Coral may see: Save asks for them.
    const requestOrigins = vi.fn().mockResolvedValue(true);
    await show(vi.fn(), { firefox: false, requestOrigins });
    await act(() => type(byLabel('Bridge address'), 'http://alice:secret@proxy.example:8080'));
    await act(() => scopeRadio(1).click());
    await act(() => type(byLabel<HTMLTextAreaElement>('Sites, one per line'), '*.example.org\nnews.example.net'));
    await act(() => byLabel('Fall back to a direct connection').click());
    await saveAndWait();
    expect(requestOrigins).toHaveBeenCalledWith(['*://*.example.org/*', '*://news.example.net/*']);
    expect(statusOfAddress()).toContain('Added HTTP alice@proxy.example:8080');
    expect(byLabel('Bridge address').value).toBe('');

    const saved = await bridgeSettings.getValue();
    const alice = saved.bridges[0]?.id ?? '';
    expect(saved).toEqual({
      enabled: true,
      activeId: alice,
      bridges: [
        { id: expect.stringMatching(/^b-/), scheme: 'http', host: 'proxy.example', port: 8080, username: 'alice' },
      ],
      scope: { kind: 'sites', patterns: ['*.example.org', 'news.example.net'] },
      fallbackDirect: true,
    } satisfies BridgeSettings);
    // The password is in the extension's database, and the bridge's address is not in storage.local either.
    expect(await getBridgePassword(await db(), alice)).toBe('secret');
    expect(await storageLocalText()).not.toMatch(/proxy\.example|secret/);

    // A preset and Save: a second bridge, now the active one; the first keeps its password.
    await act(() => button('Fill in Tor Browser').click());
    expect(byLabel('Bridge address').value).toBe('socks5://127.0.0.1:9150');
    await saveAndWait();
    expect(activeRadios().map((radio) => radio.closest('label')?.textContent)).toEqual([
      'HTTP alice@proxy.example:8080',
      'Tor Browser — SOCKS5 127.0.0.1:9150',
    ]);
    expect(await bridgeSettings.getValue()).toMatchObject({ activeId: 'preset-tor-browser', fallbackDirect: true });
    expect(await getBridgePassword(await db(), alice)).toBe('secret');

    // Choosing and removing a bridge are kept at once, with no Save.
    await act(() => at(activeRadios(), 0).click());
    await until(async () => (await bridgeSettings.getValue()).activeId === alice);
    await act(() => button('Remove HTTP alice@proxy.example:8080').click());
    await until(() => activeRadios().length === 1);
    expect((await bridgeSettings.getValue()).bridges.map((bridge) => bridge.id)).toEqual(['preset-tor-browser']);
    expect(await getBridgePassword(await db(), alice)).toBeUndefined();
  });

  it('never says "Saved." when nothing was saved', async () => {
    await show();
    await act(() => button('Save').click());
    expect(saveStatus()).toBe('Nothing was saved: enter a bridge address first.');
    await until(() => statusOfAddress() === 'Enter the address of a proxy, such as socks5://127.0.0.1:1080.');
    await act(() => type(byLabel('Bridge address'), 'socks5://127.0.0.1'));
    await act(() => scopeRadio(2).click());
    await act(() => button('Save').click());
    expect(saveStatus()).toBe('Nothing was saved: correct the bridge address first.');
    await act(() => type(byLabel('Bridge address'), 'Bridge obfs4 192.0.2.1:443 cert=x'));
    await act(() => button('Save').click());
    expect(saveStatus()).toBe('Nothing was saved: correct the bridge address first.');
    expect(await bridgeSettings.getValue()).toEqual(DEFAULT_BRIDGE_SETTINGS);
    expect(container().textContent).not.toContain('Saved.');
  });

  it('says "Saved." only once the settings are read back as written', async () => {
    await show();
    await act(() => type(byLabel('Bridge address'), 'socks5://127.0.0.1:1080'));
    // A storage that answers but keeps nothing, then one that refuses.
    const setValue = vi.spyOn(bridgeSettings, 'setValue').mockResolvedValueOnce(undefined);
    await act(() => button('Save').click());
    await until(() => saveStatus().startsWith('Could not save'));
    expect(saveStatus()).toBe(
      'Could not save: the settings read back after saving are not the ones written. Try again.',
    );
    setValue.mockRejectedValueOnce(new Error('QuotaExceededError: the raw words of the browser'));
    await act(() => button('Save').click());
    await until(() => saveStatus() === 'Could not save: the browser did not store the settings. Try again.');
    expect(container().textContent).not.toContain('raw words');
    expect(byLabel('Bridge address').value).toBe('socks5://127.0.0.1:1080');
    setValue.mockRestore();
    await saveAndWait();
    expect((await bridgeSettings.getValue()).bridges).toHaveLength(1);
  });

  it('in Firefox, asks for the sites a wider scope needs during the click, and keeps nothing if refused', async () => {
    const requestOrigins = vi.fn().mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    await show(vi.fn(), { firefox: true, requestOrigins });
    await act(() => type(byLabel('Bridge address'), 'socks5://127.0.0.1:1080'));
    await act(() => scopeRadio(2).click());
    button('Save').click();
    // Asked before the click's handler returned: browsers show the prompt only then.
    expect(requestOrigins).toHaveBeenCalledWith(['*://*/*']);
    await until(() => saveStatus().startsWith('Nothing was saved: Coral needs access to these sites'));
    expect(await bridgeSettings.getValue()).toEqual(DEFAULT_BRIDGE_SETTINGS);
    await saveAndWait();
    expect(await bridgeSettings.getValue()).toMatchObject({ scope: { kind: 'all' }, bridges: [{ port: 1080 }] });
  });

  it('asks again when another bridge is chosen that needs more, and keeps the old choice if refused', async () => {
    const office = { id: 'office', scheme: 'http' as const, host: 'proxy.example', port: 8080, username: 'bob' };
    const home = { id: 'home', scheme: 'socks5' as const, host: '127.0.0.1', port: 1080 };
    await bridgeSettings.setValue({
      enabled: true,
      activeId: 'home',
      bridges: [home, office],
      scope: { kind: 'all' },
      fallbackDirect: false,
    });
    const requestOrigins = vi.fn().mockResolvedValue(false);
    await show(vi.fn(), { firefox: false, requestOrigins });
    await act(() => at(activeRadios(), 1).click());
    expect(requestOrigins).toHaveBeenCalledWith(['*://*/*']);
    await until(() => container().querySelector('.bridge-list .status')?.textContent?.includes('needs access'));
    expect((await bridgeSettings.getValue()).activeId).toBe('home');
    await until(() => at(activeRadios(), 0).checked);
  });

  it('asks Chrome for nothing when the bridge needs no password', async () => {
    const requestOrigins = vi.fn().mockResolvedValue(true);
    await show(vi.fn(), { firefox: false, requestOrigins });
    await act(() => type(byLabel('Bridge address'), 'socks5://127.0.0.1:1080'));
    await act(() => scopeRadio(2).click());
    await saveAndWait();
    expect(requestOrigins).not.toHaveBeenCalled();
  });

  it('puts the separate-fields switch above the fields, and offers a login for HTTP(S) only', async () => {
    // A login in Chrome needs the scope's sites, to answer the proxy's challenge there.
    const requestOrigins = vi.fn().mockResolvedValue(true);
    await show(vi.fn(), { requestOrigins });
    const separate = byLabel('Enter the parts separately');
    const address = byLabel('Bridge address');
    expect(separate.compareDocumentPosition(address) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    await act(() => separate.click());
    expect(separate.compareDocumentPosition(byLabel('Host')) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(() => byLabel('Password')).toThrow();
    expect(container().textContent).toContain('SOCKS5 bridges take no user name or password');
    const scheme = byLabel<HTMLSelectElement>('Type');
    await act(() => {
      scheme.value = 'http';
      scheme.dispatchEvent(new Event('change', { bubbles: true }));
    });
    expect(byLabel('Password').type).toBe('password');
    await act(() => type(byLabel('Host'), 'proxy.example'));
    await act(() => type(byLabel('Port'), '3128'));
    await act(() => type(byLabel('User name'), 'bob'));
    await act(() => type(byLabel('Password'), 'pw'));
    await saveAndWait();
    const [bob] = (await bridgeSettings.getValue()).bridges;
    expect(bob).toMatchObject({ scheme: 'http', host: 'proxy.example', port: 3128, username: 'bob' });
    expect(await getBridgePassword(await db(), bob?.id ?? '')).toBe('pw');
    expect(requestOrigins).toHaveBeenCalledWith(['*://*.chinadigitaltimes.net/*']);
  });

  it('opened at #bridge, shows the form with the address focused', async () => {
    history.replaceState(null, '', '#bridge');
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(() => {});
    try {
      await show();
      await until(() => document.activeElement === byLabel('Bridge address'));
      expect(scrolled.mock.contexts.map((element) => (element as Element).id)).toEqual(['bridge-form']);
    } finally {
      scrolled.mockRestore();
      history.replaceState(null, '', location.pathname);
    }
  });

  it('exports saved passwords only on request, and imports them into the database', async () => {
    const office = { id: 'office', scheme: 'http' as const, host: 'proxy.example', port: 8080, username: 'bob' };
    await bridgeSettings.setValue({ enabled: false, bridges: [office], scope: { kind: 'cdt' }, fallbackDirect: false });
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    await show();
    await (await db()).put('secrets', { id: 'office', password: 'hunter2' });
    const exportFile = async () => {
      const count = blobs.length;
      button('Export bridge settings').click();
      await until(() => blobs.length > count);
      return JSON.parse(await (blobs.at(-1) as Blob).text());
    };
    expect((await exportFile()).bridges[0]).toEqual(office);
    await act(() => byLabel('Include passwords').click());
    expect((await exportFile()).bridges[0]).toEqual({ ...office, password: 'hunter2' });

    // A file with another password: it replaces the saved one, in the database only.
    const file = byLabel('Import bridge settings');
    const text = exportBridgeSettings(
      { enabled: false, bridges: [{ ...office, password: 'n3w' }], scope: { kind: 'all' }, fallbackDirect: false },
      { withPasswords: true },
    );
    Object.defineProperty(file, 'files', { value: [new File([text], 'coral-bridges.json')], configurable: true });
    file.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => container().textContent?.includes('Imported 1 bridge. '));
    expect(await getBridgePassword(await db(), 'office')).toBe('n3w');
    expect((await bridgeSettings.getValue()).bridges).toEqual([office]);
    expect(await storageLocalText()).not.toMatch(/hunter2|n3w/);
    vi.restoreAllMocks();
  });

  it('refuses to save a list of sites it cannot read', async () => {
    await show();
    await act(() => scopeRadio(1).click());
    await act(() => type(byLabel<HTMLTextAreaElement>('Sites, one per line'), 'example.*'));
    expect(container().querySelector('#bridge-sites-status')?.textContent).toContain('example.*');
    await act(() => button('Save').click());
    expect(saveStatus()).toBe('Nothing was saved: correct the list of sites first.');
    expect((await bridgeSettings.getValue()).scope).toEqual({ kind: 'cdt' });
  });

  it('words every refusal in the browser’s language: a Chinese page shows no English sentence', async () => {
    const chinese: Record<string, { message: string }> = zhCN;
    vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation(((key: string, substitutions?: string | string[]) => {
      const values = ([] as string[]).concat(substitutions ?? []);
      return (chinese[key]?.message ?? '').replace(/\$(\d)/g, (_, n: string) => values[Number(n) - 1] ?? '');
    }) as typeof fakeBrowser.i18n.getMessage);
    try {
      await show();
      await act(() => type(byLabel('桥地址'), 'socks5://127.0.0.1'));
      await act(() => scopeRadio(1).click());
      await act(() => type(byLabel<HTMLTextAreaElement>('网站，每行一个'), 'example.* ftp://example.org intranet'));
      await act(() => button('保存').click());
      const refusals = ['#bridge-address-status', '#bridge-sites-status', '#bridge-save-status'].map(
        (id) => container().querySelector(id)?.textContent ?? '',
      );
      expect(refusals[2]).toBe('没有保存任何内容：请先更正桥地址。');
      for (const text of refusals) {
        expect(text).not.toBe('');
        // Entries as typed, examples and protocol names aside, nothing is left in English.
        const rest = text.replace(/“[^”]*”|[a-z0-9]+:\/\/[^\s，。]*|\*?\.?example\.org|\b(?:https?|IP)\b/g, '');
        expect(rest).not.toMatch(/[A-Za-z]{3,}/);
      }
    } finally {
      vi.restoreAllMocks();
    }
  });

  it('tests a saved bridge and shows the time it took, or the reason it failed', async () => {
    await bridgeSettings.setValue({
      enabled: false,
      bridges: [{ id: 'home', scheme: 'socks5', host: '127.0.0.1', port: 1080 }],
      scope: { kind: 'cdt' },
      fallbackDirect: false,
    });
    const testBridge = vi
      .fn()
      .mockResolvedValueOnce({ ok: true, ms: 241.6, status: 200 })
      .mockResolvedValueOnce({ ok: false, error: 'No answer through the bridge within 15 seconds.' });
    await show(testBridge);
    // Testing is offered for saved bridges only, once the stored settings have been read.
    const test = await until(() => {
      try {
        return button('Test bridge SOCKS5 127.0.0.1:1080');
      } catch {
        return null;
      }
    });
    test.click();
    await until(() => container().textContent?.includes('answered in 242 ms'));
    expect(testBridge).toHaveBeenCalledWith('home');
    test.click();
    await until(() => container().textContent?.includes('Does not work: No answer through the bridge'));
  });

  it('imports an exported file and refuses one that is not', async () => {
    await show();
    const file = byLabel('Import bridge settings');
    const choose = (name: string, text: string) => {
      Object.defineProperty(file, 'files', { value: [new File([text], name)], configurable: true });
      file.dispatchEvent(new Event('change', { bubbles: true }));
    };
    choose('notes.txt', 'hello');
    await until(() => container().textContent?.includes('The file is not a JSON file.'));
    const exported = exportBridgeSettings(
      {
        enabled: true,
        bridges: [{ id: 'office', scheme: 'https', host: 'proxy.example', port: 443 }],
        scope: { kind: 'all' },
        fallbackDirect: false,
      },
      { withPasswords: false },
    );
    choose('coral-bridges.json', exported);
    await until(() => container().textContent?.includes('Imported 1 bridge. '));
    expect(await bridgeSettings.getValue()).toMatchObject({ enabled: false, scope: { kind: 'all' } });
    expect(container().querySelector('input[name="active-bridge"]')?.closest('label')?.textContent).toBe(
      'HTTPS proxy.example:443',
    );
  });
});
