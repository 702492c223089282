// `npm run bench` part "hostile": the worst popup stall while it imports issue 9's inflating zip (8 entries
// that declare 100 bytes and inflate to 64 MiB each), measured by the popup's own 16 ms timer in Chromium.
import { launchChromium } from '../e2e/browsers.ts';
import { bombBase64, type Evaluates, importWhileProbing } from '../e2e/hostile-import.ts';
import { median, ms, row } from './report.ts';

const ROUNDS = Number(process.env.BENCH_HOSTILE_ROUNDS ?? 5);

export async function runHostileImportBench(): Promise<void> {
  const session = await launchChromium({ uiLanguage: 'en-US' });
  const stalls: number[] = [];
  const refusals: number[] = [];
  try {
    const page = await session.context.newPage();
    await page.goto(`${session.extensionOrigin}/popup.html?tab=1#backup`);
    await page.getByText('Nothing saved yet.').waitFor({ timeout: 15_000 });
    const bomb = bombBase64();
    for (let round = 0; round < ROUNDS; round++) {
      const result = await importWhileProbing(page as unknown as Evaluates, bomb);
      if (!result.status.startsWith('Nothing was imported')) throw new Error(`not refused: ${result.status}`);
      stalls.push(result.worstStallMs);
      refusals.push(result.elapsedMs);
    }
  } finally {
    await session.close();
  }
  const widths = [52, 11, 11, 11];
  console.log(`\nHostile backup import in the popup (522 KB zip inflating to 512 MiB; ${ROUNDS} rounds)\n`);
  console.log(row(['', 'median', 'min', 'max'], widths));
  for (const [name, times] of [
    ['worst popup stall during a hostile import (ms)', stalls],
    ['from choosing the file to its refusal', refusals],
  ] as const)
    console.log(row([name, ms(median(times)), ms(Math.min(...times)), ms(Math.max(...times))], widths));
  console.log('(the popup was frozen for about 25 s before the zip was read in a worker)\n');
}
