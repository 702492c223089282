import type { IDBPDatabase } from 'idb';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BridgeOptions } from '../../../components/options/BridgeOptions';
import { getBridgePassword } from '../../../utils/bridge/secrets';
import { bridgeSettings, exportBridgeSettings } from '../../../utils/bridge/settings';
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

let library: Promise<IDBPDatabase<CoralDB>> | undefined;
/** A fresh database for each page shown, so no test sees another's passwords. */
const db = () => {
  library ??= openLibrary(`bridge-options-${crypto.randomUUID()}`);
  return library;
};

async function show(testBridge = vi.fn()) {
  library = undefined;
  // act runs the effects, so the stored settings are being read; they arrive asynchronously.
  await act(() => render(<BridgeOptions testBridge={testBridge} db={db} />, container()));
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

  it('saves bridges, the active one, the scope and the fallback, keeping the switch as it was', async () => {
    await bridgeSettings.setValue({ enabled: true, bridges: [], scope: { kind: 'cdt' }, fallbackDirect: false });
    await show();
    await act(() => type(byLabel('Bridge address'), 'http://alice:secret@proxy.example:8080'));
    await act(() => button('Add bridge').click());
    expect(statusOfAddress()).toContain('Added HTTP alice@proxy.example:8080');
    await act(() => button('Fill in Tor Browser').click());
    expect(byLabel('Bridge address').value).toBe('socks5://127.0.0.1:9150');
    await act(() => button('Add bridge').click());

    const radios = () => Array.from(container().querySelectorAll<HTMLInputElement>('input[name="active-bridge"]'));
    expect(radios().map((radio) => radio.closest('label')?.textContent)).toEqual([
      'HTTP alice@proxy.example:8080',
      'Tor Browser — SOCKS5 127.0.0.1:9150',
    ]);
    expect(at(radios(), 0).checked).toBe(true);
    await act(() => at(radios(), 1).click());
    await act(() => scopeRadio(1).click());
    await act(() => type(byLabel<HTMLTextAreaElement>('Sites, one per line'), '*.example.org\nnews.example.net'));
    await act(() => byLabel('Fall back to a direct connection').click());
    button('Save').click();
    await until(() => container().textContent?.includes('Saved.'));

    const saved = await bridgeSettings.getValue();
    expect(saved).toEqual({
      enabled: true,
      activeId: 'preset-tor-browser',
      bridges: [
        {
          id: expect.stringMatching(/^b-/),
          scheme: 'http',
          host: 'proxy.example',
          port: 8080,
          username: 'alice',
        },
        { id: 'preset-tor-browser', name: 'Tor Browser', scheme: 'socks5', host: '127.0.0.1', port: 9150 },
      ],
      scope: { kind: 'sites', patterns: ['*.example.org', 'news.example.net'] },
      fallbackDirect: true,
    } satisfies BridgeSettings);
    // The password is in the extension's database, and the bridge's address is not in storage.local either.
    const alice = saved.bridges[0]?.id ?? '';
    expect(await getBridgePassword(await db(), alice)).toBe('secret');
    expect(await storageLocalText()).not.toMatch(/proxy\.example|secret/);

    // Saving again without re-entering it keeps it; removing the bridge forgets it.
    const saveAndWait = async () => {
      expect(container().textContent).not.toContain('Saved.');
      button('Save').click();
      await until(() => container().textContent?.includes('Saved.'));
    };
    await act(() => byLabel('Fall back to a direct connection').click());
    await saveAndWait();
    expect((await bridgeSettings.getValue()).fallbackDirect).toBe(false);
    expect(await getBridgePassword(await db(), alice)).toBe('secret');
    await act(() => button('Remove HTTP alice@proxy.example:8080').click());
    await saveAndWait();
    expect((await bridgeSettings.getValue()).bridges).toHaveLength(1);
    expect(await getBridgePassword(await db(), alice)).toBeUndefined();
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
    await until(() => container().textContent?.includes('Imported 1 bridges'));
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
    expect(container().querySelector('.save-row .status')?.textContent).toBe('Correct the list of sites first.');
    expect((await bridgeSettings.getValue()).scope).toEqual({ kind: 'cdt' });
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
    await until(() => container().textContent?.includes('Imported 1 bridges'));
    expect(await bridgeSettings.getValue()).toMatchObject({ enabled: false, scope: { kind: 'all' } });
    expect(container().querySelector('input[name="active-bridge"]')?.closest('label')?.textContent).toBe(
      'HTTPS proxy.example:443',
    );
  });
});
