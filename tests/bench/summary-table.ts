// The library bench's figures at every size in one Markdown table, the shape of the README's, with each
// row's growth from the largest size's reference (10,000 when measured) in the last column.
import type { DiskUse, PopupHeap } from './library-measures.ts';
import { median, ms, percentile } from './report.ts';

export interface SizeSummary {
  size: number;
  /** Medians from navigation start. */
  firstRow: number;
  countLine: number;
  listReady: number;
  heap: PopupHeap;
  disk: DiskUse;
  searchEnglish: number[];
  searchChinese: number[];
  exportMs?: number;
  importMs?: number;
}

interface Line {
  label: string;
  cell: (s: SizeSummary) => string;
  /** The number the growth column compares; undefined where it means nothing. */
  value?: (s: SizeSummary) => number | undefined;
}

const mib = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
const secs = (time?: number) => (time === undefined ? '–' : `${(time / 1000).toFixed(1)} s`);
const perKey = (times: number[]) =>
  times.length === 0 ? '–' : `${median(times).toFixed(1)} / ${percentile(times, 95).toFixed(1)} ms`;

const LINES: Line[] = [
  { label: 'popup: first article row painted (median)', cell: (s) => ms(s.firstRow), value: (s) => s.firstRow },
  {
    label: 'popup: count line shows the whole count (median)',
    cell: (s) => ms(s.countLine),
    value: (s) => s.countLine,
  },
  { label: 'popup: whole list loaded (median)', cell: (s) => ms(s.listReady), value: (s) => s.listReady },
  { label: 'popup heap when the whole list has loaded', cell: (s) => mib(s.heap.atLoad), value: (s) => s.heap.atLoad },
  { label: 'popup heap after load and a forced GC', cell: (s) => mib(s.heap.afterGc), value: (s) => s.heap.afterGc },
  {
    label: 'search per keystroke, English queries (median / p95)',
    cell: (s) => perKey(s.searchEnglish),
    value: (s) => (s.searchEnglish.length ? percentile(s.searchEnglish, 95) : undefined),
  },
  {
    label: 'search per keystroke, Chinese queries (median / p95)',
    cell: (s) => perKey(s.searchChinese),
    value: (s) => (s.searchChinese.length ? percentile(s.searchChinese, 95) : undefined),
  },
  { label: 'export (click to download)', cell: (s) => secs(s.exportMs), value: (s) => s.exportMs },
  { label: 'import into an empty library (file to report)', cell: (s) => secs(s.importMs), value: (s) => s.importMs },
  {
    label: 'IndexedDB on disk / library data (ratio)',
    cell: (s) => `${mib(s.disk.onDisk)} / ${mib(s.disk.data)} (${(s.disk.onDisk / (s.disk.data || 1)).toFixed(2)}×)`,
    value: (s) => s.disk.onDisk,
  },
];

function growth(line: Line, reference: SizeSummary | undefined, last: SizeSummary | undefined): string {
  if (!line.value || !reference || !last || reference === last) return '–';
  const from = line.value(reference);
  const to = line.value(last);
  return from && to !== undefined ? `${(to / from).toFixed(2)}×` : '–';
}

function markdownRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

export function summaryTable(summaries: SizeSummary[]): void {
  const sorted = [...summaries].sort((a, b) => a.size - b.size);
  const last = sorted.at(-1);
  const reference = sorted.find((s) => s.size === 10_000 && s !== last) ?? sorted[0];
  const name = (s?: SizeSummary) => (s ? s.size.toLocaleString('en-US') : '');
  const header = ['measure', ...sorted.map((s) => `${name(s)} articles`), `${name(last)} ÷ ${name(reference)}`];
  console.log('\nLibrary summary (Markdown, for the README)\n');
  console.log(markdownRow(header));
  console.log(markdownRow(header.map(() => '---')));
  for (const line of LINES)
    console.log(markdownRow([line.label, ...sorted.map(line.cell), growth(line, reference, last)]));
}
