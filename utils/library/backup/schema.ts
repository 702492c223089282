// The shape of one article file in a backup, checked field by field. A backup is a file from anywhere:
// nothing in it reaches the database unless it has exactly the types and sizes the library writes, and
// the records are rebuilt from the known fields only, so no stray property rides along.
import type { ArchiveCard, ArticleMeta, ImageRef } from '../../shared/article';
import { MAX_ARTICLE_BYTES } from '../../shared/limits';
import type { ArticleRecord, VersionOrigin, VersionRecord } from '../db/schema';
import { MAX_FILE_NAME_CHARS } from '../provenance';
import { BackupError, HASH_PATTERN } from './format';

/**
 * `articles/<id>.json`: the record as stored, and all its versions. Once parsed, a version's `origin` is
 * what the file claims; the merge stores every version it adds as imported, with that claim beside it.
 */
export interface BackupArticle {
  article: ArticleRecord;
  versions: VersionRecord[];
}

type Obj = Record<string, unknown>;

const SHORT = 64 * 1024;
const MAX_LIST = 10_000;
const MAX_VERSIONS = 10_000;
/** Year 275760: the largest time a Date can hold. */
const MAX_TIME = 8.64e15;

class Checker {
  constructor(private readonly file: string) {}

  fail(path: string, what: string): never {
    throw new BackupError(`${path} ${what}`, this.file);
  }

  obj(value: unknown, path: string): Obj {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'must be an object.');
    return value as Obj;
  }

  str(value: unknown, path: string, max = SHORT): string {
    if (typeof value !== 'string') return this.fail(path, 'must be a string.');
    if (value.length > max) this.fail(path, `is longer than ${max} characters.`);
    return value;
  }

  optStr(value: unknown, path: string, max = SHORT): string | undefined {
    return value === undefined ? undefined : this.str(value, path, max);
  }

  pattern(value: unknown, path: string, re: RegExp, what: string): string {
    const text = this.str(value, path, 256);
    if (!re.test(text)) this.fail(path, `is not ${what}.`);
    return text;
  }

  num(value: unknown, path: string, min: number, max: number, integer = true): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) return this.fail(path, 'must be a number.');
    if (integer && !Number.isInteger(value)) this.fail(path, 'must be a whole number.');
    if (value < min || value > max) this.fail(path, `must be between ${min} and ${max}.`);
    return value;
  }

  time(value: unknown, path: string): number {
    return this.num(value, path, 0, MAX_TIME);
  }

  bool(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, 'must be true or false.');
    return value as boolean;
  }

  list(value: unknown, path: string, max = MAX_LIST): unknown[] {
    if (!Array.isArray(value)) return this.fail(path, 'must be a list.');
    if (value.length > max) this.fail(path, `has more than ${max} items.`);
    return value;
  }

  strings(value: unknown, path: string): string[] {
    return this.list(value, path).map((item, i) => this.str(item, `${path}[${i}]`));
  }

  url(value: unknown, path: string): string {
    const text = this.str(value, path, 8192);
    let protocol = '';
    try {
      protocol = new URL(text).protocol;
    } catch {
      // Reported below.
    }
    if (protocol !== 'http:' && protocol !== 'https:') this.fail(path, 'is not an http(s) address.');
    return text;
  }
}

/** Drops the keys whose value is undefined, as the library never stores them. */
function defined<T extends object>(record: T): T {
  for (const key of Object.keys(record) as Array<keyof T>) {
    if (record[key] === undefined) delete record[key];
  }
  return record;
}

function parseArchiveCard(c: Checker, value: unknown, path: string): ArchiveCard {
  const o = c.obj(value, path);
  return defined({
    originalTitle: c.optStr(o.originalTitle, `${path}.originalTitle`),
    originalAuthor: c.optStr(o.originalAuthor, `${path}.originalAuthor`),
    originalDate: c.optStr(o.originalDate, `${path}.originalDate`),
    source: c.optStr(o.source, `${path}.source`),
  });
}

function parseMeta(c: Checker, value: unknown, path: string): ArticleMeta {
  const o = c.obj(value, path);
  if (o.dir !== 'ltr' && o.dir !== 'rtl') c.fail(`${path}.dir`, 'must be "ltr" or "rtl".');
  return defined({
    title: c.str(o.title, `${path}.title`),
    author: c.optStr(o.author, `${path}.author`),
    published: c.optStr(o.published, `${path}.published`, 64),
    modified: c.optStr(o.modified, `${path}.modified`, 64),
    siteName: c.optStr(o.siteName, `${path}.siteName`),
    lang: c.optStr(o.lang, `${path}.lang`, 64),
    dir: o.dir as 'ltr' | 'rtl',
    excerpt: c.optStr(o.excerpt, `${path}.excerpt`),
    categories: c.strings(o.categories, `${path}.categories`),
    tags: c.strings(o.tags, `${path}.tags`),
    canonicalUrl: c.url(o.canonicalUrl, `${path}.canonicalUrl`),
    url: c.url(o.url, `${path}.url`),
    postId: c.optStr(o.postId, `${path}.postId`, 64),
    archiveCard: o.archiveCard === undefined ? undefined : parseArchiveCard(c, o.archiveCard, `${path}.archiveCard`),
  });
}

function parseImageRef(c: Checker, value: unknown, path: string): ImageRef {
  const o = c.obj(value, path);
  return defined({
    ref: c.str(o.ref, `${path}.ref`, 256),
    url: c.str(o.url, `${path}.url`, 8192),
    alt: c.str(o.alt, `${path}.alt`),
    hash: o.hash === undefined ? undefined : c.pattern(o.hash, `${path}.hash`, HASH_PATTERN, 'a SHA-256 hash'),
    error: c.optStr(o.error, `${path}.error`),
  });
}

const FILE_NAME_PROBLEM = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

/** One level of origin: a nested `claimed` is not read here (Coral writes one level, and keeps no more). */
function parseOriginLevel(c: Checker, o: Obj, path: string): VersionOrigin {
  if (o.kind === 'saved') return { kind: 'saved', url: c.url(o.url, `${path}.url`) };
  if (o.kind !== 'imported') return c.fail(`${path}.kind`, 'must be "saved" or "imported".');
  const file = c.str(o.file, `${path}.file`, MAX_FILE_NAME_CHARS);
  if (FILE_NAME_PROBLEM.test(file)) c.fail(`${path}.file`, 'has control or direction characters.');
  return { kind: 'imported', file, importedAt: c.time(o.importedAt, `${path}.importedAt`) };
}

/** Where the file says a version came from: checked as strictly as the rest, and only ever kept as a claim. */
function parseOrigin(c: Checker, value: unknown, path: string): VersionOrigin | undefined {
  if (value === undefined) return undefined;
  const o = c.obj(value, path);
  const origin = parseOriginLevel(c, o, path);
  if (origin.kind === 'imported' && o.claimed !== undefined) {
    origin.claimed = parseOriginLevel(c, c.obj(o.claimed, `${path}.claimed`), `${path}.claimed`);
  }
  return origin;
}

function parseVersion(c: Checker, value: unknown, path: string, articleId: string): VersionRecord {
  const o = c.obj(value, path);
  if (o.articleId !== articleId) c.fail(`${path}.articleId`, `must be the article's id (${articleId}).`);
  const html = c.str(o.html, `${path}.html`, MAX_ARTICLE_BYTES);
  const text = c.str(o.text, `${path}.text`, MAX_ARTICLE_BYTES);
  const images = c.list(o.images, `${path}.images`).map((ref, i) => parseImageRef(c, ref, `${path}.images[${i}]`));
  const imageHashes = c
    .list(o.imageHashes, `${path}.imageHashes`)
    .map((hash, i) => c.pattern(hash, `${path}.imageHashes[${i}]`, HASH_PATTERN, 'a SHA-256 hash'));
  const listed = new Set(imageHashes);
  for (const [i, ref] of images.entries()) {
    if (ref.hash && !listed.has(ref.hash)) c.fail(`${path}.images[${i}].hash`, 'is missing from imageHashes.');
  }
  return defined({
    articleId,
    version: c.num(o.version, `${path}.version`, 1, MAX_VERSIONS * 1000),
    savedAt: c.time(o.savedAt, `${path}.savedAt`),
    meta: parseMeta(c, o.meta, `${path}.meta`),
    html,
    text,
    textHash: c.pattern(o.textHash, `${path}.textHash`, HASH_PATTERN, 'a SHA-256 hash'),
    images,
    bytes: c.num(o.bytes, `${path}.bytes`, 0, Number.MAX_SAFE_INTEGER),
    imageHashes,
    origin: parseOrigin(c, o.origin, `${path}.origin`),
  });
}

function parseRecord(c: Checker, value: unknown, id: string): ArticleRecord {
  const o = c.obj(value, 'article');
  if (o.id !== id) c.fail('article.id', `must match the file name (${id}).`);
  return defined({
    id,
    canonicalUrl: c.url(o.canonicalUrl, 'article.canonicalUrl'),
    meta: parseMeta(c, o.meta, 'article.meta'),
    firstSavedAt: c.time(o.firstSavedAt, 'article.firstSavedAt'),
    savedAt: c.time(o.savedAt, 'article.savedAt'),
    versions: c.num(o.versions, 'article.versions', 1, MAX_VERSIONS),
    read: c.bool(o.read, 'article.read'),
    tags: c.strings(o.tags, 'article.tags'),
    progress: c.num(o.progress, 'article.progress', 0, 1, false),
    readAt: o.readAt === undefined ? undefined : c.time(o.readAt, 'article.readAt'),
    textBytes: c.num(o.textBytes, 'article.textBytes', 0, Number.MAX_SAFE_INTEGER),
    bytes: c.num(o.bytes, 'article.bytes', 0, Number.MAX_SAFE_INTEGER),
  });
}

/** Checks one parsed `articles/<id>.json`; throws a BackupError naming the file and the field. */
export function parseBackupArticle(value: unknown, file: string, id: string): BackupArticle {
  const c = new Checker(file);
  const o = c.obj(value, 'the file');
  const article = parseRecord(c, o.article, id);
  const versions = c.list(o.versions, 'versions', MAX_VERSIONS).map((v, i) => parseVersion(c, v, `versions[${i}]`, id));
  if (versions.length === 0) c.fail('versions', 'is empty: an article has at least one version.');
  if (versions.length !== article.versions) {
    c.fail('article.versions', `says ${article.versions}, but the file has ${versions.length}.`);
  }
  const numbers = new Set(versions.map((v) => v.version));
  if (numbers.size !== versions.length) c.fail('versions', 'has two versions with the same number.');
  return { article, versions };
}
