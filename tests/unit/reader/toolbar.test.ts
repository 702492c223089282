import { describe, expect, it } from 'vitest';
import { READ_THRESHOLD } from '../../../utils/reader/progress';
import { progressLabel, tuckAfterScroll } from '../../../utils/reader/toolbar';

describe('progressLabel', () => {
  it('gives a whole percentage, clamped to 0..100', () => {
    expect(progressLabel(0.424, false)).toEqual({ kind: 'percent', percent: 42 });
    expect(progressLabel(-0.2, false)).toEqual({ kind: 'percent', percent: 0 });
  });

  it('says finished once read, or past the point where the library marks it read', () => {
    expect(progressLabel(0.1, true)).toEqual({ kind: 'finished' });
    expect(progressLabel(READ_THRESHOLD, false)).toEqual({ kind: 'finished' });
  });
});

describe('tuckAfterScroll', () => {
  it('ignores jitter', () => {
    expect(tuckAfterScroll(500, 505)).toBeNull();
  });

  it('tucks while reading down past the top, and comes back on the way up', () => {
    expect(tuckAfterScroll(500, 600)).toEqual({ tucked: true, last: 600 });
    expect(tuckAfterScroll(600, 550)).toEqual({ tucked: false, last: 550 });
    expect(tuckAfterScroll(0, 100)).toEqual({ tucked: false, last: 100 });
  });
});
