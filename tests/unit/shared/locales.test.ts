// @vitest-environment node
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogs, type MessageKey } from '../../../utils/shared/i18n';
import { countMessage } from '../../../utils/shared/page-messages';

// The three languages stay in step: the same keys, the same placeholders, nothing that no code reads,
// every count with its plural forms, and one word for each of Coral's things.

const ROOT = path.resolve(__dirname, '../../..');
const LOCALES = ['en', 'zh_CN', 'zh_TW'] as const;
type Entry = { message: string; description?: string; placeholders?: Record<string, { content: string }> };
type Messages = Record<string, Entry>;

const messages = Object.fromEntries(
  LOCALES.map((locale) => [
    locale,
    JSON.parse(readFileSync(path.join(ROOT, 'public/_locales', locale, 'messages.json'), 'utf8')) as Messages,
  ]),
) as Record<(typeof LOCALES)[number], Messages>;

/** $1…$9, $NAME$ references and `placeholders` entries with their contents, sorted: what must match. */
function placeholdersOf(entry: Entry): string[] {
  const numbered = entry.message.match(/\$\d/g) ?? [];
  const named = (entry.message.match(/\$[A-Za-z_][A-Za-z0-9_]*\$/g) ?? []).map((name) => name.toLowerCase());
  const declared = Object.entries(entry.placeholders ?? {}).map(([name, { content }]) => `${name}=${content}`);
  return [...new Set([...numbered, ...named, ...declared])].sort();
}

/** Source files whose string literals can name a message; tests do not count as use. */
function sourceFiles(): Array<{ file: string; text: string }> {
  const files: Array<{ file: string; text: string }> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(relative);
      else if (/\.(tsx?|html)$/.test(entry.name)) {
        files.push({ file: relative, text: readFileSync(path.join(ROOT, relative), 'utf8') });
      }
    }
  };
  for (const dir of ['components', 'hooks', 'entrypoints', 'utils']) walk(dir);
  files.push({ file: 'wxt.config.ts', text: readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8') });
  return files;
}

/**
 * Whether `key` is named in `text` as a whole string literal (pageMessage('key'), a typed table's value)
 * or as `__MSG_key__`. Discriminants (`kind: 'saved'`, `case 'saved'`, `=== 'saved'`) are removed first:
 * they share words with messages without naming them.
 */
function names(text: string, key: string): boolean {
  const stripped = text.replace(/(kind:\s*|case\s+|[!=]==\s*)(['"`])[\w-]+\2/g, '');
  return new RegExp(`(['"\`])${key}\\1|__MSG_${key}__`).test(stripped);
}

/** A count's forms are used when their base is (countMessage('articleCount', n)). */
const baseOf = (key: string) => key.replace(/_(one|other)$/, '');

const sources = sourceFiles();
const i18nSources = sources.filter(
  ({ file, text }) => file === path.join('utils', 'shared', 'i18n.ts') || /shared\/i18n['"]/.test(text),
);

describe('public/_locales', () => {
  it('has the same keys in the same order in every language', () => {
    const english = Object.keys(messages.en);
    expect(english.length).toBeGreaterThan(200);
    for (const locale of LOCALES) expect(Object.keys(messages[locale])).toEqual(english);
  });

  it('has the same placeholders for each key in every language, and no empty message', () => {
    for (const [key, entry] of Object.entries(messages.en)) {
      for (const locale of LOCALES) {
        const translated = messages[locale][key] as Entry;
        expect(translated.message.trim(), `${locale} ${key}`).not.toBe('');
        expect(placeholdersOf(translated), `${locale} ${key}`).toEqual(placeholdersOf(entry));
      }
    }
  });

  it('sees a placeholder that one language lacks', () => {
    expect(placeholdersOf({ message: 'Imported $1 bridges' })).not.toEqual(placeholdersOf({ message: '已导入个桥' }));
    expect(placeholdersOf({ message: '$COUNT$', placeholders: { count: { content: '$1' } } })).toEqual([
      '$count$',
      'count=$1',
    ]);
  });

  it('has no key that no code reads', () => {
    expect(sources.length).toBeGreaterThan(100);
    const unused = Object.keys(messages.en).filter((key) => !sources.some(({ text }) => names(text, baseOf(key))));
    expect(unused).toEqual([]);
  });

  it('would notice a key nothing names, and finds keys named in each way the code names them', () => {
    const named = (key: string) => sources.some(({ text }) => names(text, baseOf(key)));
    expect(named('noSuchKeyAnywhere')).toBe(false);
    // A direct call, the manifest, a typed table (badge.ts) and a count's base.
    for (const key of ['popupSavePage', 'extDescription', 'bridgeReasonTimeout', 'articleCount_one']) {
      expect(named(key), key).toBe(true);
    }
  });

  it('gives every count both forms, and reads them right', () => {
    const keys = Object.keys(messages.en);
    for (const key of keys.filter((k) => /_(one|other)$/.test(k))) {
      expect(keys, key).toContain(`${baseOf(key)}_one`);
      expect(keys, key).toContain(`${baseOf(key)}_other`);
    }
    const english = (key: string, substitutions?: string | string[]) => {
      const entry = messages.en[key] as Entry;
      const list = Array.isArray(substitutions) ? substitutions : [];
      return entry.message.replace(/\$(\d)/g, (_, n: string) => list[Number(n) - 1] ?? '');
    };
    expect(countMessage('optionsBridgeImported', 1, [], english)).toMatch(/^Imported 1 bridge\. /);
    expect(countMessage('optionsBridgeImported', 2, [], english)).toMatch(/^Imported 2 bridges\. /);
    expect(countMessage('articleCount', 1, [], english)).toBe('1 article');
    expect(countMessage('articleCount', 1200, [], english)).toBe('1,200 articles');
    expect(countMessage('popupImagesFailed', 1, [], english)).toMatch(/^1 image could not be saved/);
    expect(countMessage('articleCount', 0, [], english)).toBe('0 articles');
  });

  it('names its own language, which chooses the plural forms', () => {
    expect(LOCALES.map((locale) => messages[locale].messagesLocale?.message)).toEqual(['en', 'zh-CN', 'zh-TW']);
  });

  it('says bridge and China Digital Times one way in each language', () => {
    const all = (locale: (typeof LOCALES)[number]) =>
      Object.values(messages[locale])
        .map((entry) => entry.message)
        .join('\n');
    expect(all('zh_CN')).not.toMatch(/网桥|網橋|橋|數字時代|數位時代/);
    expect(all('zh_TW')).not.toMatch(/網橋|网桥|桥|数字时代|數位時代/);
    // The library is 文库 / 文庫, a mirror 镜像网站 / 鏡像網站.
    expect(all('zh_CN')).not.toMatch(/资料库|文章库|镜像站点/);
    expect(all('zh_TW')).not.toMatch(/資料庫|文章庫|鏡像站點/);
    expect(all('zh_CN')).toContain('中国数字时代');
    expect(all('zh_TW')).toContain('中國數字時代');
    expect(all('en')).not.toMatch(/网|桥|橋/);
  });
});

describe('page-language strings (utils/shared/i18n.ts)', () => {
  const langs = Object.keys(catalogs) as Array<keyof typeof catalogs>;
  const braces = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();

  it('has the same keys and the same {placeholders} in en, zh-CN and zh-TW', () => {
    expect(langs).toEqual(['en', 'zh-CN', 'zh-TW']);
    const keys = Object.keys(catalogs.en) as MessageKey[];
    for (const lang of langs) {
      expect(Object.keys(catalogs[lang])).toEqual(keys);
      for (const key of keys) {
        expect(catalogs[lang][key].trim(), `${lang} ${key}`).not.toBe('');
        expect(braces(catalogs[lang][key]), `${lang} ${key}`).toEqual(braces(catalogs.en[key]));
      }
    }
  });

  it('has no string that no code reads', () => {
    expect(i18nSources.length).toBeGreaterThan(3);
    const unused = Object.keys(catalogs.en).filter(
      (key) => !i18nSources.some(({ text }) => names(text, key) || names(text, baseOf(key))),
    );
    expect(unused).toEqual([]);
  });

  it('says bridge and China Digital Times one way', () => {
    expect(Object.values(catalogs['zh-CN']).join('\n')).not.toMatch(/网桥|橋|數字時代/);
    expect(Object.values(catalogs['zh-TW']).join('\n')).not.toMatch(/網橋|桥|数字时代|數位時代/);
  });
});
