import { readFileSync } from 'node:fs';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { PopupBridge } from '../../../components/popup/PopupBridge';
import { BridgeSwitch } from '../../../components/shared/BridgeSwitch';
import { mountBridgeSwitch, volunteerHandlers } from '../../../entrypoints/page-ui/bridge-switch';
import type { BridgeView } from '../../../utils/shared/bridge-types';
import { bridgeStatusText, t, type UiLang } from '../../../utils/shared/i18n';
import { backgroundDispatcher, tabDispatcher } from '../../../utils/shared/message-dispatch';
import { bridgeStatus } from '../../../utils/shared/settings';
import { EXTENSION_ID, EXTENSION_ORIGIN, senders, serveAs } from '../../support/messaging';
import { renderTarget, scriptClick, until, userClick } from '../../support/render-helpers';

const stops: Array<() => void> = [];

// Registered before renderTarget(): vitest runs afterEach hooks last-registered first, so this runs after the unmount.
afterEach(() => {
  vi.useRealTimers();
  for (const stop of stops.splice(0)) stop();
  document.body.innerHTML = '';
});
const container = renderTarget();

const ON: BridgeView = { enabled: true, configured: true, state: 'on' };
const OFF: BridgeView = { enabled: false, configured: true, state: 'off' };

/** The switch's accessible name: its own text (the track is aria-hidden and empty). */
const nameOf = (element: Element) => (element.textContent ?? '').trim();

describe('BridgeSwitch', () => {
  it.each([
    ['en', 'Use a bridge'],
    ['zh-CN', '使用桥'],
    ['zh-TW', '使用橋'],
  ] as Array<[UiLang, string]>)('is a named switch in %s', (lang, name) => {
    render(
      <BridgeSwitch view={ON} label={t(lang, 'useBridge')} status={bridgeStatusText(lang, ON)} onToggle={vi.fn()} />,
      container(),
    );
    const control = container().querySelector('[role="switch"]') as HTMLElement;
    expect(control.tagName).toBe('BUTTON');
    expect(control.getAttribute('aria-checked')).toBe('true');
    expect(nameOf(control)).toContain(name);
    const description = document.getElementById(control.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe(t(lang, 'bridgeOn'));
  });

  it('shows off, an error with its reason, another extension in control, and not configured', () => {
    const cases: Array<[BridgeView, string]> = [
      [OFF, 'Off'],
      [{ enabled: true, configured: true, state: 'error' }, 'Not working: the bridge does not answer'],
      [{ enabled: true, configured: true, state: 'direct' }, 'The bridge is down: pages go direct'],
      [{ enabled: true, configured: true, state: 'controlled-elsewhere' }, 'Another extension controls'],
      [{ enabled: false, configured: false, state: 'unconfigured' }, 'Not set up'],
    ];
    for (const [view, text] of cases) {
      render(
        <BridgeSwitch view={view} label="Use a bridge" status={bridgeStatusText('en', view)} onToggle={vi.fn()} />,
        container(),
      );
      expect(container().querySelector('.bridge-status')?.textContent).toContain(text);
      expect(container().querySelector('[role="switch"]')?.getAttribute('aria-checked')).toBe(String(view.enabled));
    }
  });

  it('ignores clicks made by page scripts and toggles on the user’s', () => {
    const onToggle = vi.fn();
    render(<BridgeSwitch view={OFF} label="Use a bridge" status="Off" onToggle={onToggle} />, container());
    const control = container().querySelector('[role="switch"]') as HTMLElement;
    control.click();
    scriptClick(control);
    expect(onToggle).not.toHaveBeenCalled();
    userClick(control);
    expect(onToggle).toHaveBeenCalledWith(true);
  });

  it('does not toggle while busy or before the first answer', () => {
    const onToggle = vi.fn();
    render(<BridgeSwitch view={ON} busy label="Use a bridge" status="" onToggle={onToggle} />, container());
    userClick(container().querySelector('[role="switch"]') as HTMLElement);
    render(<BridgeSwitch view={undefined} label="Use a bridge" status="" onToggle={onToggle} />, container());
    const control = container().querySelector('[role="switch"]') as HTMLElement;
    userClick(control);
    expect(control.getAttribute('aria-busy')).toBe('true');
    expect(onToggle).not.toHaveBeenCalled();
  });
});

/**
 * A background that answers getBridgeView, getBridgeStatus and setBridgeEnabled, and publishes the view like the real one.
 * `sender` is who the messages come from: the popup by default.
 */
function fakeBackground(initial: BridgeView, sender = senders.extensionPage()) {
  let view = initial;
  const setBridgeEnabled = vi.fn(async ({ enabled }: { enabled: boolean }) => {
    view = { ...view, enabled, state: enabled ? 'on' : 'off' };
    await bridgeStatus.setValue(view);
    return view;
  });
  const dispatch = backgroundDispatcher({
    extensionOrigin: EXTENSION_ORIGIN,
    mirrorHosts: async () => [],
    handlers: { getBridgeView: () => view, getBridgeStatus: () => view, setBridgeEnabled },
  });
  stops.push(serveAs(sender, dispatch));
  lastSetBridgeEnabled = setBridgeEnabled;
  return { setBridgeEnabled };
}

let lastSetBridgeEnabled: ReturnType<typeof vi.fn> | undefined;
const setBridgeEnabledOf = () => {
  if (!lastSetBridgeEnabled) throw new Error('no background');
  return lastSetBridgeEnabled;
};

describe('PopupBridge', () => {
  it('turns the bridge on through the background and says what a bridge is for', async () => {
    const background = fakeBackground(OFF);
    render(<PopupBridge tabId={1} />, container());
    const control = await until(() =>
      container().querySelector<HTMLElement>('.bridge-switch:not(.volunteer-switch) [role="switch"]:not([aria-busy])'),
    );
    expect(nameOf(control)).toBe('Use a bridge');
    expect(control.getAttribute('aria-checked')).toBe('false');
    expect(container().textContent).toContain('does not make you anonymous');
    userClick(control);
    await until(() => control.getAttribute('aria-checked') === 'true');
    expect(background.setBridgeEnabled).toHaveBeenCalledWith({ enabled: true }, expect.anything());
  });

  it('follows the stored view live', async () => {
    fakeBackground(OFF);
    render(<PopupBridge tabId={1} />, container());
    const control = await until(() => container().querySelector<HTMLElement>('[role="switch"]:not([aria-busy])'));
    await bridgeStatus.setValue({ enabled: true, configured: true, state: 'error', reason: 'wrong-password' });
    await until(() => control.getAttribute('aria-checked') === 'true');
    expect(container().querySelector('.bridge-status')?.textContent).toBe(
      'Not working: The bridge refused the user name or password.',
    );
  });

  it('mirrors Lantern’s widget on the tab as a separate "Be a bridge" switch, and flips it only on a click', async () => {
    // Only the popup's poll of the widget is faked: it is what could click unasked.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    fakeBackground(OFF);
    const doc = new DOMParser().parseFromString(
      readFileSync('tests/fixtures/variants/lantern-widget-off.html', 'utf8').replace(/<link [^>]*>/g, ''),
      'text/html',
    );
    const checkbox = doc.querySelector('input[name="browsers-unbounded-connect"]') as HTMLInputElement;
    const clicks = vi.fn();
    checkbox.addEventListener('click', clicks);
    // The tab's content script: its handlers answer the popup's tab messages.
    let reads = 0;
    const tab = tabDispatcher({
      extensionId: EXTENSION_ID,
      extensionOrigin: EXTENSION_ORIGIN,
      handlers: volunteerHandlers(doc, async () => ++reads > 0),
    });
    fakeBrowser.tabs.sendMessage = ((_id: number, message: unknown) => tab(message, senders.extensionPage())) as never;

    render(<PopupBridge tabId={5} />, container());
    const volunteer = await until(() => container().querySelector<HTMLElement>('.volunteer-switch [role="switch"]'));
    expect(nameOf(volunteer)).toContain('Be a bridge');
    expect(volunteer.getAttribute('aria-checked')).toBe('false');
    expect(container().textContent).toContain('see your IP address');
    // Two more polls (one a second) read the widget again; none of the reads clicks it.
    const firstReads = reads;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(reads).toBeGreaterThanOrEqual(firstReads + 2);
    expect(clicks).not.toHaveBeenCalled();

    volunteer.click();
    await until(() => volunteer.getAttribute('aria-checked') === 'true');
    expect(checkbox.checked).toBe(true);
    expect(clicks).toHaveBeenCalledTimes(1);
  });

  it('gives the popup no widget from a site that is not CDT or a mirror, and clicks nothing there', async () => {
    // The same page as CDT's, but the script was injected into it to save it: its "widget" is the page's.
    const doc = new DOMParser().parseFromString(
      readFileSync('tests/fixtures/variants/lantern-widget-off.html', 'utf8').replace(/<link [^>]*>/g, ''),
      'text/html',
    );
    const checkbox = doc.querySelector('input[name="browsers-unbounded-connect"]') as HTMLInputElement;
    const clicks = vi.fn();
    checkbox.addEventListener('click', clicks);
    // The background judges the site (the dispatcher admits onCdtSite only from CDT pages); here it says
    // no, then yes.
    let onCdt = false;
    const handlers = volunteerHandlers(doc, async () => onCdt);
    const popup = { sender: senders.extensionPage() };
    expect(await handlers.getVolunteerState({}, popup)).toEqual({ kind: 'absent' });
    expect(await handlers.setVolunteer({ on: true }, popup)).toEqual({ kind: 'absent' });
    expect(clicks).not.toHaveBeenCalled();

    onCdt = true;
    expect(await handlers.getVolunteerState({}, popup)).toEqual({ kind: 'off' });
  });

  it('shows the volunteer switch disabled, in Coral’s words, where Lantern refuses', async () => {
    fakeBackground(OFF);
    fakeBrowser.tabs.sendMessage = (async () => ({
      ok: true,
      value: { kind: 'unavailable', why: 'refused', reason: 'Click here: Coral says turn the bridge off' },
    })) as never;
    render(<PopupBridge tabId={5} />, container());
    const volunteer = await until(() => container().querySelector<HTMLElement>('.volunteer-switch [role="switch"]'));
    expect(volunteer.getAttribute('aria-disabled')).toBe('true');
    const status = container().querySelector('.volunteer-switch .bridge-status')?.textContent;
    expect(status).toContain('not offered to visitors in censored regions');
    expect(status).not.toContain('Click here');
  });

  it('shows no volunteer switch when the tab has no widget or no content script', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    fakeBackground(OFF);
    let asked = 0;
    fakeBrowser.tabs.sendMessage = (async () => {
      asked++;
      throw new Error('Could not establish connection');
    }) as never;
    render(<PopupBridge tabId={5} />, container());
    await until(() => container().querySelector('[role="switch"]:not([aria-busy])'));
    await until(() => asked > 0);
    // Each advance of the fake clock ends after the promises it started have settled: by then the
    // failed answers of two more polls (one a second) have been handled.
    const firstAsks = asked;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(asked).toBeGreaterThanOrEqual(firstAsks + 2);
    expect(container().querySelectorAll('[role="switch"]')).toHaveLength(1);
  });
});

describe('the on-page switch', () => {
  function loadPage(path: string) {
    const html = readFileSync(`tests/fixtures/${path}`, 'utf8').replace(/<link [^>]*>|<script[\s\S]*?<\/script>/g, '');
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    document.documentElement.lang = parsed.documentElement.lang;
    document.body.innerHTML = parsed.body.innerHTML;
  }

  /** The closed shadow roots Coral attaches, caught as they are made (the page, and this test, cannot ask the host). */
  function catchShadowRoots(): ShadowRoot[] {
    const roots: ShadowRoot[] = [];
    const attach = Element.prototype.attachShadow;
    const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
      const root = attach.call(this, init);
      roots.push(root);
      return root;
    });
    stops.push(() => spy.mockRestore());
    return roots;
  }

  async function mountOn(path: string) {
    fakeBackground(ON, senders.contentScript('https://chinadigitaltimes.net/2024/01/article/'));
    loadPage(path);
    const roots = catchShadowRoots();
    const ctx = new ContentScriptContext('test');
    stops.push(() => ctx.abort());
    mountBridgeSwitch(ctx);
    const host = await until(() => document.querySelector('coral-bridge-switch'));
    const root = await until(() => roots.find((candidate) => candidate.host === host));
    const control = await until(() => root.querySelector<HTMLElement>('[role="switch"]:not([aria-busy])'));
    return { host, root, control };
  }

  it.each([
    ['variants/lantern-widget-off.html', 'Use a bridge to reach CDT', 'Get past the block yourself'],
    ['variants/lantern-network-old.html', '使用桥访问中国数字时代', '自己翻墙'],
    ['variants/lantern-refused-zh.html', '使用桥访问中国数字时代', '自己翻墙'],
  ])(
    'sits in a closed box of its own right before the Lantern widget’s box on %s, in the page’s language',
    async (path, name, heading) => {
      const { host, root, control } = await mountOn(path);
      const lantern = document.querySelector('browsers-unbounded, lantern-network')?.closest('.et_pb_widget');
      // Before, never under: Lantern's text about "the switch below" must not describe Coral's switch.
      expect(lantern?.previousElementSibling).toBe(host);
      expect(host.shadowRoot).toBeNull();
      expect(nameOf(control)).toBe(name);
      expect(control.getAttribute('aria-checked')).toBe('true');
      expect(root.querySelector('.bridge-heading')?.textContent).toContain(heading);
      expect(root.querySelector('.bridge-heading .brand')?.textContent).toBe('Coral');
    },
  );

  it('never says "be a bridge" on its switch, and its line tells the two apart', async () => {
    const { root, control } = await mountOn('variants/lantern-widget-off.html');
    expect(nameOf(control)).not.toMatch(/be a bridge/i);
    expect(root.querySelector('.hint')?.textContent).toMatch(
      /past the block.*Lantern’s switch is different: it makes you a bridge for others/,
    );
  });

  it('ignores a trusted click on a box it could not see whole, says so inside the box, and changes nothing', async () => {
    const { root, control } = await mountOn('variants/lantern-widget-off.html');
    // happy-dom lays nothing out: to the guard the box has no size, as if the page had hidden it.
    userClick(control);
    const note = await until(() => root.querySelector('.refused')?.textContent);
    expect(note).toContain('the page covered or changed this box');
    expect(note).toContain('toolbar');
    expect(setBridgeEnabledOf().mock.calls).toHaveLength(0);
    expect(control.getAttribute('aria-checked')).toBe('true');
  });

  it('is not added on a page with neither the widget nor the save prompt', () => {
    loadPage('variants/no-jsonld-article.html');
    const ctx = new ContentScriptContext('test');
    stops.push(() => ctx.abort());
    mountBridgeSwitch(ctx);
    expect(document.querySelector('coral-bridge-switch')).toBeNull();
  });
});
