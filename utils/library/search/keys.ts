// The search store's primary key for an article: short, because the backing store keeps a copy of it in
// every index entry, twice in Chrome's LevelDB (in the entry's key and again in its value), and an
// article has hundreds of entries. A UUID is 36 characters; here its 32 hex digits take 11, three digits
// to a character in U+4000..U+4FFF (never a surrogate, so valid in any IndexedDB). Any other id (an
// imported backup may bring its own) is kept whole after a marker below that range, so the mapping is
// one to one and decoding needs no lookup.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE = 0x4000;
const DIGITS = 3;
const OTHER = '\u0001';

/** The search store key of the article with this id. */
export function searchKey(articleId: string): string {
  if (!UUID.test(articleId)) return OTHER + articleId;
  const hex = articleId.replaceAll('-', '');
  let out = '';
  for (let i = 0; i < hex.length; i += DIGITS)
    out += String.fromCharCode(BASE + Number.parseInt(hex.slice(i, i + DIGITS), 16));
  return out;
}

/** The article id a search store key stands for: the inverse of `searchKey`. */
export function articleIdOf(key: string): string {
  if (key.startsWith(OTHER)) return key.slice(OTHER.length);
  let hex = '';
  const last = key.length - 1;
  for (let i = 0; i < key.length; i++) {
    hex += (key.charCodeAt(i) - BASE).toString(16).padStart(i === last ? 32 - DIGITS * last : DIGITS, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
