// One saved copy as Markdown with YAML front matter, for notes apps and plain-text archives. A small
// converter over the sanitised DOM: the allowlist is short, so every tag it lets through is handled here.

import type { ArticleRecord, VersionRecord } from '../library/db/schema';
import type { ImageRef } from '../shared/article';
import { sanitizeArticleHtml } from '../shared/sanitize';

/** Characters that mean something in Markdown text, and `&` only where it would start an entity. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>|~]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
}

/** A line that would start a heading, list, quote, rule or table when it is plain text. */
function escapeLineStart(line: string): string {
  return line.replace(/^(\s*)([#+\-=>])/, '$1\\$2').replace(/^(\s*\d+)([.)])/, '$1\\$2');
}

interface Ctx {
  images: Map<string, ImageRef>;
}

const BLOCK = new Set([
  ...['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'UL', 'OL', 'LI', 'DL', 'DT', 'DD', 'PRE', 'HR'],
  ...['TABLE', 'FIGURE', 'FIGCAPTION', 'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'ASIDE', 'CAPTION'],
]);

const isBlock = (node: Node): boolean => node.nodeType === 1 && BLOCK.has((node as Element).tagName);

function wrap(inner: string, mark: string): string {
  const match = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner);
  const [, lead = '', core = '', trail = ''] = match ?? [];
  return core ? `${lead}${mark}${core}${mark}${trail}` : inner;
}

function linkTarget(href: string): string {
  const encoded = href.replace(/\s/g, encodeURIComponent).replace(/</g, '%3C').replace(/>/g, '%3E');
  return /[()]/.test(encoded) ? `<${encoded}>` : encoded;
}

function image(el: Element, ctx: Ctx): string {
  const ref = ctx.images.get(el.getAttribute('data-coral-ref') ?? '');
  const url = ref?.url ?? el.getAttribute('src') ?? '';
  const alt = escapeMarkdown((el.getAttribute('alt') || ref?.alt || '').replace(/\s+/g, ' ').trim());
  return /^https?:\/\//i.test(url) ? `![${alt}](${linkTarget(url)})` : alt;
}

function code(raw: string): string {
  // A code span is one line: a blank line inside it would end the paragraph and let the rest (raw HTML,
  // `javascript:` links) be read as Markdown. CommonMark shows a code span's line endings as spaces anyway.
  const text = raw.replace(/\r\n?|\n/g, ' ');
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text}${pad}${fence}`;
}

function inline(node: Node, ctx: Ctx): string {
  if (node.nodeType === 3) return escapeMarkdown((node.textContent ?? '').replace(/\s+/g, ' '));
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  const inner = (): string => Array.from(el.childNodes, (child) => inline(child, ctx)).join('');
  switch (el.tagName) {
    case 'BR':
      return '\\\n';
    case 'EM':
    case 'I':
    case 'CITE':
      return wrap(inner(), '*');
    case 'STRONG':
    case 'B':
      return wrap(inner(), '**');
    case 'S':
    case 'DEL':
      return wrap(inner(), '~~');
    case 'CODE':
      return code(el.textContent ?? '');
    case 'SUP':
    case 'SUB': {
      const tag = el.tagName.toLowerCase();
      return `<${tag}>${inner()}</${tag}>`;
    }
    case 'IMG':
      return image(el, ctx);
    case 'A': {
      const href = el.getAttribute('href');
      const text = inner();
      return href ? `[${text.trim() || escapeMarkdown(href)}](${linkTarget(href)})` : text;
    }
    default:
      return inner();
  }
}

const prefixLines = (text: string, first: string, rest: string): string =>
  text
    .split('\n')
    .map((line, i) => (i === 0 ? first : line ? rest : rest.trimEnd()) + line)
    .join('\n');

function paragraph(text: string): string | undefined {
  const trimmed = text.replace(/^[ \t]+|[ \t]+$/gm, '').trim();
  return trimmed ? trimmed.split('\n').map(escapeLineStart).join('\n') : undefined;
}

function list(el: Element, ctx: Ctx): string {
  const ordered = el.tagName === 'OL';
  let n = Number.parseInt(el.getAttribute('start') ?? '1', 10) || 1;
  const items = Array.from(el.children).filter((c) => c.tagName === 'LI');
  return items
    .map((li) => {
      const marker = ordered ? `${n++}. ` : '- ';
      const body = blocks(li, ctx).join('\n\n') || '';
      return prefixLines(body, marker, ' '.repeat(marker.length));
    })
    .join('\n');
}

function cell(el: Element, ctx: Ctx): string {
  return inline(el, ctx)
    .replace(/\\\n|\n/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function table(el: Element, ctx: Ctx): string {
  const rows = Array.from(el.querySelectorAll('tr')).map((tr) =>
    Array.from(tr.children).flatMap((c) => {
      const span = Math.min(Number.parseInt(c.getAttribute('colspan') ?? '1', 10) || 1, 50);
      return [cell(c, ctx), ...Array<string>(span - 1).fill('')];
    }),
  );
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.length));
  const line = (cells: string[]): string =>
    `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [head = [], ...body] = rows;
  return [line(head), line(Array<string>(width).fill('---')), ...body.map(line)].join('\n');
}

function block(el: Element, ctx: Ctx): string[] {
  const tag = el.tagName;
  const heading = /^H([1-6])$/.exec(tag);
  if (heading) {
    const text = paragraph(inline(el, ctx).replace(/\\\n/g, ' '));
    return text ? [`${'#'.repeat(Number(heading[1]))} ${text}`] : [];
  }
  switch (tag) {
    case 'P':
    case 'DD':
      return [paragraph(inline(el, ctx))].filter((p): p is string => p !== undefined);
    case 'DT':
    case 'FIGCAPTION':
    case 'CAPTION': {
      const text = paragraph(inline(el, ctx));
      return text ? [wrap(text, tag === 'DT' ? '**' : '*')] : [];
    }
    case 'BLOCKQUOTE':
      return [prefixLines(blocks(el, ctx).join('\n\n'), '> ', '> ')];
    case 'UL':
    case 'OL':
      return [list(el, ctx)];
    case 'PRE': {
      const text = (el.textContent ?? '').replace(/\n$/, '');
      const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
      const fence = '`'.repeat(longest + 1);
      return [`${fence}\n${text}\n${fence}`];
    }
    case 'HR':
      return ['---'];
    case 'TABLE':
      return [table(el, ctx)].filter(Boolean);
    default:
      return blocks(el, ctx);
  }
}

/** Child nodes as Markdown blocks; runs of inline content between blocks become paragraphs. */
function blocks(parent: Node, ctx: Ctx): string[] {
  const out: string[] = [];
  let run = '';
  const flush = () => {
    const text = paragraph(run);
    if (text) out.push(text);
    run = '';
  };
  for (const child of Array.from(parent.childNodes)) {
    if (isBlock(child)) {
      flush();
      out.push(...block(child as Element, ctx));
    } else run += inline(child, ctx);
  }
  flush();
  return out;
}

// YAML's printable set (1.2, 5.1) minus the line breaks it also counts (NEL, LS, PS), plus the characters
// that make HTML or a link in a Markdown renderer that shows the front matter as text instead of reading it.
const YAML_UNSAFE = /[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]|[<>&[\]]/gu;
const hex4 = (char: string): string => `\\u${(char.codePointAt(0) ?? 0xfffd).toString(16).padStart(4, '0')}`;

/**
 * A YAML double-quoted scalar that stays one line and says nothing to HTML or Markdown: a title cannot end
 * the front matter, and where a renderer ignores front matter, `<img onerror>` in it is not live.
 */
export function yamlString(value: string): string {
  const wellFormed = value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  const escaped = wellFormed.replace(/[\\"]/g, '\\$&').replace(YAML_UNSAFE, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    return hex4(char);
  });
  return `"${escaped}"`;
}

const yaml = yamlString;

function frontMatter(article: ArticleRecord, version: VersionRecord): string {
  const { meta } = version;
  const lines = ['---', `title: ${yaml(meta.title)}`];
  if (meta.author) lines.push(`author: ${yaml(meta.author)}`);
  if (meta.published) lines.push(`published: ${yaml(meta.published)}`);
  lines.push(`source: ${yaml(meta.url)}`, `saved: ${yaml(new Date(version.savedAt).toISOString())}`);
  const tags = [...new Set([...article.tags, ...meta.tags])];
  lines.push(tags.length ? `tags: [${tags.map(yaml).join(', ')}]` : 'tags: []');
  if (meta.lang) lines.push(`lang: ${yaml(meta.lang)}`);
  const card = meta.archiveCard;
  if (card?.originalTitle) lines.push(`original_title: ${yaml(card.originalTitle)}`);
  if (card?.originalAuthor) lines.push(`original_author: ${yaml(card.originalAuthor)}`);
  if (card?.originalDate) lines.push(`original_date: ${yaml(card.originalDate)}`);
  if (card?.source) lines.push(`original_source: ${yaml(card.source)}`);
  lines.push('---');
  return lines.join('\n');
}

/** One line of heading text: a line break in a title would end the heading and start something else. */
export function headingText(title: string): string {
  const line = title.replace(/[\s\u0085]+/g, ' ').trim();
  // A closing run of # is not part of a heading's text in CommonMark: escaped, it stays.
  return escapeLineStart(escapeMarkdown(line)).replace(/(^|\s)(#+)$/, '$1\\$2');
}

export interface MarkdownOptions {
  /** Says, in the reader's language, that images are links to the original and not in the file. */
  imagesNote: string;
}

/** The article as Markdown: front matter, a title heading, a note on images when it has any, the body. Needs a DOM. */
export function articleToMarkdown(article: ArticleRecord, version: VersionRecord, options: MarkdownOptions): string {
  const template = document.createElement('template');
  template.innerHTML = sanitizeArticleHtml(version.html, version.meta.url);
  const ctx: Ctx = { images: new Map(version.images.map((image) => [image.ref, image])) };
  const body = blocks(template.content, ctx).join('\n\n');
  const linked = template.content.querySelector('img') !== null;
  const note = linked ? `> ${escapeMarkdown(options.imagesNote.replace(/\s+/g, ' ').trim())}\n\n` : '';
  return `${frontMatter(article, version)}\n\n# ${headingText(version.meta.title)}\n\n${note}${body}\n`;
}
