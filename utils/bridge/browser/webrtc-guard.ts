import { browser } from 'wxt/browser';
import { reconcile, type SettingState } from '../reconcile';

// WebRTC opens UDP paths that bypass proxies and so can reveal the real address to a page. While the
// bridge is on, only proxied UDP is allowed (none, in practice); when it is off the setting goes back.

const POLICY = 'disable_non_proxied_udp';

interface PolicySetting {
  get(details: Record<string, never>): Promise<SettingState<string>>;
  set(details: { value: string }): Promise<void>;
  clear(details: Record<string, never>): Promise<void>;
}

export type WebRtcOutcome = 'guarded' | 'released' | 'unchanged' | 'controlled-elsewhere' | 'unavailable';

function policySetting(): PolicySetting | undefined {
  const privacy = (browser as unknown as { privacy?: { network?: { webRTCIPHandlingPolicy?: PolicySetting } } })
    .privacy;
  return privacy?.network?.webRTCIPHandlingPolicy;
}

/** Never throws: a browser without the setting still gets its bridge, only without this guard. */
export async function guardWebRtc(on: boolean, setting = policySetting()): Promise<WebRtcOutcome> {
  if (!setting) return 'unavailable';
  try {
    const action = reconcile(on ? POLICY : null, await setting.get({}));
    switch (action.kind) {
      case 'apply':
        await setting.set({ value: POLICY });
        return 'guarded';
      case 'clear':
        await setting.clear({});
        return 'released';
      case 'report-controlled-elsewhere':
        return 'controlled-elsewhere';
      case 'nothing':
        return 'unchanged';
    }
  } catch {
    return 'unavailable';
  }
}
