import { browser } from 'wxt/browser';

type OpenPopup = () => Promise<void>;

/**
 * The library is the toolbar popup. Chrome (127+) and Firefox let an extension page open it from a
 * click, through `action` (MV3) or `browserAction` (Firefox MV2); where neither has `openPopup`, there is
 * no button and the page says where the library is instead.
 */
export function libraryPopupOpener(api: unknown = browser): OpenPopup | undefined {
  const { action, browserAction } = (api ?? {}) as Record<string, { openPopup?: unknown } | undefined>;
  const owner = action ?? browserAction;
  const open = owner?.openPopup;
  if (typeof open !== 'function') return undefined;
  return async () => {
    await (open as () => Promise<void>).call(owner);
  };
}
