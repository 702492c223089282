// Search per keystroke in the real popup at one library size (50,000 articles unless told), with
// library-bench's seeding and timing; kept apart from the bench's size tables. Run after a build:
// node tests/bench/search-speed.ts [articles] [rounds]
import { launchEnglish, openInstrumentedPopup, type SearchQuery, searchLatency, seed } from './library-bench.ts';
import { syntheticLibrary } from './load-utils.ts';
import { median, ms, percentile, row } from './report.ts';

// Words of the synthetic library, English and Chinese, Simplified and Traditional.
const QUERIES: SearchQuery[] = [
  { label: 'English word "journalist"', text: 'journalist' },
  { label: 'English prefix "su"', text: 'su' },
  { label: 'Chinese word "网民"', text: '网民' },
  { label: 'Traditional "記憶" (folds to 记忆)', text: '記憶' },
  { label: 'Chinese "审查"', text: '审查' },
  { label: 'two words "police protest"', text: 'police protest' },
];

export async function measureSearchSpeed(size: number, rounds: number): Promise<Map<string, number[]>> {
  const lib = syntheticLibrary(size);
  const session = await launchEnglish();
  try {
    await seed(session, lib);
    const page = await openInstrumentedPopup(session, size);
    await page.goto(`${session.extensionOrigin}/popup.html`);
    return await searchLatency(page, lib, QUERIES, rounds);
  } finally {
    await session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const size = Number(process.argv[2] ?? 50_000);
  const rounds = Number(process.argv[3] ?? 3);
  const samples = await measureSearchSpeed(size, rounds);
  const widths = [40, 11, 11, 11, 11];
  console.log(`\nSearch per keystroke, ${size.toLocaleString('en-US')} synthetic articles, ${rounds} rounds\n`);
  console.log(row(['query', 'keystrokes', 'median', 'p95', 'max'], widths));
  const all: number[] = [];
  for (const [label, times] of samples) {
    all.push(...times);
    const cells = times.length
      ? [String(times.length), ms(median(times)), ms(percentile(times, 95)), ms(Math.max(...times))]
      : ['0', '-', '-', '-'];
    console.log(row([label, ...cells], widths));
  }
  console.log(row(['all', String(all.length), ms(median(all)), ms(percentile(all, 95)), ms(Math.max(...all))], widths));
}
