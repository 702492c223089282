// Every key Coral keeps in storage.local and storage.session, in one place. The items themselves (with
// fallbacks and versions) are in ./settings.ts; the bridge's settings and the mirror hosts are not here
// at all but in the extension's IndexedDB (utils/library/private-settings.ts), out of content scripts'
// reach. This module is plain strings.
export const STORAGE_KEYS = {
  readerPrefs: 'local:readerPrefs',
  listOrder: 'session:listOrder',
  /** Which bridge and its last result, for extension pages only; the background is its only writer. */
  bridgeStatus: 'session:bridgeStatus',
  /** Bumped at every write of the bridge settings, so every extension context reads them again. */
  bridgeSettingsChanged: 'session:bridgeSettingsChanged',
  /** The same for the mirror hosts. */
  mirrorHostsChanged: 'session:mirrorHostsChanged',
  /** The secret in the health check's address that routes it through the bridge only (Chrome's PAC). */
  bridgeCheckToken: 'session:bridgeCheckToken',
} as const;

/**
 * storage.local keys of earlier versions, which content scripts could read: the background moves the
 * settings to IndexedDB at its start and removes these.
 */
export const LEGACY_LOCAL_KEYS = {
  mirrorHosts: 'mirrorHosts',
  bridgeSettings: 'bridgeSettings',
  /** The switches' view, now answered by message and pushed to tabs. */
  bridgeView: 'bridgeView',
} as const;
