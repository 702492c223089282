import { useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import { prepareBody } from '../../utils/reader/article-body';
import { fillImageSlots, type ImageUrls } from '../../utils/reader/image-urls';
import type { ArticleMeta, ImageRef } from '../../utils/shared/article';
import { t, type UiLang } from '../../utils/shared/i18n';
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
  /** The reader's own language (the browser's UI): labels and dates; the article keeps its own lang. */
  ui: UiLang;
}

/**
 * One saved copy, header and body. Takes data only: whoever shows it (reader page, a later library view)
 * reads the database. The stored HTML is sanitised again here because the database is not a trust boundary
 * worth betting the extension's origin on.
 */
export function ArticleView({ meta, html, images, imageUrls, savedAt, imported, ui }: ArticleViewProps) {
  const body = useRef<HTMLDivElement>(null);
  const prepared = useMemo(() => prepareBody(document, html, meta.url), [html, meta.url]);

  useLayoutEffect(() => {
    const container = body.current;
    if (!container) return;
    const content = prepared.content.cloneNode(true) as DocumentFragment;
    // Filled while still inert (a template's content), so no image ever starts loading from a stale src.
    fillImageSlots(content, images, imageUrls, t(ui, 'readerImageMissing'));
    container.replaceChildren(content);
  }, [prepared, images, imageUrls, ui]);

  return (
    <article class="coral-article" lang={meta.lang} dir={meta.dir}>
      <ArticleHeader meta={meta} savedAt={savedAt} imported={imported} ui={ui} cardInBody={prepared.hasArchiveCard} />
      <div class="coral-body" ref={body} />
    </article>
  );
}
