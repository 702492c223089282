import { READ_AT_PROGRESS } from '../library/edit';

/** From this fraction on an article counts as read; the library marks it so at the same point. */
export const READ_THRESHOLD = READ_AT_PROGRESS;

export interface ScrollMetrics {
  /** window.scrollY */
  scrollTop: number;
  /** window.innerHeight */
  viewportHeight: number;
  /**
   * Where reading ends, in document pixels: the bottom of the article. What comes after it (previous
   * and next links) is not part of the reading, so reaching the article's end is reaching 1.
   */
  end: number;
}

const clamp01 = (value: number): number => Math.min(1, Math.max(0, value));

/** How far through the article the reader is, 0..1, rounded to 0.001 so tiny scrolls are not changes. */
export function progressFromScroll({ scrollTop, viewportHeight, end }: ScrollMetrics): number {
  const travel = end - viewportHeight;
  // The whole article fits on the screen: whoever looks at it has seen the end.
  if (travel <= 0) return 1;
  return Math.round(clamp01(scrollTop / travel) * 1000) / 1000;
}

/**
 * The scroll position that shows `progress` again. An article read to the end opens at its top:
 * landing on the last lines of something finished helps nobody, and starting again is what a reread is.
 */
export function scrollForProgress(progress: number, { viewportHeight, end }: Omit<ScrollMetrics, 'scrollTop'>): number {
  if (!Number.isFinite(progress) || progress <= 0 || progress >= READ_THRESHOLD) return 0;
  return Math.max(0, Math.round(clamp01(progress) * (end - viewportHeight)));
}

/** Whether a new fraction is worth a write: a real move, or the step over the read threshold. */
export function worthSaving(saved: number | undefined, next: number): boolean {
  if (saved === undefined) return true;
  if (saved < READ_THRESHOLD && next >= READ_THRESHOLD) return true;
  return Math.abs(next - saved) >= 0.01;
}

export interface Timers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realTimers: Timers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled {
  (): void;
  /** Runs a pending call now (the page is going away). */
  flush(): void;
  cancel(): void;
}

/**
 * Runs `fn` at most once every `ms`, the last call included: scrolling stops, the final position is
 * still saved. `fn` reads the state it needs when it runs, so dropped calls lose nothing.
 */
export function throttle(fn: () => void, ms: number, timers: Timers = realTimers): Throttled {
  let last = Number.NEGATIVE_INFINITY;
  let pending: unknown = null;
  const run = () => {
    pending = null;
    last = timers.now();
    fn();
  };
  const throttled = (() => {
    if (pending !== null) return;
    const wait = last + ms - timers.now();
    if (wait <= 0) run();
    else pending = timers.setTimeout(run, wait);
  }) as Throttled;
  throttled.flush = () => {
    if (pending === null) return;
    timers.clearTimeout(pending);
    run();
  };
  throttled.cancel = () => {
    if (pending !== null) timers.clearTimeout(pending);
    pending = null;
  };
  return throttled;
}
