// Runs the library part of the benchmark at each size and prints its tables.
import {
  type BackupTimes,
  backupTimes,
  launchEnglish,
  openInstrumentedPopup,
  type PaintTimes,
  popupPaint,
  type SearchQuery,
  searchLatency,
  seed,
} from './library-bench.ts';
import { syntheticLibrary } from './load-utils.ts';
import { kb, median, ms, percentile, row } from './report.ts';

const SIZES = (process.env.BENCH_SIZES ?? '1000,10000').split(',').map(Number);
const PAINTS = Number(process.env.BENCH_PAINTS ?? 10);
const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5);
/** Export and import are timed at this size only (when it is one of SIZES). */
const BACKUP_SIZE = 1000;

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
  seedMs: number;
  paint: PaintTimes;
  search: Map<string, number[]>;
  backup?: BackupTimes;
}

async function measure(size: number): Promise<SizeResult> {
  const lib = syntheticLibrary(size);
  const session = await launchEnglish();
  try {
    const seedMs = await seed(session, lib);
    const page = await openInstrumentedPopup(session, size);
    const paint = await popupPaint(page, session.extensionOrigin, PAINTS);
    const search = await searchLatency(page, lib, QUERIES, ROUNDS);
    await page.close();
    const backup = size === BACKUP_SIZE ? await backupTimes(session, size) : undefined;
    return { size, seedMs, paint, search, backup };
  } finally {
    await session.close();
  }
}

function print(result: SizeResult): void {
  const widths = [48, 11, 11, 11, 11];
  const n = result.size.toLocaleString('en-US');
  console.log(`\nLibrary popup, ${n} synthetic articles (${PAINTS} loads, 420×600; seeded in ${ms(result.seedMs)})\n`);
  console.log(row(['from navigation start', 'median', 'min', 'max'], widths));
  const paints: Array<[string, number[]]> = [
    ['first article row in the DOM', result.paint.firstRow],
    ['first article row painted (next frame)', result.paint.firstRowFrame],
    [`whole list loaded (count shows ${n})`, result.paint.complete],
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
  if (result.backup) {
    console.log();
    console.log(row([`backup, ${n} articles (no images)`, 'time', 'zip'], widths));
    console.log(row(['export: click to download', ms(result.backup.exportMs), kb(result.backup.zipBytes)], widths));
    console.log(row(['import into an empty library: file to report', ms(result.backup.importMs)], widths));
  }
}

export async function runLibraryBench(): Promise<void> {
  console.log(
    '\nSearch: each round in a newly opened popup, each query typed a character at a time into an empty field,' +
      '\ntimed from the input event to the list showing its new count line and first rows; keystrokes that' +
      '\nchange neither (a first letter, or a longer prefix with the same first page) are not counted.',
  );
  for (const size of SIZES) print(await measure(size));
}
