// The library's weight, measured from outside the extension: the popup's JavaScript heap once its list
// has loaded (through the DevTools protocol), and what IndexedDB takes on disk against the data it holds.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ChromiumSession } from '../e2e/browsers.ts';
import { countText } from './expected-list.ts';
import { listReady } from './library-bench.ts';
import type { SyntheticLibrary } from './load-utils.ts';

const POPUP_VIEWPORT = { width: 420, height: 600 };
/** Time after the count line for what the popup does next (search warm-up, the trash purge) to settle. */
const SETTLE_MS = 2_000;

export interface PopupHeap {
  /** Bytes used when the whole list was loaded, and after the settling time. */
  atLoad: number;
  settled: number;
  /** After a forced garbage collection: what the popup really keeps. */
  afterGc: number;
}

/** A freshly opened popup's heap, on its own CDP session (the popup target is the page). */
export async function popupHeap(session: ChromiumSession, total: number): Promise<PopupHeap> {
  const page = await session.context.newPage();
  try {
    await page.setViewportSize(POPUP_VIEWPORT);
    const cdp = await session.context.newCDPSession(page);
    await page.goto(`${session.extensionOrigin}/popup.html`);
    await page.locator('.count').getByText(countText(total, total), { exact: true }).waitFor({ timeout: 120_000 });
    await listReady(page, total);
    const used = async () => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    const atLoad = await used();
    // A benchmark, not a test: a fixed pause lets the popup's follow-up reads land before measuring.
    await page.waitForTimeout(SETTLE_MS);
    const settled = await used();
    await cdp.send('HeapProfiler.collectGarbage');
    const afterGc = await used();
    await cdp.detach();
    return { atLoad, settled, afterGc };
  } finally {
    await page.close();
  }
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += await dirBytes(full);
    else if (entry.isFile()) total += (await stat(full)).size;
  }
  return total;
}

export interface DiskUse {
  /** The extension's IndexedDB folders in the profile (LevelDB files and blobs). */
  onDisk: number;
  /** navigator.storage.estimate() in an extension page. */
  estimate: number;
  /** The library's own data: its article and version records as JSON (UTF-8), without the search index. */
  data: number;
}

const utf8 = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

/** The bytes of the records a library holds, the baseline its disk use is compared with. */
export function dataBytes(lib: SyntheticLibrary): number {
  let bytes = 0;
  for (const article of lib.articles) bytes += utf8(article);
  for (const version of lib.versions) bytes += utf8(version);
  return bytes;
}

export async function diskUse(session: ChromiumSession, data: number): Promise<DiskUse> {
  const page = await session.context.newPage();
  try {
    await page.goto(`${session.extensionOrigin}/reader.html?id=none`);
    const estimate = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
    const root = path.join(session.userDataDir, 'Default', 'IndexedDB');
    const names = await readdir(root).catch(() => [] as string[]);
    let onDisk = 0;
    for (const name of names.filter((n) => n.includes(session.extensionId)))
      onDisk += await dirBytes(path.join(root, name));
    return { onDisk, estimate, data };
  } finally {
    await page.close();
  }
}
