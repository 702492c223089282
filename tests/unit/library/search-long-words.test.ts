// The tokenizer's guard against absurd words, kept apart from the folding tests: one pasted blob must not
// make a save fail, and must not cost the index a token per chunk of it.
import { describe, expect, it } from 'vitest';
import { queryTokens, tokenize } from '../../../utils/library/search/text';

// Ten million characters take seconds to fold on a busy machine: generous timeouts, no speed target.

describe('tokenize with absurdly long words', () => {
  it('skips a 10-million-letter word and keeps the words around it', { timeout: 60_000 }, () => {
    const tokens = tokenize(`before ${'a'.repeat(10_000_000)} after 审查`);
    expect(tokens).toEqual(expect.arrayContaining(['before', 'after', '审', '查', '审查']));
    expect(tokens.every((token) => token.length <= 100)).toBe(true);
    expect(tokens).toHaveLength(5);
  });

  it('keeps words up to 100 letters, astral letters counted as one', () => {
    const hundred = 'b'.repeat(100);
    expect(tokenize(`${hundred} ${'c'.repeat(101)} ${'c'.repeat(250)}`)).toEqual([hundred]);
    const astral = '𝐀'.repeat(60);
    expect(tokenize(astral)).toEqual([astral.normalize('NFKC').toLowerCase()]);
  });

  it('still indexes a long run of Chinese, which is written without spaces', { timeout: 60_000 }, () => {
    const tokens = tokenize('审查'.repeat(2_000_000));
    expect(new Set(tokens)).toEqual(new Set(['审', '查', '审查', '查审']));
  });

  it('a long word right after Chinese does not swallow what follows it', () => {
    expect(tokenize(`中${'x'.repeat(500)}中 word`)).toEqual(expect.arrayContaining(['中', 'word']));
    expect(queryTokens(`${'y'.repeat(300)} word `).tokens).toEqual(['word']);
  });
});
