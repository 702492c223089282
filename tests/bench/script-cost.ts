// What the content script costs a page, measured from outside it: a Chromium trace of each load, summing
// the main-thread CPU time of the trace events that run the script's own URL (EvaluateScript: setting up
// the world, compiling and running it; FunctionCall: the callbacks it registered, such as message
// answers). Nothing in the page or the extension has to cooperate, so the page learns nothing either.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';

/** Declared for every CDT page: decides from the DOM whether there is anything to show. */
export const CONTENT_SCRIPT = 'cdt-loader.js';
/** Injected where there is: the prompt and the switch. Its cost counts with the loader's. */
export const PAGE_UI_SCRIPT = 'page-ui.js';
export const CAPTURE_SCRIPT = 'capture.js';

interface TraceEvent {
  name: string;
  ph: string;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { data?: { url?: string } };
}

const COUNTED = new Set(['EvaluateScript', 'FunctionCall']);

/**
 * CPU ms the script at `scriptPath` took on the renderer's main thread: counted events for its URL, with
 * events nested in a counted one (a callback run during evaluation) left out so nothing counts twice.
 * Thread time (`tdur`) rather than wall time, so other processes on a busy machine do not inflate it.
 */
export function scriptCpuMs(events: readonly TraceEvent[], scriptPath: string): number {
  const ours = events
    .filter((e) => e.ph === 'X' && COUNTED.has(e.name) && e.args?.data?.url?.endsWith(`/${scriptPath}`))
    .sort((a, b) => a.ts - b.ts);
  let total = 0;
  const openUntil = new Map<number, number>();
  for (const event of ours) {
    const end = event.ts + (event.dur ?? 0);
    if ((openUntil.get(event.tid) ?? Number.NEGATIVE_INFINITY) >= end) continue;
    openUntil.set(event.tid, end);
    total += event.tdur ?? event.dur ?? 0;
  }
  return total / 1000;
}

/** Loads `url` `loads` times in one tab, tracing each load until `ready`, and returns the script's CPU ms per load. */
export async function traceLoads(
  context: BrowserContext,
  url: string,
  loads: number,
  ready: (page: Page) => Promise<void>,
): Promise<number[]> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const times: number[] = [];
  try {
    for (let i = 0; i < loads; i++) {
      const events: TraceEvent[] = [];
      const collect = ({ value }: { value: object[] }) => events.push(...(value as TraceEvent[]));
      cdp.on('Tracing.dataCollected', collect);
      await cdp.send('Tracing.start', {
        traceConfig: { includedCategories: ['devtools.timeline'] },
        transferMode: 'ReportEvents',
      });
      await page.goto(url);
      await ready(page);
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      cdp.off('Tracing.dataCollected', collect);
      times.push(scriptCpuMs(events, CONTENT_SCRIPT) + scriptCpuMs(events, PAGE_UI_SCRIPT));
    }
  } finally {
    await page.close();
  }
  return times;
}

/**
 * The reference: an extension whose content script, at the same path and for the same pages, only marks
 * <html>. Its cost is what any content script pays (the extension's isolated world, its bindings).
 */
export async function writeReferenceExtension(dir: string, matches: readonly string[]): Promise<string> {
  await mkdir(path.join(dir, 'content-scripts'), { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Coral benchmark reference',
    version: '1.0',
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches, js: [CONTENT_SCRIPT] }],
  };
  await writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await writeFile(path.join(dir, 'background.js'), '');
  await writeFile(path.join(dir, CONTENT_SCRIPT), "document.documentElement.setAttribute('data-coral-bench', '');\n");
  return dir;
}

export const referenceReady = (page: Page) => page.locator('html[data-coral-bench]').waitFor({ state: 'attached' });

/** Raw and gzipped (zlib's default level, as servers and stores use) size of a built file. */
export async function fileSizes(file: string): Promise<{ raw: number; gzip: number }> {
  const bytes = await readFile(file);
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
}
