import { useLayoutEffect, useRef } from 'preact/hooks';
import { fillImageSlots, type ImageUrls } from '../../utils/reader/image-urls';
import type { ArticleMeta, ImageRef } from '../../utils/shared/article';
import { t, type UiLang } from '../../utils/shared/i18n';
import { sanitizeArticleHtml } from '../../utils/shared/sanitize';
import { ArticleHeader } from './ArticleHeader';

export interface ArticleViewProps {
  meta: ArticleMeta;
  html: string;
  images: readonly ImageRef[];
  /** Object URLs of the stored images by hash; the caller makes and revokes them. */
  imageUrls: ImageUrls;
  savedAt: number;
  /** From a backup file: its date and address are claims, which the reader shows elsewhere as such. */
  imported?: boolean;
  ui: UiLang;
}

/**
 * One saved copy, header and body. Takes data only: whoever shows it (reader page, a later library view)
 * reads the database. The stored HTML is sanitised again here because the database is not a trust boundary
 * worth betting the extension's origin on.
 */
export function ArticleView({ meta, html, images, imageUrls, savedAt, imported, ui }: ArticleViewProps) {
  const body = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const container = body.current;
    if (!container) return;
    const template = container.ownerDocument.createElement('template');
    template.innerHTML = sanitizeArticleHtml(html, meta.url);
    // Filled while still inert in the template, so no image ever starts loading from a stale src.
    fillImageSlots(template.content, images, imageUrls, t(ui, 'readerImageMissing'));
    for (const link of Array.from(template.content.querySelectorAll('a[href]'))) {
      link.setAttribute('rel', 'noopener noreferrer');
    }
    container.replaceChildren(template.content);
  }, [html, meta.url, images, imageUrls, ui]);

  return (
    <article class="coral-article" lang={meta.lang} dir={meta.dir}>
      <ArticleHeader meta={meta} savedAt={savedAt} imported={imported} ui={ui} />
      <div class="coral-body" ref={body} />
    </article>
  );
}
