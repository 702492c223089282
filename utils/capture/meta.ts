import type { ArchiveCard, ArticleMeta } from '../shared/article';
import { canonicalUrlOf } from '../shared/canonical-url';

type JsonLd = Record<string, unknown>;

const ARTICLE_TYPE = /^(?:\w*Article|BlogPosting|Report)$/;
const RTL_LANGS = new Set(['ar', 'fa', 'he', 'ug', 'ur', 'ps', 'sd', 'yi', 'dv', 'ckb']);
const EXCERPT_MAX = 300;

function flattenLd(value: unknown, out: JsonLd[]): void {
  if (Array.isArray(value)) {
    for (const item of value) flattenLd(item, out);
  } else if (value && typeof value === 'object') {
    const node = value as JsonLd;
    out.push(node);
    if (node['@graph']) flattenLd(node['@graph'], out);
  }
}

function isArticleNode(node: JsonLd): boolean {
  const types = ([] as unknown[]).concat(node['@type']);
  return types.some((t) => typeof t === 'string' && ARTICLE_TYPE.test(t));
}

/** The page's JSON-LD Article/NewsArticle/BlogPosting object, if it declares one. */
export function findJsonLdArticle(doc: Document): JsonLd | undefined {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const nodes: JsonLd[] = [];
    try {
      flattenLd(JSON.parse(script.textContent ?? ''), nodes);
    } catch {
      continue; // Broken JSON-LD is common; the other signals still count.
    }
    const article = nodes.find(isArticleNode);
    if (article) return article;
  }
  return undefined;
}

function clean(text: string | null | undefined): string | undefined {
  const collapsed = text?.replace(/\s+/g, ' ').trim();
  return collapsed || undefined;
}

function metaContent(doc: Document, key: string): string | undefined {
  return clean(doc.querySelector(`meta[property="${key}"], meta[name="${key}"]`)?.getAttribute('content'));
}

function metaContents(doc: Document, key: string): string[] {
  return [...doc.querySelectorAll(`meta[property="${key}"]`)].flatMap((m) => clean(m.getAttribute('content')) ?? []);
}

/** Strings from a JSON-LD value that may be a string, a list, an object with a name, or a comma list. */
function ldStrings(value: unknown, splitCommas = false): string[] {
  if (typeof value === 'string') return (splitCommas ? value.split(',') : [value]).flatMap((s) => clean(s) ?? []);
  if (Array.isArray(value)) return value.flatMap((v) => ldStrings(v, splitCommas));
  if (value && typeof value === 'object') return ldStrings((value as JsonLd).name);
  return [];
}

function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return value.replace(' ', 'T');
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = v.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The single post's element, so sidebar widgets' links are not read as this post's tags. */
function postElement(doc: Document): ParentNode {
  return doc.querySelector('article[id^="post-"], .hentry, article, .post') ?? doc;
}

function titleFrom(doc: Document, ld: JsonLd | undefined, siteName: string | undefined): string {
  const direct =
    metaContent(doc, 'og:title') ??
    clean(doc.querySelector('h1.entry-title')?.textContent) ??
    ldStrings(ld?.headline)[0];
  if (direct) return direct;
  const title = clean(doc.title) ?? '';
  if (siteName && title.endsWith(siteName)) {
    return title.slice(0, -siteName.length).replace(/\s*[|\-–—:»·]\s*$/, '') || title;
  }
  const parts = title.split(/\s+[|\-–—»·]\s+/);
  return parts.length > 1 ? parts.slice(0, -1).join(' – ') : title;
}

function postIdFrom(doc: Document, pageUrl: string): string | undefined {
  const fromBody = doc.body?.className.match(/(?:^|\s)postid-(\d+)(?:\s|$)/)?.[1];
  const fromArticle = doc.querySelector('article[id^="post-"]')?.id.match(/^post-(\d+)$/)?.[1];
  const shortlink = doc
    .querySelector('link[rel="shortlink"]')
    ?.getAttribute('href')
    ?.match(/[?&]p=(\d+)/)?.[1];
  const restLink = doc
    .querySelector('link[rel="alternate"][type="application/json"]')
    ?.getAttribute('href')
    ?.match(/\/wp-json\/wp\/v2\/posts\/(\d+)/)?.[1];
  const fromPath = pageUrl.match(/\/chinese\/(\d+)\.html(?:[?#]|$)/)?.[1];
  return fromBody ?? fromArticle ?? shortlink ?? restLink ?? fromPath;
}

const CARD_FIELDS: Record<string, keyof ArchiveCard> = {
  标题: 'originalTitle',
  作者: 'originalAuthor',
  发表日期: 'originalDate',
  发布日期: 'originalDate',
  来源: 'source',
};

/** The "CDT 档案卡" table and its facts: label cells ending in "：" followed by the value cell. */
export function findArchiveCard(root: ParentNode): { table: Element; card: ArchiveCard } | undefined {
  for (const table of root.querySelectorAll('table')) {
    const card: ArchiveCard = {};
    for (const row of table.querySelectorAll('tr')) {
      const [label, value] = [...row.querySelectorAll('th, td')].map((cell) => clean(cell.textContent) ?? '');
      const field = CARD_FIELDS[label?.replace(/[:：]\s*$/, '') ?? ''];
      if (field && value) card[field] = value;
    }
    if (Object.keys(card).length >= 2) return { table, card };
  }
  return undefined;
}

export const archiveCardFrom = (root: ParentNode): ArchiveCard | undefined => findArchiveCard(root)?.card;

/**
 * The article's own language: an `<article lang="ug">` in an English page is Uyghur, so the nearest
 * `lang` from the post element outwards wins over the page's head.
 */
function langFrom(doc: Document, post: ParentNode, ld: JsonLd | undefined): string | undefined {
  const own = post === doc ? undefined : clean((post as Element).closest('[lang]')?.getAttribute('lang'));
  const locale = metaContent(doc, 'og:locale')?.replace('_', '-');
  return own ?? clean(doc.documentElement.getAttribute('lang')) ?? locale ?? ldStrings(ld?.inLanguage)[0];
}

/** The nearest explicit ltr/rtl from the post element outwards (dir="auto" says nothing). */
function explicitDir(doc: Document, post: ParentNode): 'ltr' | 'rtl' | undefined {
  const from = post === doc ? (doc.body ?? doc.documentElement) : (post as Element);
  for (let el: Element | null = from; el; el = el.parentElement) {
    const dir = el.getAttribute('dir')?.trim().toLowerCase();
    if (dir === 'rtl' || dir === 'ltr') return dir;
  }
  return undefined;
}

/** Explicit dir wins; otherwise the script direction of the language. */
export function dirFor(doc: Document, lang: string | undefined, post: ParentNode = doc): 'ltr' | 'rtl' {
  const explicit = explicitDir(doc, post);
  if (explicit) return explicit;
  const primary = lang?.toLowerCase().split(/[-_]/)[0] ?? '';
  return RTL_LANGS.has(primary) ? 'rtl' : 'ltr';
}

export function truncateExcerpt(text: string | undefined): string | undefined {
  const value = clean(text);
  if (!value || value.length <= EXCERPT_MAX) return value;
  const cut = value.slice(0, EXCERPT_MAX);
  const space = cut.lastIndexOf(' ');
  return `${space > EXCERPT_MAX * 0.6 ? cut.slice(0, space) : cut}…`;
}

/** Metadata read from the page's head and post markup. The body excerpt fallback is the caller's. */
export function extractMeta(doc: Document, pageUrl: string): ArticleMeta {
  const ld = findJsonLdArticle(doc);
  const post = postElement(doc);
  const siteName = metaContent(doc, 'og:site_name') ?? ldStrings((ld?.publisher as JsonLd | undefined)?.name)[0];
  const lang = langFrom(doc, post, ld);
  const relText = (selector: string) => [...post.querySelectorAll(selector)].flatMap((a) => clean(a.textContent) ?? []);
  const timeEl = post.querySelector('time[datetime]') ?? doc.querySelector('time[datetime]');
  const authorMeta = metaContent(doc, 'author') ?? metaContent(doc, 'article:author');
  return {
    title: titleFrom(doc, ld, siteName),
    author:
      (authorMeta && !/^https?:/.test(authorMeta) ? authorMeta : undefined) ??
      ldStrings(ld?.author)[0] ??
      relText('[rel~="author"], .author')[0],
    published: isoDate(
      metaContent(doc, 'article:published_time') ??
        ldStrings(ld?.datePublished)[0] ??
        clean(timeEl?.getAttribute('datetime')),
    ),
    modified: isoDate(
      metaContent(doc, 'article:modified_time') ??
        metaContent(doc, 'og:updated_time') ??
        ldStrings(ld?.dateModified)[0],
    ),
    siteName,
    lang,
    dir: dirFor(doc, lang, post),
    excerpt: truncateExcerpt(metaContent(doc, 'og:description') ?? metaContent(doc, 'description')),
    categories: unique([
      ...metaContents(doc, 'article:section'),
      ...ldStrings(ld?.articleSection),
      ...relText('a[rel~="category"]'),
    ]),
    tags: unique([
      ...metaContents(doc, 'article:tag'),
      ...ldStrings(ld?.keywords, true),
      ...[...post.querySelectorAll('a[rel~="tag"]')]
        .filter((a) => !a.getAttribute('rel')?.split(/\s+/).includes('category'))
        .flatMap((a) => clean(a.textContent) ?? []),
    ]),
    canonicalUrl: canonicalUrlOf(doc, pageUrl),
    url: pageUrl,
    postId: postIdFrom(doc, pageUrl),
    archiveCard: archiveCardFrom(post),
  };
}
