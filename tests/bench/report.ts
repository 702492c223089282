// Small statistics and table helpers shared by the benchmark's parts.

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Nearest-rank percentile: with few samples, p95 is the largest one rather than an interpolation. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

// Han and full-width characters take two columns in a terminal.
const WIDE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const columns = (s: string) => [...s].reduce((n, ch) => n + (WIDE.test(ch) ? 2 : 1), 0);

export function row(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => {
      const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - columns(cell)));
      return i === 0 ? cell + pad : pad + cell;
    })
    .join('  ');
}
