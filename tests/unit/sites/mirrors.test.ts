import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { MirrorHosts } from '../../../components/options/MirrorHosts';
import { type MirrorApi, mirrorMatches, parseMirrorHost, syncMirrorScripts } from '../../../utils/sites/mirrors';

describe('parseMirrorHost', () => {
  it.each([
    ['cdt.example.org', 'cdt.example.org'],
    ['  CDT.Example.ORG  ', 'cdt.example.org'],
    ['https://cdt.example.org/2019/07/some-post/?x=1#y', 'cdt.example.org'],
    ['http://cdt.example.org:8443', 'cdt.example.org'],
    ['cdt.example.org/chinese/', 'cdt.example.org'],
    ['cdt.example.org.', 'cdt.example.org'],
    ['//mirror.example.net', 'mirror.example.net'],
    ['中国数字时代.example', 'xn--fiq2qv4rltej7o9wa.example'],
    ['chinadigitaltimes.net.example.org', 'chinadigitaltimes.net.example.org'],
  ])('accepts %s as %s', (input, host) => {
    expect(parseMirrorHost(input)).toEqual({ ok: true, host });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['*.example.org', 'wildcard'],
    ['https://*.example.org/*', 'wildcard'],
    ['ftp://cdt.example.org', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['https://user:pw@cdt.example.org', 'credentials'],
    ['1.2.3.4', 'ip'],
    ['http://10.0.0.1/mirror/path', 'ip'],
    ['[::1]', 'ip'],
    ['localhost', 'local'],
    ['intranet', 'local'],
    ['cdt example.org', 'invalid'],
    ['-bad.example.org', 'invalid'],
    ['cdt.example.123', 'invalid'],
    ['http://', 'invalid'],
    ['chinadigitaltimes.net', 'cdt'],
    ['https://www.chinadigitaltimes.net/chinese/', 'cdt'],
  ])('rejects %j with %s', (input, error) => {
    expect(parseMirrorHost(input)).toEqual({ ok: false, error });
  });
});

describe('mirrorMatches', () => {
  it('makes one any-scheme pattern per distinct host', () => {
    expect(mirrorMatches(['a.example.org', 'b.example.org', 'a.example.org'])).toEqual([
      '*://a.example.org/*',
      '*://b.example.org/*',
    ]);
    expect(mirrorMatches([])).toEqual([]);
  });
});

function fakeApi(granted: string[]) {
  const scripts = new Map<string, { id: string; matches: string[]; js: string[]; runAt: string }>();
  const calls: string[] = [];
  const api: MirrorApi = {
    permissions: {
      contains: async ({ origins }) => origins.every((origin) => granted.includes(origin)),
    },
    scripting: {
      getRegisteredContentScripts: async (filter) =>
        [...scripts.values()].filter((script) => !filter?.ids || filter.ids.includes(script.id)),
      registerContentScripts: async (list) => {
        calls.push('register');
        for (const script of list) {
          if (scripts.has(script.id)) throw new Error(`Duplicate script ID '${script.id}'`);
          scripts.set(script.id, structuredClone(script));
        }
      },
      updateContentScripts: async (list) => {
        calls.push('update');
        for (const script of list) {
          if (!scripts.has(script.id)) throw new Error(`No script with ID '${script.id}'`);
          scripts.set(script.id, structuredClone(script));
        }
      },
      unregisterContentScripts: async (filter) => {
        calls.push('unregister');
        for (const id of filter?.ids ?? [...scripts.keys()]) scripts.delete(id);
      },
    },
  };
  return { api, scripts, calls, granted };
}

describe('syncMirrorScripts', () => {
  it('registers one script for the granted hosts only, then updates and finally unregisters it', async () => {
    const fake = fakeApi(['*://a.example.org/*']);
    expect(await syncMirrorScripts(['a.example.org', 'b.example.org'], fake.api)).toEqual(['*://a.example.org/*']);
    expect(fake.scripts.get('coral-mirrors')).toEqual({
      id: 'coral-mirrors',
      matches: ['*://a.example.org/*'],
      js: ['cdt-loader.js'],
      runAt: 'document_idle',
    });

    fake.granted.push('*://b.example.org/*');
    await syncMirrorScripts(['a.example.org', 'b.example.org'], fake.api);
    expect(fake.scripts.get('coral-mirrors')?.matches).toEqual(['*://a.example.org/*', '*://b.example.org/*']);

    expect(await syncMirrorScripts([], fake.api)).toEqual([]);
    expect(fake.scripts.size).toBe(0);
    expect(fake.calls).toEqual(['register', 'update', 'unregister']);
  });

  it('does nothing when there is nothing granted and nothing registered', async () => {
    const fake = fakeApi([]);
    expect(await syncMirrorScripts(['a.example.org'], fake.api)).toEqual([]);
    expect(fake.calls).toEqual([]);
  });
});

describe('syncMirrorScripts racing another page', () => {
  it('updates instead when the script appeared after it looked', async () => {
    const fake = fakeApi(['*://a.example.org/*']);
    await syncMirrorScripts(['a.example.org'], fake.api);
    // Another context registered it; this one still sees the list from before.
    fake.api.scripting.getRegisteredContentScripts = async () => [];
    fake.granted.push('*://b.example.org/*');
    await syncMirrorScripts(['a.example.org', 'b.example.org'], fake.api);
    expect(fake.scripts.get('coral-mirrors')?.matches).toEqual(['*://a.example.org/*', '*://b.example.org/*']);
    expect(fake.calls).toEqual(['register', 'register', 'update']);
  });

  it('runs calls from one context one at a time', async () => {
    const fake = fakeApi(['*://a.example.org/*', '*://b.example.org/*']);
    await Promise.all([
      syncMirrorScripts(['a.example.org'], fake.api),
      syncMirrorScripts(['a.example.org', 'b.example.org'], fake.api),
    ]);
    expect(fake.calls).toEqual(['register', 'update']);
    expect(fake.scripts.get('coral-mirrors')?.matches).toHaveLength(2);
  });
});

describe('MirrorHosts', () => {
  function setup(hosts: string[], answer: boolean) {
    const root = document.createElement('div');
    document.body.append(root);
    const added: string[] = [];
    const onAdd = (host: string) => {
      added.push(host);
      return Promise.resolve(answer);
    };
    act(() => render(h(MirrorHosts, { hosts, onAdd, onRemove: async () => {} }), root));
    const input = root.querySelector('input') as HTMLInputElement;
    const submit = (value: string) => {
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      root.querySelector('form')?.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    };
    return { root, added, submit, status: () => root.querySelector('#mirror-status')?.textContent };
  }

  it('asks for the permission within the submit event itself, with the normalised host', async () => {
    const { added, submit, status } = setup([], true);
    act(() => submit('https://CDT.example.org/chinese/'));
    // Synchronously: no await may come between the user's click and permissions.request.
    expect(added).toEqual(['cdt.example.org']);
    await act(async () => {});
    expect(status()).toBe('Added cdt.example.org.');
  });

  it('explains a refusal, a bad address and a duplicate without asking', async () => {
    const { root, added, submit, status } = setup(['cdt.example.org'], false);
    act(() => submit('*.example.org'));
    expect(status()).toBe('Wildcards are not allowed: enter the host name of one mirror.');
    expect(root.querySelector('input')?.getAttribute('aria-invalid')).toBe('true');
    act(() => submit('cdt.example.org'));
    expect(status()).toBe('cdt.example.org is already in the list.');
    expect(added).toEqual([]);
    act(() => submit('mirror.example.net'));
    await act(async () => {});
    expect(added).toEqual(['mirror.example.net']);
    expect(status()).toBe('Permission for mirror.example.net was not granted, so it was not added.');
    expect(root.querySelector('[aria-label="Remove cdt.example.org"]')).not.toBeNull();
  });
});
