import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { foldGroups, foldTableModule, tablePairs } from '../../../scripts/fold-table';
import { foldText } from '../../../utils/library/search/text';

const pairs = tablePairs();
const known = [...new Set(pairs.flat())];

describe('the generated fold table', () => {
  it('is what scripts/fold-table.ts generates from the installed opencc-js', () => {
    const committed = readFileSync(path.join(__dirname, '../../../utils/library/search/fold-table.ts'), 'utf8');
    expect(committed).toBe(foldTableModule());
  });

  it('covers thousands of characters, each in exactly one group', () => {
    const chars = foldGroups().flatMap((g) => [...g]);
    expect(known.length).toBeGreaterThan(5000);
    expect(new Set(chars).size).toBe(chars.length);
  });
});

describe('folding is closed over every character the tables know', () => {
  it('folds both sides of every pair the tables know to the same text, whichever way the pair points', () => {
    const split = pairs.filter(([a, b]) => foldText(a) !== foldText(b));
    expect(split).toEqual([]);
  });

  it('changes nothing when applied twice', () => {
    const unstable = known.filter((ch) => foldText(foldText(ch)) !== foldText(ch));
    expect(unstable).toEqual([]);
  });

  it('brings together the words the one-pass table kept apart', () => {
    const forms = [
      ['什么', '什麼', '什麽'],
      ['为什么', '為什麼', '爲什麼'],
      ['怎么', '怎麼', '怎麽'],
      ['审查', '審查'],
      ['头发', '頭髮', '頭發'],
    ];
    for (const [first, ...rest] of forms) {
      for (const other of rest) expect(foldText(other)).toBe(foldText(first as string));
    }
  });

  it('folds to Simplified where a Simplified form exists', () => {
    expect(foldText('為什麼審查臺灣')).toBe('为什么审查台湾');
  });
});
