import { getImageBlob } from '../library/articles';
import { articleFileName } from '../library/backup/format';
import { openLibrary } from '../library/db/open';
import type { ArticleRecord, VersionRecord } from '../library/db/schema';
import { pageMessage } from '../shared/page-messages';
import { articleToHtml } from './export-html';
import { articleToMarkdown } from './export-markdown';
import type { ExportKind } from './toolbar';

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it starts; a minute is ample for the browser to take it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

async function imagesOf(version: VersionRecord): Promise<Map<string, Blob>> {
  const db = await openLibrary();
  try {
    const images = new Map<string, Blob>();
    for (const image of version.images) {
      if (!image.hash || image.error || images.has(image.hash)) continue;
      const blob = await getImageBlob(db, image.hash);
      if (blob) images.set(image.hash, blob);
    }
    return images;
  } finally {
    db.close();
  }
}

/** Downloads the shown version as one file: self-contained HTML with its images, or Markdown. */
export async function exportArticle(kind: ExportKind, article: ArticleRecord, version: VersionRecord): Promise<void> {
  if (kind === 'html') {
    const html = await articleToHtml(article, version, await imagesOf(version));
    download(new Blob([html], { type: 'text/html;charset=utf-8' }), articleFileName(version.meta, 'html'));
  } else {
    const markdown = articleToMarkdown(article, version, { imagesNote: pageMessage('readerMarkdownImagesNote') });
    download(new Blob([markdown], { type: 'text/markdown;charset=utf-8' }), articleFileName(version.meta, 'md'));
  }
}
