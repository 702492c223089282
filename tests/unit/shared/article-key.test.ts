import { describe, expect, it } from 'vitest';
import { articleKeyOf, legacyKeysOf } from '../../../utils/shared/article-key';

const CDT = 'https://chinadigitaltimes.net';
const MIRRORS = ['cdt.mirror.test', 'www.other-mirror.test'];

/** A small seeded generator, so a failure names paths that can be tried again. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SEGMENTS = ['2024', '01', 'chinese', '702345.html', 'a', 'A', 'b-c', '%E4%B8%AD', '中国', 'p', '', 'x.y'];
const QUERIES = ['', '?p=1', '?p=2', '?page=2', '?p=1&q=2'];

function paths(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(list: T[]) => list[Math.floor(next() * list.length)] as T;
  const out = new Set<string>();
  while (out.size < count) {
    const depth = 1 + Math.floor(next() * 4);
    const segments = Array.from({ length: depth }, () => pick(SEGMENTS));
    out.add(`/${segments.join('/')}${next() < 0.3 ? '/' : ''}${pick(QUERIES)}`);
  }
  return [...out];
}

describe('the article key', () => {
  it('gives two different paths (or queries) two different keys, on CDT, a mirror and another site', () => {
    const generated = paths(400, 9);
    for (const host of ['https://chinadigitaltimes.net', 'https://cdt.mirror.test', 'https://example.com']) {
      const keys = new Map<string, string>();
      for (const path of generated) {
        const key = articleKeyOf(host + path, MIRRORS);
        const normalisedPath = new URL(host + path).href;
        expect(key).not.toBeNull();
        const earlier = keys.get(key as string);
        // Only the same address after URL parsing may share a key.
        if (earlier !== undefined) expect(new URL(host + earlier).href).toBe(normalisedPath);
        keys.set(key as string, path);
      }
      expect(keys.size).toBe(new Set(generated.map((path) => new URL(host + path).href)).size);
    }
  });

  it('maps a mirror page to CDT’s article at the same path', () => {
    for (const path of paths(100, 3)) {
      const onCdt = articleKeyOf(CDT + path, MIRRORS);
      expect(articleKeyOf(`https://cdt.mirror.test${path}`, MIRRORS)).toBe(onCdt);
      expect(articleKeyOf(`http://other-mirror.test:8080${path}`, MIRRORS)).toBe(onCdt);
      // A host that is not on the user's list is its own site, whatever it looks like.
      expect(articleKeyOf(`https://unlisted-mirror.test${path}`, MIRRORS)).not.toBe(onCdt);
      expect(articleKeyOf(`https://chinadigitaltimes.net.evil.test${path}`, MIRRORS)).not.toBe(onCdt);
    }
  });

  it('folds tracking parameters, the fragment, http/https, www. and CDT’s port, and nothing else', () => {
    const key = `${CDT}/2024/01/a/?p=1`;
    for (const variant of [
      'https://chinadigitaltimes.net/2024/01/a/?p=1',
      'http://chinadigitaltimes.net/2024/01/a/?utm_source=x&p=1&fbclid=2#comments',
      'https://www.chinadigitaltimes.net/2024/01/a/?p=1',
      'http://chinadigitaltimes.net:8123/2024/01/a/?p=1',
      'https://WWW.ChinaDigitalTimes.net./2024/01/a/?p=1',
    ]) {
      expect(articleKeyOf(variant, [])).toBe(key);
    }
    expect(articleKeyOf('http://www.example.com:8080/a?b=2&a=1#x', [])).toBe('https://example.com:8080/a?a=1&b=2');
    for (const other of ['/2024/01/a/?p=2', '/2024/01/a?p=1', '/2024/01/A/?p=1', '/2024/01/a/']) {
      expect(articleKeyOf(CDT + other, [])).not.toBe(key);
    }
  });

  it('has no key for what is not a web page', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'chrome://version/']) {
      expect(articleKeyOf(url, MIRRORS)).toBeNull();
    }
  });

  it('lists the addresses an older Coral keyed the same article by, the key first', () => {
    expect(legacyKeysOf('https://example.com/a?b=1')).toEqual([
      'https://example.com/a?b=1',
      'https://www.example.com/a?b=1',
      'http://example.com/a?b=1',
      'http://www.example.com/a?b=1',
    ]);
    // Every legacy key of a key folds back to it: none names another article.
    for (const path of paths(50, 5)) {
      const key = articleKeyOf(CDT + path, []) as string;
      for (const legacy of legacyKeysOf(key)) expect(articleKeyOf(legacy, [])).toBe(key);
    }
  });
});
