import { detectArticle } from './detect';
import { findLanternWidget } from './lantern-widget';

/**
 * Whether a CDT page has anything for Coral to show: the save prompt on an article, the bridge switch
 * beside Lantern's widget. The loader asks this on every CDT page, so it only reads the DOM: no parsing
 * of the article, no extension API.
 */
export function pageWantsUi(doc: Document, url: string): boolean {
  return detectArticle(doc, url).article || findLanternWidget(doc) !== null;
}
