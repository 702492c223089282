import type { ArticleMeta } from '../../utils/shared/article';
import { formatDate, formatPageDate, machineDate } from '../../utils/shared/format';
import { type MessageKey, t, type UiLang } from '../../utils/shared/i18n';

interface Props {
  meta: ArticleMeta;
  /** When this copy was saved (ms since epoch). */
  savedAt: number;
  /** From a backup file: no "saved" date or friendly source link, as both are only the file's claims. */
  imported?: boolean;
  ui: UiLang;
}

/** CJK slugs are percent-encoded in the stored URL; people read them decoded. */
function readableUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}

function Fact({ label, value, text }: { label: string; value: string | number; text: string }) {
  // The labels are always in a left-to-right UI language, even in a right-to-left article.
  return (
    <div dir="ltr">
      <dt>{label}</dt>
      <dd>
        <time dateTime={machineDate(value)}>{text}</time>
      </dd>
    </div>
  );
}

/** Title, byline, dates, the original link and the CDT archive card of one saved copy. */
export function ArticleHeader({ meta, savedAt, imported = false, ui }: Props) {
  const card = meta.archiveCard;
  const cardFacts: Array<[MessageKey, string | undefined]> = [
    ['readerOriginalTitle', card?.originalTitle],
    ['readerOriginalAuthor', card?.originalAuthor],
    ['readerOriginalDate', card?.originalDate],
    ['readerArchiveSource', card?.source],
  ];
  const shownFacts = cardFacts.filter((fact): fact is [MessageKey, string] => Boolean(fact[1]));
  return (
    <header class="coral-header">
      {meta.siteName && <p class="coral-site">{meta.siteName}</p>}
      <h1 class="coral-title">{meta.title}</h1>
      {meta.author && (
        <p class="coral-byline">
          <span lang={ui}>{t(ui, 'readerAuthor')}</span> <span class="coral-author">{meta.author}</span>
        </p>
      )}
      <dl class="coral-facts" lang={ui}>
        {meta.published && (
          <Fact label={t(ui, 'readerPublished')} value={meta.published} text={formatPageDate(meta.published, ui)} />
        )}
        {meta.modified && meta.modified !== meta.published && (
          <Fact label={t(ui, 'readerModified')} value={meta.modified} text={formatPageDate(meta.modified, ui)} />
        )}
        {!imported && <Fact label={t(ui, 'readerSaved')} value={savedAt} text={formatDate(savedAt, ui, true)} />}
      </dl>
      {!imported && /^https?:\/\//i.test(meta.url) && (
        <p class="coral-source-line">
          <a class="coral-source" href={meta.url} target="_blank" rel="noopener noreferrer" lang={ui}>
            {t(ui, 'readerSourceLink')}
          </a>
          <span class="coral-url" dir="ltr">
            {readableUrl(meta.url)}
          </span>
        </p>
      )}
      {shownFacts.length > 0 && (
        <aside class="coral-archive-card" aria-labelledby="coral-archive-card-title">
          <h2 id="coral-archive-card-title" lang={ui}>
            {t(ui, 'readerArchiveCard')}
          </h2>
          <dl>
            {shownFacts.map(([key, value]) => (
              <div key={key}>
                <dt lang={ui}>{t(ui, key)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </aside>
      )}
    </header>
  );
}
