import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';

// The page's UI: the save prompt and the bridge switch. The loader (entrypoints/cdt-loader.ts), the only
// script declared for CDT pages, has the background inject this into its isolated world when the page
// has something to show; the background also injects it into any tab the user asks to save. Imported
// inside main (the bundle inlines it) because WXT evaluates an entry's top-level imports at build time,
// where WXT's content-script context cannot load.
export default defineUnlistedScript(async () => (await import('./page-ui')).startPageUi());
