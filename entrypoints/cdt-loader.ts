import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { pageWantsUi } from '../utils/capture/loader';
import { sendToBackground } from '../utils/shared/messages';

// The only script declared for CDT pages (wxt.config.ts) and registered for mirrors. Most CDT pages are
// listings with nothing to show: there it reads the DOM and stops, touching no extension API. Where
// there is a prompt or a switch to show, the background injects the page's UI (entrypoints/page-ui/).
export default defineUnlistedScript(() => {
  if (pageWantsUi(document, location.href)) void sendToBackground('loadPageUi', {}).catch(() => undefined);
});
