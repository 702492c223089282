import { firstShownVersion, isOwnVersion } from '../../utils/library/provenance';
import { readerQuery } from '../../utils/reader/url';
import { formatDate } from '../../utils/shared/format';
import { countMessage, pageMessage } from '../../utils/shared/page-messages';
import { originText, type ProvenanceOf } from './VersionProvenance';

interface Props {
  articleId: string;
  /** Every kept version, newest first. */
  versions: ReadonlyArray<ProvenanceOf>;
  current: number;
  /** Locale of the reader chrome (the browser's), for the dates. */
  locale: string;
}

export function versionHref(articleId: string, version: number): string {
  return readerQuery(articleId, version);
}

function shownText(shown: ProvenanceOf, locale: string): string {
  // An imported version's date is only what its file says: the line below the list says so.
  return isOwnVersion(shown)
    ? pageMessage('readerVersionShown', [String(shown.version), formatDate(shown.savedAt, locale, true)])
    : pageMessage('readerVersionShownImported', [String(shown.version)]);
}

/**
 * "This article has 3 saved versions", which one is on screen, and when and where each came from;
 * nothing at all while there is only one. Folded unless the reader shows another version than the one
 * it opens on (the user's newest own copy), which is worth noticing.
 */
export function SavedVersions({ articleId, versions, current, locale }: Props) {
  if (versions.length < 2) return null;
  const first = firstShownVersion(versions);
  const shown = versions.find((v) => v.version === current) ?? first;
  return (
    <details class="coral-versions" open={shown?.version !== first?.version}>
      <summary>
        <span class="coral-versions-title">{countMessage('readerSavedVersions', versions.length)}</span>{' '}
        {shown && <span class="coral-version-shown">{shownText(shown, locale)}</span>}
      </summary>
      <ul>
        {versions.map((v) => (
          <li key={v.version} data-origin={isOwnVersion(v) ? 'saved' : 'imported'}>
            <a href={versionHref(articleId, v.version)} aria-current={v.version === current ? 'page' : undefined}>
              {pageMessage('readerVersion', [String(v.version)])}
            </a>
            {v.version === first?.version && isOwnVersion(v) && (
              <span class="coral-version-tag"> · {pageMessage('readerVersionLatest')}</span>
            )}
            {!isOwnVersion(v) && <strong class="coral-version-tag"> · {pageMessage('readerVersionImported')}</strong>}
            {isOwnVersion(v) && (
              <>
                {' · '}
                <span class="coral-version-date">
                  {pageMessage('readerVersionSaved', [formatDate(v.savedAt, locale, true)])}
                </span>
              </>
            )}
            {' · '}
            <span class="coral-version-origin">{originText(v, locale)}</span>
            {v.version === current && <strong class="coral-version-tag"> {pageMessage('readerVersionCurrent')}</strong>}
          </li>
        ))}
      </ul>
    </details>
  );
}
