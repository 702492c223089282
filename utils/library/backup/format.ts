// The backup file: names, limits and the manifest. One place, so export and import cannot drift apart.
import { MAX_IMAGE_BYTES } from '../../shared/limits';

export const BACKUP_FORMAT = 'coral-backup';
/** Bump when an older Coral could no longer read what a newer one writes; import refuses versions it does not know. */
export const BACKUP_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'coral-backup.json';

const MiB = 1024 * 1024;
/** Refused before anything is inflated: the sum of the sizes the zip directory declares. */
export const MAX_BACKUP_BYTES = 2 * 1024 * MiB;
/** One article with all its versions. Each version is capped at 40 MiB when saved; 256 MiB is many versions. */
export const MAX_ARTICLE_FILE_BYTES = 256 * MiB;
export const MAX_MANIFEST_BYTES = 64 * MiB;
export const MAX_BACKUP_IMAGE_BYTES = MAX_IMAGE_BYTES;
/** Many tiny entries are their own kind of bomb: each costs a parse and an object. */
export const MAX_BACKUP_ENTRIES = 500_000;

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;
export const HASH_PATTERN = /^[0-9a-f]{64}$/;
export const IMAGE_TYPE_PATTERN = /^image\/[a-z0-9][a-z0-9.+-]{0,63}$/;

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  /** ms since epoch */
  exportedAt: number;
  app: 'Coral';
  articleCount: number;
  /** The stored type of every image file, by hash: a file extension cannot carry every type exactly. */
  images: Record<string, string>;
}

/**
 * Why an import failed, for the user: `refused` (the file is not a backup Coral can read), `quota`
 * (storage is full), `not-stored` (the library could not take it) or `cancelled` (the user stopped it).
 * Nothing was changed, except what an ImportStopped says was kept.
 */
export type BackupFailure = 'refused' | 'quota' | 'not-stored' | 'cancelled';

/**
 * Every refusal of a backup: the message (English, for the console) says which file and what is wrong
 * with it; the user is told `failure` in their language, and the file's name.
 */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(
    message: string,
    readonly file?: string,
    readonly failure: BackupFailure = 'refused',
  ) {
    super(file ? `${file}: ${message}` : message);
  }
}

/**
 * An import that stopped part way, after the checks: cancelled by the user, or the library could not
 * store a batch. The batches stored before it are kept; `imported` of `total` articles are in the library.
 */
export class ImportStopped extends BackupError {
  override name = 'ImportStopped';
  constructor(
    failure: BackupFailure,
    readonly imported: number,
    readonly total: number,
    detail = '',
  ) {
    super(
      `The import stopped (${failure}) after ${imported} of ${total} articles. ${detail}`.trim(),
      undefined,
      failure,
    );
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/bmp': 'bmp',
  'image/x-icon': 'ico',
  'image/vnd.microsoft.icon': 'ico',
  'image/svg+xml': 'svg',
  'image/tiff': 'tiff',
};

/** A file extension for an image type; `img` for types without a common one. */
export function extensionForType(type: string): string {
  return EXTENSIONS[type] ?? 'img';
}

export const articleEntryName = (id: string): string => `articles/${id}.json`;
export const imageEntryName = (hash: string, type: string): string => `images/${hash}.${extensionForType(type)}`;

export type BackupEntry =
  | { kind: 'manifest' }
  | { kind: 'article'; id: string }
  | { kind: 'image'; hash: string; ext: string }
  | { kind: 'directory' };

/**
 * What a zip entry name stands for, or undefined for any name this format never writes: traversal
 * (`../`), absolute paths, backslashes, odd characters and unknown files are all simply not on the list.
 */
export function classifyEntry(name: string): BackupEntry | undefined {
  if (name === MANIFEST_NAME) return { kind: 'manifest' };
  if (name === 'articles/' || name === 'images/') return { kind: 'directory' };
  const article = /^articles\/([^/]+)\.json$/.exec(name);
  if (article?.[1] && ID_PATTERN.test(article[1])) return { kind: 'article', id: article[1] };
  const image = /^images\/([0-9a-f]{64})\.([a-z]{2,5})$/.exec(name);
  if (image?.[1] && image[2]) return { kind: 'image', hash: image[1], ext: image[2] };
  return undefined;
}

const manifestFail = (what: string): never => {
  throw new BackupError(what, MANIFEST_NAME);
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The manifest's format version, when this version of Coral reads it. */
function formatVersionOf(m: Record<string, unknown>): number {
  if (m.format !== BACKUP_FORMAT) manifestFail(`is not a Coral backup (format is ${JSON.stringify(m.format)}).`);
  const version = m.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version)) return manifestFail('has no valid formatVersion.');
  if (version > BACKUP_FORMAT_VERSION || version < 1) {
    manifestFail(
      `has format version ${version}, and this version of Coral reads version ${BACKUP_FORMAT_VERSION}. ` +
        'Update Coral to import it.',
    );
  }
  return version;
}

/** Image hash → MIME type, each checked. */
function imageTypesOf(images: unknown): Record<string, string> {
  if (!isObject(images)) return manifestFail('images must be an object.');
  const types: Record<string, string> = Object.create(null);
  for (const [hash, type] of Object.entries(images)) {
    if (!HASH_PATTERN.test(hash)) manifestFail(`images: ${JSON.stringify(hash.slice(0, 80))} is not a SHA-256 hash.`);
    if (typeof type !== 'string' || !IMAGE_TYPE_PATTERN.test(type)) {
      manifestFail(`images: the type of ${hash} is not an image type (${JSON.stringify(String(type).slice(0, 80))}).`);
    }
    types[hash] = type as string;
  }
  return types;
}

export function parseManifest(value: unknown): BackupManifest {
  if (!isObject(value)) return manifestFail('is not a JSON object.');
  const formatVersion = formatVersionOf(value);
  const { exportedAt, articleCount } = value;
  if (typeof exportedAt !== 'number' || !Number.isFinite(exportedAt)) manifestFail('exportedAt must be a number.');
  if (typeof articleCount !== 'number' || !Number.isInteger(articleCount) || articleCount < 0) {
    manifestFail('articleCount must be a whole number.');
  }
  return {
    format: BACKUP_FORMAT,
    formatVersion,
    exportedAt: exportedAt as number,
    app: 'Coral',
    articleCount: articleCount as number,
    images: imageTypesOf(value.images),
  };
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `coral-backup-2024-08-01-1530.zip`, in local time: the day the person made it. */
export function backupFileName(now: number | Date = Date.now()): string {
  const d = new Date(now);
  return `coral-backup-${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}-${pad(d.getHours())}${pad(d.getMinutes())}.zip`;
}

// Names Windows keeps for devices, whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_NAME_CHARS = 80;

/**
 * A file name from the article's title that every system accepts: no path or reserved characters, no
 * control or direction-override characters (which can disguise an extension), Chinese kept as it is.
 */
export function articleFileName(meta: { title: string; published?: string }, ext: string): string {
  const cleanExt = ext.toLowerCase().replace(/[^a-z0-9]/g, '') || 'txt';
  let base = meta.title
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '')
    .replace(/[/\\:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+|[.\s]+$/g, '');
  // Cut by code points, so a character outside the BMP is never split in half.
  const chars = Array.from(base);
  if (chars.length > MAX_NAME_CHARS) base = chars.slice(0, MAX_NAME_CHARS).join('').trim();
  if (!base) base = 'article';
  if (RESERVED.test(base)) base = `${base}_`;
  return `${base}.${cleanExt}`;
}
