// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { MAX_SITE_PATTERNS, parseSitePatterns } from '../../../utils/bridge/config';

// The options page says why a site was refused in the user's language, so each refusal carries a code
// and the entry, never only an English sentence.
describe('parseSitePatterns problems', () => {
  it('names each refused entry with a code', () => {
    const text = 'ftp://a.example user@b.example *.c.* d"e *.203.0.113.7 printer.local good.example';
    expect(parseSitePatterns(text)).toMatchObject({
      patterns: ['good.example'],
      problems: [
        { error: 'scheme', entry: 'ftp://a.example' },
        { error: 'user-name', entry: 'user@b.example' },
        { error: 'wildcard', entry: '*.c.*' },
        { error: 'host', entry: 'd"e' },
        { error: 'wildcard-ip', entry: '*.203.0.113.7' },
        { error: 'local', entry: 'printer.local' },
      ],
    });
  });

  it('says when the list is too long, and cuts a long entry', () => {
    const many = Array.from({ length: MAX_SITE_PATTERNS + 1 }, (_, i) => `s${i}.example`).join('\n');
    expect(parseSitePatterns(many).problems).toEqual([{ error: 'too-many', entry: '' }]);
    expect(parseSitePatterns(`${'x'.repeat(100)}*`).problems[0]?.entry).toHaveLength(80);
  });
});
