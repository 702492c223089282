import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { savePage } from '../utils/capture/save-page';

// The heavy half of a save (extraction, Readability, DOMPurify, image fetching), kept out of the content
// script that runs on every CDT page. The background injects it into the content script's isolated world
// only when a save was asked for; what main() resolves to is what executeScript hands back.
export default defineUnlistedScript(() => savePage(document, location.href));
