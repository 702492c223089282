// Every key Coral keeps in storage.local and storage.session, in one place. The items themselves (with
// fallbacks and versions) are in ./settings.ts and ../bridge/settings.ts; this module is plain strings,
// so the content script can watch a key without carrying WXT's storage wrapper.
export const STORAGE_KEYS = {
  mirrorHosts: 'local:mirrorHosts',
  readerPrefs: 'local:readerPrefs',
  listOrder: 'session:listOrder',
  /** What the switches show; the background is its only writer. */
  bridgeView: 'local:bridgeView',
  /** Which bridge and its last result, for extension pages only; the background is its only writer. */
  bridgeStatus: 'session:bridgeStatus',
  /** Bridge addresses and choices: the background and the options page only. */
  bridgeSettings: 'local:bridgeSettings',
} as const;
