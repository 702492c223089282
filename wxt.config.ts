import { defineConfig } from 'wxt';
import { CDT_DOMAIN, CDT_HOME, CDT_MATCHES, CDT_ORIGIN } from './utils/sites/cdt';

/** The health check's address, CHECK_BASE in utils/bridge/probe.ts (which this file cannot load). */
const CHECK_BASE = `http://${CDT_DOMAIN}/`;

// Extension pages show untrusted saved HTML: no remote code, no inline script, images only from
// the extension itself or object URLs made from the library. The background (bound by the same policy)
// may connect to CDT's home page only: "Test bridge" times a fetch of it through the bridge, and the
// health check asks for its plain-http address (Chrome's PAC script sees only the host of https ones).
const EXTENSION_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; " +
  `font-src 'self'; connect-src 'self' ${CDT_HOME} ${CHECK_BASE}; object-src 'none'; base-uri 'none'; ` +
  "form-action 'none'; frame-ancestors 'none'";

// Firefox is built as Manifest V2 (WXT's default for Firefox): MV2 grants the CDT host permission at
// install, so the content script runs without a second prompt, and its persistent background page can
// register blocking proxy and auth listeners synchronously at start-up (needed for the bridge).
export default defineConfig({
  imports: false,
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // The bridge: proxy settings, answering the bridge's password challenge, and WebRTC's policy. Chrome
    // cannot make `proxy` optional; Firefox needs `webRequestBlocking` to answer challenges.
    permissions: [
      'storage',
      'unlimitedStorage',
      'activeTab',
      'scripting',
      'contextMenus',
      'proxy',
      'webRequest',
      'privacy',
      // The bridge's periodic health check, and the notice when it stops working.
      'alarms',
      'notifications',
      ...(manifestVersion === 3 ? ['webRequestAuthProvider'] : ['webRequestBlocking']),
    ],
    host_permissions: [CDT_ORIGIN],
    // The loader only: it decides, from the DOM alone, whether the page has anything to show, and only
    // then does the background inject the page's UI (entrypoints/page-ui/).
    content_scripts: [{ matches: CDT_MATCHES, js: ['cdt-loader.js'] }],
    ...(manifestVersion === 3
      ? {
          optional_host_permissions: ['*://*/*'],
          content_security_policy: { extension_pages: EXTENSION_CSP },
        }
      : {
          optional_permissions: ['*://*/*'],
          content_security_policy: EXTENSION_CSP,
        }),
    action: { default_title: '__MSG_extName__' },
    commands: {
      'save-page': {
        suggested_key: { default: 'Alt+Shift+S' },
        description: '__MSG_commandSavePage__',
      },
    },
    ...(browser === 'firefox' && {
      browser_specific_settings: {
        gecko: {
          id: 'coral@coral-reader.org',
          strict_min_version: '142.0',
          data_collection_permissions: { required: ['none'] },
        },
      },
    }),
  }),
});
