import type { Browser } from 'wxt/browser';
import type { BridgeService } from '../../utils/bridge/service';
import type { BridgeView } from '../../utils/shared/bridge-types';
import type { Handlers } from '../../utils/shared/messages';
import { contentScriptPage, isCdtPage, isExtensionPage } from '../../utils/shared/sender-check';

// The bridge's part of the message contract. Pages see only the switch's state; only CDT and its
// mirrors may flip the switch from a page (the on-page switch); only extension pages may test bridges
// (a test sends traffic to a server the page could learn about from the timing). Configuration is never
// sent over messages: the options page writes the storage item and the background follows it.

export interface BridgeHandlerDeps {
  extensionOrigin: string;
  mirrorHosts: () => Promise<string[]>;
  bridge: Pick<BridgeService, 'view' | 'setEnabled' | 'test'>;
}

/** Copies the view's fields by name, so nothing else the service might carry can reach a page. */
function publicView(view: BridgeView): BridgeView {
  const { enabled, configured, state, reason } = view;
  return reason === undefined ? { enabled, configured, state } : { enabled, configured, state, reason };
}

export function bridgeHandlers(deps: BridgeHandlerDeps): Handlers {
  async function mayUseSwitch(sender: Browser.runtime.MessageSender): Promise<boolean> {
    if (isExtensionPage(sender, deps.extensionOrigin)) return true;
    const page = contentScriptPage(sender, deps.extensionOrigin);
    return page !== null && isCdtPage(page, await deps.mirrorHosts());
  }

  return {
    async getBridgeView(_data, sender) {
      if (!(await mayUseSwitch(sender))) throw new Error('forbidden');
      return publicView(await deps.bridge.view());
    },

    async setBridgeEnabled(data, sender) {
      if (!(await mayUseSwitch(sender))) throw new Error('forbidden');
      if (typeof data?.enabled !== 'boolean') throw new Error('invalid request');
      return publicView(await deps.bridge.setEnabled(data.enabled));
    },

    // Judged here, by the address the browser reports, so the content script needs no mirror list.
    async onCdtSite(_data, sender) {
      const page = contentScriptPage(sender, deps.extensionOrigin);
      return page !== null && isCdtPage(page, await deps.mirrorHosts());
    },

    async testBridge(data, sender) {
      if (!isExtensionPage(sender, deps.extensionOrigin)) throw new Error('forbidden');
      if (typeof data?.bridgeId !== 'string') throw new Error('invalid request');
      return deps.bridge.test(data.bridgeId);
    },
  };
}
