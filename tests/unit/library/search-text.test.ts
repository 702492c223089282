import { describe, expect, it } from 'vitest';
import { foldText, queryTokens, tokenize } from '../../../utils/library/search/text';

describe('foldText', () => {
  it('folds width, case and compatibility forms', () => {
    expect(foldText('ＣＤＴ Ｎews ２０２４')).toBe('cdt news 2024');
    expect(foldText('ÉCOLE')).toBe('école');
  });

  it('folds Traditional Chinese to Simplified, Taiwan and Hong Kong variants included', () => {
    const pairs = [
      ['審查', '审查'],
      ['網絡', '网络'],
      ['臺灣', '台湾'],
      ['後來', '后来'],
      ['頭髮', '头发'],
      ['刪除', '删除'],
      ['維權律師', '维权律师'],
      ['防火長城', '防火长城'],
    ];
    for (const [traditional, simplified] of pairs) {
      expect(foldText(traditional as string)).toBe(simplified);
      expect(foldText(simplified as string)).toBe(simplified);
    }
    // Taiwan writes 裡, Hong Kong and OpenCC's standard 裏: both are 里.
    expect(foldText('裡面')).toBe(foldText('裏面'));
  });

  it('folds each character the same whatever its neighbours, so a query folds like the text around it', () => {
    const text = foldText('乾坤與乾淨');
    expect(text).toContain(foldText('乾'));
    expect(text).toContain(foldText('乾坤'));
    expect([...foldText('乾坤與乾淨')]).toHaveLength(5);
  });

  it('leaves text without Chinese alone apart from case', () => {
    expect(foldText('Москва ئۇيغۇر')).toBe('москва ئۇيغۇر');
  });
});

describe('tokenize', () => {
  it('indexes CJK runs as characters and overlapping pairs', () => {
    expect(tokenize('审查制度').sort()).toEqual(['审', '查', '制', '度', '审查', '查制', '制度'].sort());
    expect(tokenize('審查')).toEqual(['审', '查', '审查']);
  });

  it('splits other scripts into lower-case words, numbers of any length, words of two letters or more', () => {
    expect(tokenize("China's firewall, June 4 (2024): a I x Ürümqi")).toEqual([
      'china',
      'firewall',
      'june',
      '4',
      '2024',
      'ürümqi',
    ]);
    expect(tokenize('Москва ئۇيغۇر تىلى')).toEqual(['москва', 'ئۇيغۇر', 'تىلى']);
  });

  it('separates CJK from Latin written together, and handles kana and Hangul as CJK', () => {
    expect(tokenize('iPhone手机')).toEqual(['iphone', '手', '机', '手机']);
    expect(tokenize('カメラ')).toEqual(['カ', 'メ', 'ラ', 'カメ', 'メラ']);
    expect(tokenize('한국')).toEqual(['한', '국', '한국']);
  });

  it('gives each token once', () => {
    expect(tokenize('the the THE 的的的')).toEqual(['the', '的', '的的']);
  });

  it('skips words over 100 letters', () => {
    expect(tokenize(`short ${'x'.repeat(100)} ${'y'.repeat(101)} 审查`)).toEqual([
      'short',
      'x'.repeat(100),
      '审',
      '查',
      '审查',
    ]);
    expect(tokenize(`${'長'.repeat(3)} ${'b'.repeat(100_000)}`)).toEqual(['长', '长长']);
  });

  it('gives nothing for punctuation only', () => {
    expect(tokenize(' — ，。!? ')).toEqual([]);
  });
});

describe('queryTokens', () => {
  it('treats the last word as a prefix while it is being typed', () => {
    expect(queryTokens('xi jin')).toEqual({ tokens: ['xi'], prefix: 'jin' });
    expect(queryTokens('xi jin ')).toEqual({ tokens: ['xi', 'jin'] });
    expect(queryTokens('Censor')).toEqual({ tokens: [], prefix: 'censor' });
  });

  it('ignores a single letter still being typed, but keeps a digit', () => {
    expect(queryTokens('firewall c')).toEqual({ tokens: ['firewall'] });
    expect(queryTokens('june 4')).toEqual({ tokens: ['june', '4'] });
    expect(queryTokens('a')).toEqual({ tokens: [] });
  });

  it('searches CJK by pairs, and a lone character as itself, after folding', () => {
    expect(queryTokens('審查制度')).toEqual({ tokens: ['审查', '查制', '制度'] });
    expect(queryTokens('查')).toEqual({ tokens: ['查'] });
    expect(queryTokens('新疆 police')).toEqual({ tokens: ['新疆'], prefix: 'police' });
    expect(queryTokens('police 新疆')).toEqual({ tokens: ['police', '新疆'] });
  });

  it('finds nothing to search in an empty or punctuation-only query', () => {
    expect(queryTokens('')).toEqual({ tokens: [] });
    expect(queryTokens('  ，。 ')).toEqual({ tokens: [] });
  });
});
