import { readerQuery } from '../../utils/reader/url';
import { formatDate } from '../../utils/shared/format';
import { countMessage, pageMessage } from '../../utils/shared/page-messages';

interface Props {
  articleId: string;
  /** Every kept version, newest first. */
  versions: ReadonlyArray<{ version: number; savedAt: number }>;
  current: number;
  /** Locale of the reader chrome (the browser's), for the dates. */
  locale: string;
}

export function versionHref(articleId: string, version: number): string {
  return readerQuery(articleId, version);
}

/**
 * "This article has 3 saved versions", which one is on screen and when each was saved; nothing at all
 * while there is only one. Folded unless an older version is shown, which is worth noticing.
 */
export function SavedVersions({ articleId, versions, current, locale }: Props) {
  if (versions.length < 2) return null;
  const shown = versions.find((v) => v.version === current) ?? versions[0];
  const latest = versions[0]?.version;
  return (
    <details class="coral-versions" open={shown?.version !== latest}>
      <summary>
        <span class="coral-versions-title">{countMessage('readerSavedVersions', versions.length)}</span>{' '}
        {shown && (
          <span class="coral-version-shown">
            {pageMessage('readerVersionShown', [String(shown.version), formatDate(shown.savedAt, locale, true)])}
          </span>
        )}
      </summary>
      <ul>
        {versions.map(({ version, savedAt }) => (
          <li key={version}>
            <a href={versionHref(articleId, version)} aria-current={version === current ? 'page' : undefined}>
              {pageMessage('readerVersion', [String(version)])}
            </a>
            {version === latest && <span class="coral-version-tag"> · {pageMessage('readerVersionLatest')}</span>}
            {' · '}
            <span class="coral-version-date">
              {pageMessage('readerVersionSaved', [formatDate(savedAt, locale, true)])}
            </span>
            {version === current && <strong class="coral-version-tag"> {pageMessage('readerVersionCurrent')}</strong>}
          </li>
        ))}
      </ul>
    </details>
  );
}
