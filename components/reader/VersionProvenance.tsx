import type { VersionRecord } from '../../utils/library/db/schema';
import { firstShownVersion, isOwnVersion } from '../../utils/library/provenance';
import { readerQuery } from '../../utils/reader/url';
import { formatDate } from '../../utils/shared/format';
import { pageMessage } from '../../utils/shared/page-messages';

/** What the reader needs to say where a version came from. */
export type ProvenanceOf = Pick<VersionRecord, 'version' | 'savedAt' | 'origin'> & { meta: { url: string } };

/**
 * An address as the person reads it: CJK slugs decoded, but never a control or direction character,
 * which could make one address look like another.
 */
function shownAddress(url: string): string {
  let text = url;
  try {
    text = decodeURI(url);
  } catch {
    // Shown as stored.
  }
  return text.replace(/[\p{Cc}\p{Cf}]/gu, '');
}

const fileLabel = (file: string): string => file || pageMessage('readerOriginUnnamedFile');

/**
 * "Saved here from <address>" or "Imported from <file> on <date> (the file says it was saved on <date>)".
 * Versions saved before origins were kept were saved here, from the address in their meta.
 */
export function originText(version: ProvenanceOf, locale: string): string {
  const { origin } = version;
  if (origin?.kind !== 'imported')
    return pageMessage('readerOriginSaved', [shownAddress(origin?.url ?? version.meta.url)]);
  return `${pageMessage('readerOriginImported', [fileLabel(origin.file), formatDate(origin.importedAt, locale, true)])} ${pageMessage('readerOriginImportedClaim', [formatDate(version.savedAt, locale, true)])}`;
}

/** What the file said about where the version came from before it reached this library, if anything. */
function claimText(version: ProvenanceOf, locale: string): string | undefined {
  const claimed = version.origin?.kind === 'imported' ? version.origin.claimed : undefined;
  if (claimed?.kind === 'saved') return pageMessage('readerOriginClaimedSaved', [shownAddress(claimed.url)]);
  if (claimed?.kind === 'imported') {
    return pageMessage('readerOriginClaimedImported', [
      fileLabel(claimed.file),
      formatDate(claimed.importedAt, locale, true),
    ]);
  }
  return undefined;
}

/** The full address an imported file gives, as a plain link marked as coming from that file. */
function ImportedAddress({ url }: { url: string }) {
  let href = '';
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') href = parsed.href;
  } catch {
    // Not an address: nothing to link.
  }
  if (!href) return null;
  return (
    <p class="coral-imported-address">
      {pageMessage('readerImportedAddress')}{' '}
      <a class="coral-imported-link" href={href} target="_blank" rel="noopener noreferrer" dir="ltr">
        {href}
      </a>
    </p>
  );
}

interface Props {
  articleId: string;
  /** Every kept version. */
  versions: readonly ProvenanceOf[];
  shown: ProvenanceOf;
  /** Locale of the reader chrome (the browser's), for the dates. */
  locale: string;
}

/**
 * Where the version on screen came from, always. An imported one says so plainly, with the way back to
 * the user's own copy when there is one, and its address shown in full as the file's, not as a title.
 */
export function VersionProvenance({ articleId, versions, shown, locale }: Props) {
  const own = isOwnVersion(shown);
  const ownCopy = versions.some(isOwnVersion) ? firstShownVersion(versions) : undefined;
  const claim = own ? undefined : claimText(shown, locale);
  return (
    <section class="coral-provenance" data-origin={own ? 'saved' : 'imported'}>
      <p class="coral-origin">{originText(shown, locale)}</p>
      {!own && (
        <>
          <p class="coral-imported-note" role="note">
            {ownCopy ? pageMessage('readerImportedShown') : pageMessage('readerImportedOnly')}
            {ownCopy && (
              <>
                {' '}
                <a href={readerQuery(articleId, ownCopy.version)}>{pageMessage('readerShowOwnCopy')}</a>
              </>
            )}
          </p>
          {claim && <p class="coral-origin-claim">{claim}</p>}
          <ImportedAddress url={shown.meta.url} />
        </>
      )}
    </section>
  );
}
