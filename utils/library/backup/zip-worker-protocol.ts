// What the popup and the zip worker say to each other, and the worker's side of it as a plain function
// over a port, so a unit test can run it over a MessageChannel without a browser.
import { BackupError, type BackupFailure } from './format';
import { openZip, type ZipEntry, type ZipSource } from './zip-reader';

export type ZipRequest = { kind: 'open'; file: Blob } | { kind: 'read'; id: number; names: string[] };

export interface SentError {
  message: string;
  file?: string;
  failure: BackupFailure;
}

export type ZipReply =
  | { kind: 'opened'; entries: ZipEntry[] }
  | { kind: 'read'; id: number; contents: Uint8Array<ArrayBuffer>[] }
  | { kind: 'failed'; id?: number; error: SentError };

/** The part of a Worker, or of a MessagePort, that the two sides use. */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** A BackupError as plain data (errors do not cross to a worker and back with their fields). */
export function sendError(error: unknown): SentError {
  if (!(error instanceof BackupError)) {
    return { message: 'could not be read (the browser stopped reading it).', failure: 'refused' };
  }
  const prefix = error.file ? `${error.file}: ` : '';
  const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return { message, failure: error.failure, ...(error.file ? { file: error.file } : {}) };
}

export const receiveError = ({ message, file, failure }: SentError): BackupError =>
  new BackupError(message, file, failure);

/** The worker's side: opens the zip it is sent and reads the entries it is asked for, one request at a time. */
export function serveZip(port: Port, open: (file: Blob) => Promise<ZipSource> = openZip): void {
  let source: ZipSource | undefined;
  let queue = Promise.resolve();
  const handle = async (request: ZipRequest): Promise<void> => {
    const id = request.kind === 'read' ? request.id : undefined;
    try {
      if (request.kind === 'open') {
        source = await open(request.file);
        port.postMessage({ kind: 'opened', entries: source.entries } satisfies ZipReply);
        return;
      }
      if (!source) throw new BackupError('could not be read (no file is open).');
      const wanted = request.names.map((name) => ({ name }) as ZipEntry);
      const contents = await source.read(wanted);
      const reply: ZipReply = { kind: 'read', id: request.id, contents };
      port.postMessage(
        reply,
        contents.map((c) => c.buffer),
      );
    } catch (error) {
      port.postMessage({
        kind: 'failed',
        ...(id === undefined ? {} : { id }),
        error: sendError(error),
      } satisfies ZipReply);
    }
  };
  port.addEventListener('message', (event) => {
    queue = queue.then(() => handle(event.data as ZipRequest));
  });
}
