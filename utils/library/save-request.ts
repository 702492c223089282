import type { ArchiveCard, ArticleMeta, ExtractedArticle, ImagePayload, SaveRequest } from '../shared/article';

// A save request comes from a content script, which runs beside a page we do not trust (and any page can
// be saved on request). The background keeps only the known fields, of the right types, and clips each
// string to what a backup may hold (utils/backup-schema.ts): whatever can be saved must also come back
// from an export, or one odd page (a 100-character `lang`) would make the whole backup unreadable.

type Obj = Record<string, unknown>;

/** The backup schema's limits, in characters. */
const SHORT = 64 * 1024;
const CODE = 64;
const REF = 256;
const URL_MAX = 8192;
const LIST = 10_000;

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A string cut to `max` characters; undefined for anything that is not a non-empty string. */
function text(value: unknown, max = SHORT): string | undefined {
  return typeof value === 'string' && value !== '' ? value.slice(0, max) : undefined;
}

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => text(item) ?? []).slice(0, LIST);
}

/** Leaves out the keys whose value is undefined, as the library never stores them. */
function defined<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

function archiveCard(value: unknown): ArchiveCard | undefined {
  if (!isObj(value)) return undefined;
  const card = defined({
    originalTitle: text(value.originalTitle),
    originalAuthor: text(value.originalAuthor),
    originalDate: text(value.originalDate),
    source: text(value.source),
  });
  return Object.keys(card).length > 0 ? card : undefined;
}

function meta(value: Obj, canonicalUrl: string, url: string): ArticleMeta | null {
  if (typeof value.title !== 'string') return null;
  return defined({
    title: value.title.slice(0, SHORT),
    author: text(value.author),
    published: text(value.published, CODE),
    modified: text(value.modified, CODE),
    siteName: text(value.siteName),
    lang: text(value.lang, CODE),
    dir: value.dir === 'rtl' ? ('rtl' as const) : ('ltr' as const),
    excerpt: text(value.excerpt),
    categories: strings(value.categories),
    tags: strings(value.tags),
    canonicalUrl,
    url,
    postId: text(value.postId, CODE),
    archiveCard: archiveCard(value.archiveCard),
  });
}

/** Image slots with a usable ref and an http(s) address short enough to keep; the rest are left out. */
function slots(value: unknown[]): ExtractedArticle['images'] {
  const out: ExtractedArticle['images'] = [];
  for (const item of value) {
    if (!isObj(item) || typeof item.ref !== 'string' || item.ref.length > REF) continue;
    if (typeof item.url !== 'string' || item.url.length > URL_MAX || !/^https?:\/\//i.test(item.url)) continue;
    out.push({ ref: item.ref, url: item.url, alt: typeof item.alt === 'string' ? item.alt.slice(0, SHORT) : '' });
    if (out.length === LIST) break;
  }
  return out;
}

function payloads(value: unknown[]): ImagePayload[] {
  return value.flatMap((item): ImagePayload[] =>
    isObj(item) && typeof item.ref === 'string'
      ? [
          defined({
            ref: item.ref,
            type: text(item.type, REF),
            base64: text(item.base64, Infinity),
            error: text(item.error),
            blocked: item.blocked === true ? true : undefined,
          }),
        ]
      : [],
  );
}

/**
 * The request rebuilt from its known fields, with the addresses the browser reported in place of the
 * page's claims; null when the fields the library needs are missing or of the wrong type.
 */
export function cleanSaveRequest(value: unknown, canonicalUrl: string, url: string): SaveRequest | null {
  if (!isObj(value) || !isObj(value.article) || !Array.isArray(value.images)) return null;
  const { article } = value;
  if (typeof article.html !== 'string' || typeof article.text !== 'string') return null;
  if (!isObj(article.meta) || !Array.isArray(article.images)) return null;
  // The canonical address is the key for duplicates and cannot be cut; a long page address can give way to it.
  if (canonicalUrl.length > URL_MAX) return null;
  const cleanMeta = meta(article.meta, canonicalUrl, url.length > URL_MAX ? canonicalUrl : url);
  if (!cleanMeta) return null;
  return {
    article: { meta: cleanMeta, html: article.html, text: article.text, images: slots(article.images) },
    images: payloads(value.images),
  };
}
