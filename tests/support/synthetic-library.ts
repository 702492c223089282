// A made-up library of any size, the same for the same seed: for measuring the popup at 1,000 and
// 10,000 articles and for tests. English, Simplified and Traditional Chinese, as CDT readers keep.
import type { IDBPDatabase } from 'idb';
import type { ArticleRecord, CoralDB, SearchRecord, VersionRecord } from '../../utils/library/db/schema';
import { searchEntry } from '../../utils/library/search/tokens';
import type { ArticleMeta } from '../../utils/shared/article';

export interface SyntheticLibrary {
  articles: ArticleRecord[];
  versions: VersionRecord[];
  search: SearchRecord[];
}

// Simplified and Traditional side by side, so that Traditional articles use the same words.
const ZH_WORDS: Array<[string, string]> = [
  ['审查', '審查'],
  ['言论', '言論'],
  ['自由', '自由'],
  ['政府', '政府'],
  ['网络', '網絡'],
  ['记者', '記者'],
  ['新闻', '新聞'],
  ['删除', '刪除'],
  ['维权', '維權'],
  ['律师', '律師'],
  ['抗议', '抗議'],
  ['疫情', '疫情'],
  ['封控', '封控'],
  ['警察', '警察'],
  ['学生', '學生'],
  ['大学', '大學'],
  ['历史', '歷史'],
  ['经济', '經濟'],
  ['社会', '社會'],
  ['微博', '微博'],
  ['微信', '微信'],
  ['文章', '文章'],
  ['网民', '網民'],
  ['评论', '評論'],
  ['翻墙', '翻牆'],
  ['人权', '人權'],
  ['新疆', '新疆'],
  ['西藏', '西藏'],
  ['香港', '香港'],
  ['台湾', '臺灣'],
  ['选举', '選舉'],
  ['官方', '官方'],
  ['媒体', '媒體'],
  ['宣传', '宣傳'],
  ['敏感词', '敏感詞'],
  ['档案', '檔案'],
  ['视频', '視頻'],
  ['图片', '圖片'],
  ['调查', '調查'],
  ['腐败', '腐敗'],
  ['官员', '官員'],
  ['农民', '農民'],
  ['工人', '工人'],
  ['工资', '工資'],
  ['房价', '房價'],
  ['教育', '教育'],
  ['医院', '醫院'],
  ['环境', '環境'],
  ['污染', '污染'],
  ['法院', '法院'],
  ['判决', '判決'],
  ['上访', '上訪'],
  ['女权', '女權'],
  ['青年', '青年'],
  ['失业', '失業'],
  ['防火长城', '防火長城'],
  ['真相', '真相'],
  ['记忆', '記憶'],
  ['后来', '後來'],
  ['发表', '發表'],
];
const ZH_GLUE = ['的', '了', '在', '和', '对', '被', '是', '与', '也', '都'];
const EN_WORDS = (
  'censorship government internet journalist news deleted rights lawyer protest pandemic lockdown police student ' +
  'university history economy society weibo wechat article netizens comment firewall xinjiang tibet hong kong ' +
  'taiwan election official media propaganda sensitive archive video investigation corruption farmers workers ' +
  'wages housing education hospital environment pollution court verdict petition feminism youth unemployment ' +
  'memory truth translation leaked directive ministry provincial village factory border surveillance'
).split(' ');
const EN_GLUE = ['the', 'of', 'and', 'in', 'to', 'a', 'for', 'on', 'with', 'after', 'as', 'by'];
const EN_AUTHORS = ['Samuel Wade', 'Josh Rudolph', 'Cindy Carter', 'Sophie Beach', 'Alexander Boyd', 'Arthur Kaufman'];
const ZH_AUTHORS = ['萧强', '小南', '何清涟', '吴强', '李静', '陈光诚'];
const SITES = ['China Digital Times', '中国数字时代'];
const USER_TAGS = ['to read', 'important', 'xinjiang', '审查', 'law', '档案', 'covid', 'media'];
const CATEGORIES_EN = ['Politics', 'Society', 'Law', 'Media', 'Economy'];
const CATEGORIES_ZH = ['政治', '社会', '法律', '媒体', '经济'];

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Kind = 'en' | 'zh' | 'zh-tw';

function generator(seed: number) {
  const next = random(seed);
  const int = (n: number): number => Math.floor(next() * n);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)] as T;
  const hex = (n: number): string => Array.from({ length: n }, () => int(16).toString(16)).join('');
  const zhWord = (kind: Kind): string => pick(ZH_WORDS)[kind === 'zh-tw' ? 1 : 0];
  const sentence = (kind: Kind): string => {
    const length = 4 + int(8);
    if (kind === 'en') {
      const words = Array.from({ length }, (_, i) => (i % 2 ? pick(EN_GLUE) : pick(EN_WORDS)));
      const s = words.join(' ');
      return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
    }
    return `${Array.from({ length }, (_, i) => (i % 2 ? pick(ZH_GLUE) : zhWord(kind))).join('')}。`;
  };
  const body = (kind: Kind): string[] => {
    const target = 300 + int(1200);
    const paragraphs: string[] = [];
    let length = 0;
    while (length < target) {
      const p = Array.from({ length: 2 + int(4) }, () => sentence(kind)).join(kind === 'en' ? ' ' : '');
      paragraphs.push(p);
      length += p.length;
    }
    return paragraphs;
  };
  const title = (kind: Kind): string => {
    if (kind === 'en') {
      return Array.from({ length: 3 + int(5) }, () => pick(EN_WORDS))
        .map((w) => `${w.charAt(0).toUpperCase()}${w.slice(1)}`)
        .join(' ');
    }
    return Array.from({ length: 2 + int(4) }, () => zhWord(kind)).join('');
  };
  return { next, int, pick, hex, body, title };
}

const utf8Length = (s: string): number => new TextEncoder().encode(s).length;
const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const YEAR_MS = 365 * 24 * 3600 * 1000;
const NEWEST = Date.UTC(2026, 10, 1);

type Generator = ReturnType<typeof generator>;

const kindOf = (roll: number): Kind => (roll < 0.5 ? 'en' : roll < 0.85 ? 'zh' : 'zh-tw');
const LANGS: Record<Kind, string> = { en: 'en-US', zh: 'zh-CN', 'zh-tw': 'zh-TW' };

function urlFor(kind: Kind, i: number): string {
  if (kind !== 'en') return `https://chinadigitaltimes.net/chinese/${700000 + i}.html`;
  return `https://chinadigitaltimes.net/${2019 + (i % 7)}/${String(1 + (i % 12)).padStart(2, '0')}/synthetic-${i}/`;
}

// The generator's calls below are in a fixed order: the same seed must give the same library.

function syntheticMeta(g: Generator, kind: Kind, i: number, savedAt: number, text: string): ArticleMeta {
  const url = urlFor(kind, i);
  const zh = kind !== 'en';
  return {
    title: g.title(kind),
    author: g.pick(zh ? ZH_AUTHORS : EN_AUTHORS),
    published: new Date(savedAt - g.int(30) * 86_400_000).toISOString(),
    siteName: SITES[zh ? 1 : 0],
    lang: LANGS[kind],
    dir: 'ltr',
    excerpt: text.slice(0, 120),
    categories: [g.pick(zh ? CATEGORIES_ZH : CATEGORIES_EN)],
    tags: [],
    canonicalUrl: url,
    url,
    postId: String(100000 + i),
  };
}

/** Tags, read state and progress, as a reader might have left them. */
function readerState(g: Generator, savedAt: number) {
  const tags = g.next() < 0.3 ? [...new Set([g.pick(USER_TAGS), g.pick(USER_TAGS)])] : [];
  const read = g.next() < 0.4;
  const progress = read ? 1 : g.next() < 0.2 ? Math.round(g.next() * 90) / 100 : 0;
  return { read, ...(read && { readAt: savedAt + 3_600_000 }), tags, progress };
}

function syntheticArticle(
  g: Generator,
  i: number,
): { article: ArticleRecord; version: VersionRecord; search: SearchRecord } {
  const kind = kindOf(g.next());
  const id = `${g.hex(8)}-${g.hex(4)}-4${g.hex(3)}-a${g.hex(3)}-${g.hex(12)}`;
  const paragraphs = g.body(kind);
  const text = paragraphs.join('\n\n');
  const html = paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('');
  const savedAt = NEWEST - Math.floor(g.next() * 6 * YEAR_MS);
  const meta = syntheticMeta(g, kind, i, savedAt, text);
  const reader = readerState(g, savedAt);
  const bytes = utf8Length(html) + utf8Length(text);
  const article: ArticleRecord = {
    id,
    canonicalUrl: meta.canonicalUrl,
    meta,
    firstSavedAt: savedAt,
    savedAt,
    versions: 1,
    ...reader,
    textBytes: bytes,
    bytes,
  };
  const version: VersionRecord = {
    articleId: id,
    version: 1,
    savedAt,
    meta,
    html,
    text,
    textHash: g.hex(64),
    images: [],
    bytes,
    imageHashes: [],
  };
  return { article, version, search: searchEntry(id, meta, reader.tags, text) };
}

/** `n` articles with one version each, and their index entries; no images. */
export function syntheticLibrary(n: number, seed = 1): SyntheticLibrary {
  const g = generator(seed);
  const lib: SyntheticLibrary = { articles: [], versions: [], search: [] };
  for (let i = 0; i < n; i++) {
    const one = syntheticArticle(g, i);
    lib.articles.push(one.article);
    lib.versions.push(one.version);
    lib.search.push(one.search);
  }
  return lib;
}

/** Puts a synthetic library into an open database, in one transaction. */
export async function writeSynthetic(db: IDBPDatabase<CoralDB>, lib: SyntheticLibrary): Promise<void> {
  const tx = db.transaction(['articles', 'versions', 'search'], 'readwrite');
  const articles = tx.objectStore('articles');
  const versions = tx.objectStore('versions');
  const search = tx.objectStore('search');
  await Promise.all([
    ...lib.articles.map((a) => articles.put(a)),
    ...lib.versions.map((v) => versions.put(v)),
    ...lib.search.map((s) => search.put(s)),
    tx.done,
  ]);
}
