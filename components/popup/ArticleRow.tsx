import type { ArticleSummary } from '../../utils/library/summaries';
import { siteOf } from '../../utils/popup/list-model';
import { pageMessage } from '../../utils/shared/page-messages';

export interface ArticleRowProps {
  article: ArticleSummary;
  href: string;
  index: number;
  count: number;
  height: number;
  locale: string;
  /** Show the published date rather than the saved one (when the list is sorted by it). */
  showPublished: boolean;
  selected: boolean;
  /** The row that holds the list's single tab stop. */
  active: boolean;
  onOpen: (id: string) => void;
  onSelect: (id: string, selected: boolean, range: boolean) => void;
  onActive: (id: string) => void;
  onToggleRead: (article: ArticleSummary) => void;
  onDelete: (id: string) => void;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function shortDate(value: string | number, locale: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    formats.set(locale, format);
  }
  return format.format(date);
}

export const rowDomId = (id: string) => `article-${id}`;

/** Title and byline with tags: the row's link to the reader. No excerpt: the popup is for finding, the reader for reading. */
function RowText({ article, byline }: { article: ArticleRowProps['article']; byline: string }) {
  const { meta } = article;
  return (
    <>
      <span class="row-title" lang={meta.lang} dir={meta.dir}>
        {!article.read && <span class="dot" aria-hidden="true" />}
        {meta.title}
        {!article.read && <span class="visually-hidden"> ({pageMessage('popupUnread')})</span>}
      </span>
      <span class="row-byline">
        {byline}
        {article.tags.map((tag) => (
          <span key={tag} class="row-tag">
            {tag}
          </span>
        ))}
      </span>
    </>
  );
}

/** Mark read or unread, and delete. */
function RowActions({ props, tabIndex }: { props: ArticleRowProps; tabIndex: number }) {
  const { article } = props;
  const readLabel = pageMessage(article.read ? 'popupMarkUnread' : 'popupMarkRead');
  const deleteLabel = pageMessage('popupDelete');
  return (
    <span class="row-actions">
      <button
        type="button"
        class="icon"
        tabIndex={tabIndex}
        aria-label={`${readLabel}: ${article.meta.title}`}
        title={readLabel}
        onClick={() => props.onToggleRead(article)}
      >
        <span aria-hidden="true">{article.read ? '●' : '✓'}</span>
      </button>
      <button
        type="button"
        class="icon"
        tabIndex={tabIndex}
        aria-label={`${deleteLabel}: ${article.meta.title}`}
        title={deleteLabel}
        onClick={() => props.onDelete(article.id)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </span>
  );
}

/** One saved article in the popup list: a link to the reader, a checkbox, and quick actions. */
export function ArticleRow(props: ArticleRowProps) {
  const { article, href, index, count, height, locale, selected, active } = props;
  const { meta } = article;
  const date = props.showPublished && meta.published ? meta.published : article.savedAt;
  const byline = [siteOf(article), meta.author, shortDate(date, locale)].filter(Boolean).join(' · ');
  const tabIndex = active ? 0 : -1;

  return (
    <li
      aria-posinset={index + 1}
      aria-setsize={count}
      class={`row${article.read ? '' : ' unread'}${selected ? ' selected' : ''}${active ? ' active' : ''}`}
      style={{ top: `${index * height}px`, height: `${height}px` }}
      onFocusCapture={() => props.onActive(article.id)}
    >
      <input
        type="checkbox"
        class="row-check"
        tabIndex={tabIndex}
        checked={selected}
        aria-label={pageMessage('popupSelectArticle', [meta.title])}
        onClick={(event) => props.onSelect(article.id, event.currentTarget.checked, event.shiftKey)}
      />
      <a
        id={rowDomId(article.id)}
        class="row-main"
        href={href}
        tabIndex={tabIndex}
        onClick={(event) => {
          // A plain link would load the reader inside the popup itself.
          event.preventDefault();
          props.onOpen(article.id);
        }}
      >
        <RowText article={article} byline={byline} />
      </a>
      <RowActions props={props} tabIndex={tabIndex} />
    </li>
  );
}
