// Checked by `tsc --noEmit`, never run: each @ts-expect-error fails the type check if the line below it
// stops being an error, so these lines pin the directions and shapes of the message contract.
import type { SaveRequest } from '../../utils/shared/article';
import type { BackgroundHandlers, TabHandlers } from '../../utils/shared/messages';
import { sendToBackground, sendToTab } from '../../utils/shared/messages';

declare const request: SaveRequest;

export function directions() {
  // Right way round.
  void sendToBackground('saveArticle', request);
  void sendToBackground('getBridgeView', {});
  void sendToTab(1, 'saveNow', {});
  void sendToTab(1, 'setVolunteer', { on: true });

  // @ts-expect-error a to-background message cannot be sent to a tab
  void sendToTab(1, 'saveArticle', request);
  // @ts-expect-error a to-background message cannot be sent to a tab
  void sendToTab(1, 'getBridgeView', {});
  // @ts-expect-error a to-tab message cannot be sent to the background
  void sendToBackground('saveNow', {});
  // @ts-expect-error a to-tab message cannot be sent to the background
  void sendToBackground('setVolunteer', { on: true });
  // @ts-expect-error unknown message
  void sendToBackground('nope', {});
}

export function shapes() {
  // @ts-expect-error the data's shape is the table's
  void sendToBackground('setBridgeEnabled', { enabled: 'yes' });
  // @ts-expect-error the data's shape is the table's
  void sendToTab(1, 'setVolunteer', {});
}

export async function replies() {
  const view = await sendToBackground('getBridgeView', {});
  // @ts-expect-error replies are typed: a BridgeView has no password
  void view.password;
  const state = await sendToTab(1, 'getVolunteerState', {});
  // @ts-expect-error replies are typed: a VolunteerState is not a SaveResult
  void state.savedAt;
}

export const ownPageHandler: BackgroundHandlers['getPageState'] = (_data, caller) => {
  // A handler for a content script's own page gets the checked page and address.
  void caller.page.length;
  void caller.canonicalUrl.length;
  return null;
};

export const extensionPageHandler: BackgroundHandlers['testBridge'] = (_data, caller) => {
  // @ts-expect-error an extension page has no page address to hand on
  void caller.page;
  return { ok: false, error: 'x' } as never;
};

export const tabHandler: TabHandlers['setVolunteer'] = ({ on }) => {
  // @ts-expect-error a to-tab handler's data is the to-tab table's
  void on.length;
  return { kind: 'absent' };
};
