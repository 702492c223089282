import { formatDate } from '../utils/format-date';
import { t, type UiLang } from '../utils/i18n';

interface Props {
  articleId: string;
  /** Every kept version, newest first. */
  versions: ReadonlyArray<{ version: number; savedAt: number }>;
  current: number;
  ui: UiLang;
}

export function versionHref(articleId: string, version: number): string {
  return `?${new URLSearchParams({ id: articleId, v: String(version) })}`;
}

/** "3 saved versions" with a link to each; nothing at all while there is only one. */
export function SavedVersions({ articleId, versions, current, ui }: Props) {
  if (versions.length < 2) return null;
  return (
    <nav class="coral-versions" lang={ui} aria-labelledby="coral-versions-title">
      <p id="coral-versions-title">{t(ui, 'readerSavedVersions', { n: versions.length })}</p>
      <ul>
        {versions.map(({ version, savedAt }) => (
          <li key={version}>
            <a href={versionHref(articleId, version)} aria-current={version === current ? 'page' : undefined}>
              {t(ui, 'readerVersion', { n: version })}
            </a>{' '}
            <span class="coral-version-date">{formatDate(savedAt, ui, true)}</span>
          </li>
        ))}
      </ul>
    </nav>
  );
}
