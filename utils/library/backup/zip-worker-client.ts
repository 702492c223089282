// The popup's side of the zip worker: a ZipSource whose reading happens in a Web Worker. Cancelling
// ends the worker at once, even in the middle of an entry.
import { BackupError, ImportStopped } from './format';
import type { ZipEntry, ZipSource } from './zip-reader';
import { receiveError, type ZipReply, type ZipRequest } from './zip-worker-protocol';

/** A Worker, or anything that behaves like one (a test's MessagePort). */
export interface ZipWorker {
  postMessage(message: ZipRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (event: Event) => void): void;
  terminate(): void;
}

/** The bundled worker script: Vite emits it as a file of its own, which extension pages' CSP allows. */
export const startZipWorker = (): ZipWorker =>
  new Worker(new URL('./zip-worker.ts', import.meta.url), { type: 'module', name: 'coral-zip' });

interface Pending {
  resolve: (reply: ZipReply) => void;
  reject: (error: unknown) => void;
}

/** Opens `file` in a worker. `signal` cancels: the worker is ended and what was waiting fails as cancelled. */
export function openZipInWorker(
  file: Blob,
  { signal, start = startZipWorker }: { signal?: AbortSignal; start?: () => ZipWorker } = {},
): Promise<ZipSource> {
  const worker = start();
  const pending = new Map<number | 'open', Pending>();
  let next = 0;
  const failAll = (error: unknown) => {
    worker.terminate();
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.addEventListener('message', (event) => {
    const reply = event.data as ZipReply;
    const key = reply.kind === 'opened' ? 'open' : (reply.id ?? 'open');
    const waiting = pending.get(key);
    pending.delete(key);
    if (reply.kind === 'failed') waiting?.reject(receiveError(reply.error));
    else waiting?.resolve(reply);
  });
  // A worker that cannot start (or dies) must not leave the import waiting for ever.
  worker.addEventListener('error', () =>
    failAll(new BackupError('The backup reader could not start.', undefined, 'not-stored')),
  );
  signal?.addEventListener('abort', () => failAll(new ImportStopped('cancelled', 0, 0)), { once: true });
  const ask = (key: number | 'open', request: ZipRequest) =>
    new Promise<ZipReply>((resolve, reject) => {
      if (signal?.aborted) return reject(new ImportStopped('cancelled', 0, 0));
      pending.set(key, { resolve, reject });
      worker.postMessage(request);
    });
  return ask('open', { kind: 'open', file }).then(
    (reply) => ({
      entries: (reply as Extract<ZipReply, { kind: 'opened' }>).entries,
      read: async (entries: readonly ZipEntry[]) => {
        const id = next++;
        const answer = await ask(id, { kind: 'read', id, names: entries.map((e) => e.name) });
        return (answer as Extract<ZipReply, { kind: 'read' }>).contents;
      },
      close: () => worker.terminate(),
    }),
    (error: unknown) => {
      worker.terminate();
      throw error;
    },
  );
}
