import './options.css';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { BridgeOptions } from '../../components/options/BridgeOptions';
import { MirrorHosts } from '../../components/options/MirrorHosts';
import { mirrorHosts } from '../../utils/library/private-settings';
import { pageMessage } from '../../utils/shared/page-messages';
import { requestPersistentStorage } from '../../utils/shared/persistent-storage';
import { mirrorOrigins, mirrorRouteOrigins, syncMirrorScripts } from '../../utils/sites/mirrors';

/**
 * Asks for the mirror's permission first, synchronously: browsers grant the prompt only while the click
 * that asked is being handled, and any await before it would end that.
 */
function addMirror(host: string): Promise<boolean> {
  const asking = browser.permissions.request({ origins: mirrorRouteOrigins(host) });
  return asking.then(async (granted) => {
    if (!granted) return false;
    const hosts = await mirrorHosts.getValue();
    const next = hosts.includes(host) ? hosts : [...hosts, host];
    await mirrorHosts.setValue(next);
    await syncMirrorScripts(next);
    return true;
  });
}

async function removeMirror(host: string): Promise<void> {
  const next = (await mirrorHosts.getValue()).filter((h) => h !== host);
  await mirrorHosts.setValue(next);
  await syncMirrorScripts(next);
  await browser.permissions.remove({ origins: [...mirrorRouteOrigins(host), ...mirrorOrigins(host)] });
}

async function hostsWithoutAccess(hosts: readonly string[]): Promise<Set<string>> {
  const missing = new Set<string>();
  for (const host of hosts) {
    if (!(await browser.permissions.contains({ origins: mirrorOrigins(host) }))) missing.add(host);
  }
  return missing;
}

function Options() {
  const [hosts, setHosts] = useState<string[]>([]);
  const [withoutAccess, setWithoutAccess] = useState<Set<string>>(new Set());
  const [permissionsChanged, setPermissionsChanged] = useState(0);

  useEffect(() => {
    mirrorHosts.getValue().then(setHosts);
    const unwatch = mirrorHosts.watch((next) => setHosts(next));
    const changed = () => setPermissionsChanged((n) => n + 1);
    browser.permissions.onAdded.addListener(changed);
    browser.permissions.onRemoved.addListener(changed);
    return () => {
      unwatch();
      browser.permissions.onAdded.removeListener(changed);
      browser.permissions.onRemoved.removeListener(changed);
    };
  }, []);

  useEffect(() => {
    void permissionsChanged;
    hostsWithoutAccess(hosts).then(setWithoutAccess);
  }, [hosts, permissionsChanged]);

  return (
    <main>
      <h1>{pageMessage('optionsTitle')}</h1>
      <MirrorHosts hosts={hosts} withoutAccess={withoutAccess} onAdd={addMirror} onRemove={removeMirror} />
      <BridgeOptions />
    </main>
  );
}

document.title = pageMessage('optionsTitle');
document.documentElement.lang = browser.i18n.getUILanguage();
const app = document.getElementById('app');
if (app) render(<Options />, app);
void requestPersistentStorage();
