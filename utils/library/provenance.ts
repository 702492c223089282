// Which version of an article is the user's own and which one the library shows first. A backup is a
// file from anywhere: what it says about a version (when, from where) is a claim, so an imported
// version never takes the place of a copy saved in this browser.
import type { ArticleRecord, VersionOrigin, VersionRecord } from './db/schema';

export const MAX_FILE_NAME_CHARS = 255;

type WithOrigin = Pick<VersionRecord, 'version' | 'origin'>;

/** Saved in this browser; versions from before origins were kept have none, and were saved here too. */
export const isOwnVersion = (version: Pick<VersionRecord, 'origin'>): boolean => version.origin?.kind !== 'imported';

/**
 * The version the reader opens on and the listing describes: the newest saved here, and only when the
 * user has none, the newest imported one.
 */
export function firstShownVersion<T extends WithOrigin>(versions: readonly T[]): T | undefined {
  let own: T | undefined;
  let any: T | undefined;
  for (const v of versions) {
    if (!any || v.version > any.version) any = v;
    if (isOwnVersion(v) && (!own || v.version > own.version)) own = v;
  }
  return own ?? any;
}

/**
 * When the listing says a version was saved. An imported version's date is the file's claim; it cannot
 * have been saved after this browser imported it, so a claim from the future cannot pin it to the top.
 */
export function listedSavedAt(version: Pick<VersionRecord, 'savedAt' | 'origin'>): number {
  const { origin, savedAt } = version;
  return origin?.kind === 'imported' ? Math.min(savedAt, origin.importedAt) : savedAt;
}

/** The article record's listing fields (popup list, search), taken from the version shown first. */
export function listingFields(versions: readonly VersionRecord[]): Pick<ArticleRecord, 'meta' | 'savedAt'> {
  const first = firstShownVersion(versions);
  if (!first) throw new Error('An article has at least one version.');
  return { meta: first.meta, savedAt: listedSavedAt(first) };
}

/**
 * A file name as it may be shown: no control or direction characters (which can disguise it), and at most
 * the length a backup may carry, cut between characters, never inside one.
 */
export function displayFileName(name: string): string {
  let out = '';
  for (const char of name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').trim()) {
    if (out.length + char.length > MAX_FILE_NAME_CHARS) break;
    out += char;
  }
  return out;
}

/**
 * The origin an imported version is stored with, whatever the file says: the file's own claim (without
 * the claims nested inside it) is kept beside it, as a claim.
 */
export function importedOrigin(claim: VersionOrigin | undefined, file: string, importedAt: number): VersionOrigin {
  const origin: VersionOrigin = { kind: 'imported', file: displayFileName(file), importedAt };
  if (claim?.kind === 'saved') origin.claimed = { kind: 'saved', url: claim.url };
  if (claim?.kind === 'imported') origin.claimed = { kind: 'imported', file: claim.file, importedAt: claim.importedAt };
  return origin;
}
