import { findArchiveCard } from '../capture/meta';
import { sanitizeArticleHtml } from '../shared/sanitize';

export const ARCHIVE_CARD_CLASS = 'coral-archive-card';

export interface PreparedBody {
  /** Inert (a template's content): clone it before filling image slots and showing it. */
  content: DocumentFragment;
  /** The saved body carries its own CDT 档案卡, so the header must not show it a second time. */
  hasArchiveCard: boolean;
}

/**
 * CDT prints the 档案卡 as a table at the end of the post, with a heading, inside one wrapper. That copy
 * is kept (every row, in CDT's words, where CDT put it) and marked so it reads as a card.
 */
function markArchiveCard(root: DocumentFragment): boolean {
  const table = findArchiveCard(root)?.table;
  if (!table) return false;
  const wrapper = table.parentElement;
  const onlyCard =
    wrapper?.localName === 'div' &&
    Array.from(wrapper.children).every((child) => child === table || /^h[2-6]$/.test(child.localName));
  (onlyCard ? wrapper : table).classList.add(ARCHIVE_CARD_CLASS);
  return true;
}

/** The stored body, sanitised again (the database is not a trust boundary) and ready to show. */
export function prepareBody(doc: Document, html: string, url: string): PreparedBody {
  const template = doc.createElement('template');
  template.innerHTML = sanitizeArticleHtml(html, url);
  for (const link of Array.from(template.content.querySelectorAll('a[href]'))) {
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return { content: template.content, hasArchiveCard: markArchiveCard(template.content) };
}
