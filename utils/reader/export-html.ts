// One saved copy as a single HTML file that any browser opens with no network: images inlined, no script,
// a CSP that forbids loading anything, and a note of where the text came from and when it was kept.

import { IMAGE_TYPE_PATTERN } from '../library/backup/format';
import type { ArticleRecord, VersionRecord } from '../library/db/schema';
import type { ImageRef } from '../shared/article';
import { formatDate, formatPageDate, machineDate } from '../shared/format';
import { type MessageKey, t, type UiLang, uiLangFor } from '../shared/i18n';
import { bytesToBase64 } from '../shared/image-bytes';
import { sanitizeArticleHtml } from '../shared/sanitize';

export const EXPORT_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

const SAVED_BY: Record<UiLang, string> = {
  en: 'Saved by Coral on {date}',
  'zh-CN': '由 Coral 保存于 {date}',
  'zh-TW': '由 Coral 保存於 {date}',
};

const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );

const STYLE = `
:root { color-scheme: light dark; --bg: #fbfaf7; --fg: #1f1f1f; --muted: #5e5b55; --line: #dcd8cf; --card: #f1eee6; --link: #0b5cad; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #161615; --fg: #e6e3dc; --muted: #a7a298; --line: #3a3833; --card: #22211f; --link: #8cbcf0; }
}
html { background: var(--bg); color: var(--fg); font: 112.5%/1.7 Georgia, "Noto Serif", "Noto Serif CJK SC", "Songti SC", serif; }
body { margin: 0; padding: 2rem 1.25rem 4rem; }
main { max-width: 38em; margin: 0 auto; }
a { color: var(--link); }
h1 { font-size: 1.9em; line-height: 1.25; margin: 0 0 .5em; }
img { max-width: 100%; height: auto; }
figure { margin: 1.5em 0; } figcaption { color: var(--muted); font-size: .9em; }
blockquote { margin: 1em 0; padding: 0 1em; border-inline-start: 3px solid var(--line); color: var(--muted); }
table { border-collapse: collapse; } th, td { border: 1px solid var(--line); padding: .3em .6em; }
pre { overflow-x: auto; background: var(--card); padding: .8em; }
.coral-meta, .coral-saved { color: var(--muted); font-size: .9em; }
.coral-meta p { margin: .2em 0; }
.coral-url { overflow-wrap: anywhere; }
.coral-card { background: var(--card); padding: .6em 1em; margin: 1em 0; }
.coral-card h2 { font-size: 1em; margin: 0 0 .3em; }
.coral-card dl { margin: 0; } .coral-card dt { font-weight: bold; float: inline-start; margin-inline-end: .5em; }
.coral-missing-image { display: inline-block; border: 1px dashed var(--line); padding: .3em .6em; color: var(--muted); }
.coral-saved { border-top: 1px solid var(--line); margin-top: 3em; padding-top: 1em; }
`;

async function dataUrl(blob: Blob): Promise<string | undefined> {
  const type = blob.type.toLowerCase();
  if (!IMAGE_TYPE_PATTERN.test(type)) return undefined;
  return `data:${type};base64,${bytesToBase64(new Uint8Array(await blob.arrayBuffer()))}`;
}

/** Each stored image as a data URL, made once per image however often the article shows it. */
function dataUrlCache(images: ReadonlyMap<string, Blob>) {
  const urls = new Map<string, Promise<string | undefined>>();
  return (image: ImageRef | undefined): Promise<string | undefined> => {
    const blob = image?.hash && !image.error ? images.get(image.hash) : undefined;
    if (!blob || !image?.hash) return Promise.resolve(undefined);
    if (!urls.has(image.hash)) urls.set(image.hash, dataUrl(blob));
    return urls.get(image.hash) as Promise<string | undefined>;
  };
}

/** An image with no bytes becomes its alt text, so the reader still knows what was there. */
function missingImage(img: HTMLImageElement, alt: string, ui: UiLang): void {
  const box = img.ownerDocument.createElement('span');
  box.className = 'coral-missing-image';
  box.textContent = alt.trim() ? `[${alt.trim()}]` : `[${t(ui, 'readerImageMissing')}]`;
  img.replaceWith(box);
}

/** The sanitised body with each image slot inlined, or replaced by its alt text when it has no bytes. */
async function bodyHtml(version: VersionRecord, images: ReadonlyMap<string, Blob>, ui: UiLang): Promise<string> {
  const template = document.createElement('template');
  template.innerHTML = sanitizeArticleHtml(version.html, version.meta.url);
  const byRef = new Map<string, ImageRef>(version.images.map((image) => [image.ref, image]));
  const urlFor = dataUrlCache(images);
  for (const img of Array.from(template.content.querySelectorAll('img'))) {
    const image = byRef.get(img.getAttribute('data-coral-ref') ?? '');
    const url = await urlFor(image);
    const alt = img.getAttribute('alt') || image?.alt || '';
    if (!url) {
      missingImage(img, alt, ui);
      continue;
    }
    img.setAttribute('src', url);
    img.setAttribute('alt', alt);
    img.removeAttribute('data-coral-ref');
  }
  for (const link of Array.from(template.content.querySelectorAll('a[href]'))) {
    link.setAttribute('rel', 'noopener noreferrer');
  }
  return template.innerHTML;
}

function fact(label: string, value: string, datetime?: string): string {
  const time = datetime ? `<time datetime="${escapeHtml(datetime)}">${escapeHtml(value)}</time>` : escapeHtml(value);
  return `<p><span class="coral-label">${escapeHtml(label)}</span> ${time}</p>`;
}

function headerHtml(article: ArticleRecord, version: VersionRecord, ui: UiLang): string {
  const { meta } = version;
  const parts = [`<h1>${escapeHtml(meta.title)}</h1>`, `<div class="coral-meta" lang="${ui}" dir="ltr">`];
  if (meta.siteName) parts.push(`<p>${escapeHtml(meta.siteName)}</p>`);
  if (meta.author) parts.push(fact(t(ui, 'readerAuthor'), meta.author));
  if (meta.published) {
    parts.push(fact(t(ui, 'readerPublished'), formatPageDate(meta.published, ui), machineDate(meta.published)));
  }
  if (meta.modified && meta.modified !== meta.published) {
    parts.push(fact(t(ui, 'readerModified'), formatPageDate(meta.modified, ui), machineDate(meta.modified)));
  }
  if (/^https?:\/\//i.test(meta.url)) {
    const href = escapeHtml(meta.url);
    parts.push(
      `<p>${escapeHtml(t(ui, 'readerSource'))}: <a class="coral-url" href="${href}" rel="noopener noreferrer">${href}</a></p>`,
    );
  }
  if (article.tags.length > 0) parts.push(`<p>${article.tags.map((tag) => `#${escapeHtml(tag)}`).join(' ')}</p>`);
  parts.push('</div>');
  const card = meta.archiveCard;
  const facts: Array<[MessageKey, string | undefined]> = [
    ['readerOriginalTitle', card?.originalTitle],
    ['readerOriginalAuthor', card?.originalAuthor],
    ['readerOriginalDate', card?.originalDate],
    ['readerArchiveSource', card?.source],
  ];
  const shown = facts.filter((f): f is [MessageKey, string] => Boolean(f[1]));
  if (shown.length > 0) {
    parts.push(`<aside class="coral-card"><h2 lang="${ui}">${escapeHtml(t(ui, 'readerArchiveCard'))}</h2><dl>`);
    for (const [key, value] of shown)
      parts.push(`<dt lang="${ui}">${escapeHtml(t(ui, key))}</dt><dd>${escapeHtml(value)}</dd>`);
    parts.push('</dl></aside>');
  }
  return parts.join('\n');
}

/**
 * The article as one self-contained HTML file: readable offline in any browser, nothing to run and
 * nothing it may fetch. Needs a DOM (the body is sanitised again and its images are filled in).
 */
export async function articleToHtml(
  article: ArticleRecord,
  version: VersionRecord,
  images: ReadonlyMap<string, Blob>,
): Promise<string> {
  const { meta } = version;
  const ui = uiLangFor(meta.lang);
  const lang = meta.lang ? ` lang="${escapeHtml(meta.lang)}"` : '';
  const savedBy = SAVED_BY[ui].replace('{date}', formatDate(version.savedAt, ui, true));
  const saved = `<time datetime="${new Date(version.savedAt).toISOString()}">${escapeHtml(savedBy)}</time>`;
  return `<!DOCTYPE html>
<html${lang} dir="${meta.dir === 'rtl' ? 'rtl' : 'ltr'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Coral">
<title>${escapeHtml(meta.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<article>
<header>
${headerHtml(article, version, ui)}
</header>
<div class="coral-body">
${await bodyHtml(version, images, ui)}
</div>
</article>
<footer class="coral-saved" lang="${ui}" dir="ltr"><p>${saved}</p></footer>
</main>
</body>
</html>
`;
}
