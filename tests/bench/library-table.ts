// Runs the library part of the benchmark at each size and prints its tables.
import {
  exportTime,
  importTime,
  launchEnglish,
  openInstrumentedPopup,
  type PaintTimes,
  popupPaint,
  type SearchQuery,
  searchLatency,
  seed,
} from './library-bench.ts';
import { type DiskUse, dataBytes, diskUse, type PopupHeap, popupHeap } from './library-measures.ts';
import { syntheticLibrary } from './load-utils.ts';
import { kb, median, ms, percentile, row } from './report.ts';
import { type SizeSummary, summaryTable } from './summary-table.ts';

const sizes = (value: string | undefined, fallback: number[]) =>
  value === undefined ? fallback : value.split(',').filter(Boolean).map(Number);
const SIZES = sizes(process.env.BENCH_SIZES, [1000, 10000, 50000]);
const PAINTS = Number(process.env.BENCH_PAINTS ?? 10);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5);
/** Export and import are timed at these sizes (those among SIZES); import at 50,000 was 17 minutes before issue 9. */
const EXPORT_SIZES = sizes(process.env.BENCH_EXPORT_SIZES, SIZES);
const IMPORT_SIZES = sizes(process.env.BENCH_IMPORT_SIZES, SIZES);

// Words of the synthetic library (utils/synthetic-library.ts). The Simplified and Traditional words
// differ so that neither finds the other's index lists already read in the same popup.
const QUERIES: SearchQuery[] = [
  { label: 'English word "journalist"', text: 'journalist' },
  { label: 'English prefix "su"', text: 'su' },
  { label: 'Chinese word "网民"', text: '网民' },
  { label: 'Traditional "記憶" (folds to 记忆)', text: '記憶' },
  { label: 'two words "police protest"', text: 'police protest' },
];

interface SizeResult {
  size: number;
  paint: PaintTimes;
  heap: PopupHeap;
  disk: DiskUse;
  search: Map<string, number[]>;
  backup: { exportMs?: number; zipBytes?: number; importMs?: number };
  /** Wall time of each phase, to keep the whole run's length in view. */
  phases: Array<[string, number]>;
}

/** Runs `work` and notes how long it took under `name`. */
async function phase<T>(phases: Array<[string, number]>, name: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  phases.push([name, performance.now() - started]);
  return result;
}

async function measure(size: number): Promise<SizeResult> {
  const phases: Array<[string, number]> = [];
  const lib = await phase(phases, 'generate the library (Node)', async () => syntheticLibrary(size));
  const session = await launchEnglish();
  try {
    // The fast path: records written straight into the extension's database in batches, not an import.
    await phase(phases, 'seed IndexedDB directly', () => seed(session, lib));
    const page = await openInstrumentedPopup(session, size);
    const paint = await phase(phases, `${PAINTS} popup loads`, () => popupPaint(page, session.extensionOrigin, PAINTS));
    const search = await phase(phases, `search, ${ROUNDS} rounds`, () => searchLatency(page, lib, QUERIES, ROUNDS));
    await page.close();
    const heap = await phase(phases, 'popup heap', () => popupHeap(session, size));
    const disk = await phase(phases, 'disk use', () => diskUse(session, dataBytes(lib)));
    const backup: SizeResult['backup'] = {};
    if (EXPORT_SIZES.includes(size) || IMPORT_SIZES.includes(size)) {
      const zip = await phase(phases, 'export', () => exportTime(session, size));
      Object.assign(backup, { exportMs: zip.ms, zipBytes: zip.bytes });
      if (IMPORT_SIZES.includes(size))
        backup.importMs = await phase(phases, 'import', () => importTime(zip.file, size));
    }
    return { size, paint, heap, disk, search, backup, phases };
  } finally {
    await session.close();
  }
}

const MIB = 1024 * 1024;
const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;

function printWeights(result: SizeResult, widths: number[]): void {
  const { heap, disk } = result;
  console.log();
  console.log(row(['popup heap (fresh popup, CDP)', 'used'], widths));
  console.log(row(['when the whole list had loaded', mib(heap.atLoad)], widths));
  console.log(row(['2 s later', mib(heap.settled)], widths));
  console.log(row(['after a forced GC', mib(heap.afterGc)], widths));
  console.log();
  console.log(row(['disk', 'bytes', 'ratio'], widths));
  console.log(row(['library data (article + version JSON)', mib(disk.data), '1.00×'], widths));
  const ratio = (bytes: number) => `${(bytes / (disk.data || 1)).toFixed(2)}×`;
  console.log(row(["IndexedDB folders on disk (the extension's)", mib(disk.onDisk), ratio(disk.onDisk)], widths));
  console.log(row(['navigator.storage.estimate() usage', mib(disk.estimate), ratio(disk.estimate)], widths));
}

function print(result: SizeResult): void {
  const widths = [48, 11, 11, 11, 11];
  const n = result.size.toLocaleString('en-US');
  console.log(`\nLibrary popup, ${n} synthetic articles (${PAINTS} loads, 420×600)\n`);
  console.log(row(['from navigation start', 'median', 'min', 'max'], widths));
  const paints: Array<[string, number[]]> = [
    ['first article row in the DOM', result.paint.firstRow],
    ['first article row painted (next frame)', result.paint.firstRowFrame],
    [`count line shows ${n}`, result.paint.complete],
    ['whole list loaded (scrolls to the last article)', result.paint.listReady],
  ];
  for (const [name, times] of paints)
    console.log(row([name, ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times))], widths));

  console.log();
  console.log(row([`search per keystroke (${ROUNDS} rounds)`, 'keystrokes', 'median', 'p95', 'max'], widths));
  const all: number[] = [];
  for (const [label, times] of result.search) {
    all.push(...times);
    if (times.length === 0) {
      console.log(row([label, '0', '-', '-', '-'], widths));
      continue;
    }
    const cells = [String(times.length), ms(median(times)), ms(percentile(times, 95)), ms(Math.max(...times))];
    console.log(row([label, ...cells], widths));
  }
  if (all.length > 0) {
    const cells = [String(all.length), ms(median(all)), ms(percentile(all, 95)), ms(Math.max(...all))];
    console.log(row(['all queries', ...cells], widths));
  }
  printWeights(result, widths);
  const { exportMs, zipBytes, importMs } = result.backup;
  if (exportMs !== undefined) {
    console.log();
    console.log(row([`backup, ${n} articles (no images)`, 'time', 'zip'], widths));
    console.log(row(['export: click to download', ms(exportMs), kb(zipBytes ?? 0)], widths));
    if (importMs !== undefined)
      console.log(row(['import into an empty library: file to report', ms(importMs)], widths));
  }
  console.log();
  console.log(row([`phases at ${n} (wall time)`, 'time'], widths));
  for (const [name, time] of result.phases) console.log(row([name, `${(time / 1000).toFixed(1)} s`], widths));
}

const isChinese = (label: string) => /\p{Script=Han}/u.test(label);

function summarize(result: SizeResult): SizeSummary {
  const pick = (zh: boolean) => [...result.search].filter(([label]) => isChinese(label) === zh).flatMap(([, t]) => t);
  return {
    size: result.size,
    firstRow: median(result.paint.firstRowFrame),
    countLine: median(result.paint.complete),
    listReady: median(result.paint.listReady),
    heap: result.heap,
    disk: result.disk,
    searchEnglish: pick(false),
    searchChinese: pick(true),
    exportMs: result.backup.exportMs,
    importMs: result.backup.importMs,
  };
}

export async function runLibraryBench(): Promise<void> {
  console.log(
    '\nSearch: each round in a newly opened popup, each query typed a character at a time into an empty field,' +
      '\ntimed from the input event to the list showing its new count line and first rows; keystrokes that' +
      '\nchange neither (a first letter, or a longer prefix with the same first page) are not counted.',
  );
  const started = performance.now();
  const summaries: SizeSummary[] = [];
  for (const size of SIZES) {
    const result = await measure(size);
    print(result);
    summaries.push(summarize(result));
  }
  summaryTable(summaries);
  console.log(`\nlibrary bench: ${((performance.now() - started) / 60_000).toFixed(1)} minutes in all`);
}
