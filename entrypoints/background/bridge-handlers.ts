import { publicView } from '../../utils/bridge/badge';
import type { BridgeService } from '../../utils/bridge/service';
import type { BackgroundHandlers } from '../../utils/shared/messages';

// The bridge's part of the message contract; who may send each message is in utils/shared/messages.ts.
// Pages see only the switch's state. Configuration is never sent over messages: the options page
// writes the storage item and the background follows it.

export interface BridgeHandlerDeps {
  bridge: Pick<BridgeService, 'view' | 'setEnabled' | 'test'>;
}

export function bridgeHandlers(
  deps: BridgeHandlerDeps,
): Pick<BackgroundHandlers, 'getBridgeView' | 'getBridgeStatus' | 'setBridgeEnabled' | 'onCdtSite' | 'testBridge'> {
  return {
    getBridgeView: async () => publicView(await deps.bridge.view()),
    getBridgeStatus: () => deps.bridge.view(),
    setBridgeEnabled: async ({ enabled }) => publicView(await deps.bridge.setEnabled(enabled)),
    // The dispatcher admits only content scripts on CDT or a mirror, judged by the address the browser
    // reports; any other page is refused, which its content script reads as "not CDT".
    onCdtSite: () => true,
    testBridge: ({ bridgeId }) => deps.bridge.test(bridgeId),
  };
}
