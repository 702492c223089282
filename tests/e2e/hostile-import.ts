// Importing issue 9's inflating zip through the popup while the popup measures its own responsiveness:
// a timer ticks every 16 ms and the longest gap between ticks is the worst stall the user would have felt.
// Shared by the browser tests (Chromium and Firefox) and `npm run bench`.
import { inflatingZip } from '../support/hostile-zip.ts';

/** What Playwright's and Puppeteer's pages both offer. */
export interface Evaluates {
  evaluate<R, A>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R>;
}

export interface HostileImport {
  /** The popup's status line once the import ended. */
  status: string;
  /** The longest gap between the popup's timer ticks while the import ran, in ms. */
  worstStallMs: number;
  ticks: number;
  /** From choosing the file to the refusal, in ms. */
  elapsedMs: number;
}

export const BOMB_NAME = 'inflating-backup.zip';

/** The bomb, base64: 8 entries that declare 100 bytes each and inflate to 64 MiB each. */
export function bombBase64(options?: Parameters<typeof inflatingZip>[0]): string {
  return Buffer.from(inflatingZip(options)).toString('base64');
}

interface Probe {
  max: number;
  last: number;
  ticks: number;
  start: number;
  timer: number;
}

/**
 * In the popup (already showing its backup tools): starts the probe, gives the file input the zip as a
 * user's choice would, and waits in the page until the status line says the import ended.
 */
export async function importWhileProbing(page: Evaluates, base64: string, timeoutMs = 120_000): Promise<HostileImport> {
  return page.evaluate(
    async ({ base64, name, timeoutMs }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const file = new File([bytes], name, { type: 'application/zip' });
      const status = () => document.querySelector('.backup-status')?.textContent ?? '';
      const probe: Probe = { max: 0, last: performance.now(), ticks: 0, start: performance.now(), timer: 0 };
      probe.timer = window.setInterval(() => {
        const now = performance.now();
        probe.max = Math.max(probe.max, now - probe.last);
        probe.last = now;
        probe.ticks++;
      }, 16);
      const input = document.querySelector('input[type="file"]') as HTMLInputElement;
      const chosen = new DataTransfer();
      chosen.items.add(file);
      input.files = chosen.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
      // Done when the status is neither empty nor a progress line (which ends in "…" or counts "n of N").
      const ended = () => /Nothing|cancelled|could not|Imported|Storage/.test(status());
      await new Promise<void>((resolve, reject) => {
        const check = window.setInterval(() => {
          if (ended()) {
            window.clearInterval(check);
            resolve();
          } else if (performance.now() - probe.start > timeoutMs) {
            window.clearInterval(check);
            reject(new Error(`the import did not end in ${timeoutMs} ms; status: ${status()}`));
          }
        }, 50);
      });
      const now = performance.now();
      window.clearInterval(probe.timer);
      return {
        status: status(),
        worstStallMs: Math.round(Math.max(probe.max, now - probe.last)),
        ticks: probe.ticks,
        elapsedMs: Math.round(now - probe.start),
      };
    },
    { base64, name: BOMB_NAME, timeoutMs },
  );
}
