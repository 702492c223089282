/**
 * The address the document was loaded from, as the browser's navigation timing records it. A page can
 * change the address the browser reports for it (history.pushState, replaceState) without loading
 * another document, but not this entry, and this script's isolated world does not share the page's
 * objects. Undefined where the browser keeps no such entry.
 */
export function loadedFrom(doc: Document = document): string | undefined {
  const [entry] = doc.defaultView?.performance?.getEntriesByType?.('navigation') ?? [];
  return typeof entry?.name === 'string' && entry.name !== '' ? entry.name : undefined;
}
