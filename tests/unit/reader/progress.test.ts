import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  progressFromScroll,
  READ_THRESHOLD,
  scrollForProgress,
  throttle,
  worthSaving,
} from '../../../utils/reader/progress';

const page = { viewportHeight: 800, end: 4800 };

describe('progressFromScroll', () => {
  it('is the fraction of the scroll travel up to the end of the article', () => {
    expect(progressFromScroll({ ...page, scrollTop: 0 })).toBe(0);
    expect(progressFromScroll({ ...page, scrollTop: 1000 })).toBe(0.25);
    expect(progressFromScroll({ ...page, scrollTop: 4000 })).toBe(1);
  });

  it('counts scrolling past the article (to the links after it) as the end', () => {
    expect(progressFromScroll({ ...page, scrollTop: 4400 })).toBe(1);
  });

  it('rounds to thousandths and never leaves 0..1', () => {
    expect(progressFromScroll({ ...page, scrollTop: 1234 })).toBe(0.309);
    expect(progressFromScroll({ ...page, scrollTop: -50 })).toBe(0);
  });

  it('calls an article that fits on the screen read to the end', () => {
    expect(progressFromScroll({ scrollTop: 0, viewportHeight: 900, end: 700 })).toBe(1);
  });
});

describe('scrollForProgress', () => {
  it('inverts progressFromScroll', () => {
    for (const scrollTop of [0, 333, 1000, 2500, 3800]) {
      const progress = progressFromScroll({ ...page, scrollTop });
      expect(Math.abs(scrollForProgress(progress, page) - scrollTop)).toBeLessThanOrEqual(4);
    }
  });

  it('follows the new length when the text size changed since', () => {
    expect(scrollForProgress(0.5, { viewportHeight: 800, end: 8800 })).toBe(4000);
  });

  it('opens a finished article, and nonsense, at the top', () => {
    expect(scrollForProgress(READ_THRESHOLD, page)).toBe(0);
    expect(scrollForProgress(1, page)).toBe(0);
    expect(scrollForProgress(Number.NaN, page)).toBe(0);
    expect(scrollForProgress(-1, page)).toBe(0);
  });
});

describe('worthSaving', () => {
  it('skips moves under a percent but not the step over the read threshold', () => {
    expect(worthSaving(undefined, 0)).toBe(true);
    expect(worthSaving(0.5, 0.505)).toBe(false);
    expect(worthSaving(0.5, 0.51)).toBe(true);
    expect(worthSaving(0.965, READ_THRESHOLD)).toBe(true);
    expect(worthSaving(0.3, 0.2)).toBe(true);
  });
});

describe('throttle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once, then at most once a second, and the last call is not lost', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const throttled = throttle(fn, 1000);
    throttled();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(50);
      throttled();
    }
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it('flush runs a pending call now; cancel drops it', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const throttled = throttle(fn, 1000);
    throttled();
    throttled();
    throttled.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    throttled.flush();
    expect(fn).toHaveBeenCalledTimes(2);
    throttled();
    throttled.cancel();
    vi.advanceTimersByTime(2000);
    expect(fn).toHaveBeenCalledTimes(2);
  });
});
