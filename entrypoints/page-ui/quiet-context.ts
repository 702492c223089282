import { ContentScriptContext } from 'wxt/utils/content-script-context';

/**
 * WXT's content script context, minus its announcement. WXT tells an older copy of the script to stop
 * with a CustomEvent on the page's document and a window.postMessage, both named after the extension's
 * id: any page could hear them and learn that Coral is installed. Coral's scripts find an earlier live
 * copy through their own isolated world instead (page-ui.tsx), where the page cannot look. Nor does it
 * listen for that event, which a page that knows the id could send to take the prompt away.
 */
export class QuietContentScriptContext extends ContentScriptContext {
  constructor(name: string) {
    super(name, { noScriptStartedPostMessage: true });
  }

  override stopOldScripts(): void {}

  override listenForNewerScripts(): void {}
}
