// The reader's address, in one place: the popup and the background open it, the reader's own links
// (previous/next, versions) change its query, and the reader page reads it back.

export interface ReaderTarget {
  id: string | null;
  /** A saved version's number; null for the newest. */
  version: number | null;
}

/** The query part: `?id=…` and, for an older version, `&v=…`. */
export function readerQuery(id: string, version?: number): string {
  const params = new URLSearchParams({ id });
  if (version !== undefined) params.set('v', String(version));
  return `?${params}`;
}

/** The path inside the extension, for `browser.runtime.getURL`. */
export function readerPath(id: string, version?: number): `/reader.html${string}` {
  return `/reader.html${readerQuery(id, version)}`;
}

/** What a reader address asks for; a missing or malformed version means the newest. */
export function parseReaderQuery(search: string): ReaderTarget {
  const params = new URLSearchParams(search);
  const version = Number.parseInt(params.get('v') ?? '', 10);
  return { id: params.get('id'), version: Number.isFinite(version) ? version : null };
}
