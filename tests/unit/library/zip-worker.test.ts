// @vitest-environment node
// The popup's side and the worker's side of zip reading, joined by a real MessageChannel: bytes and
// refusals cross intact, and a cancel ends the worker even while it is busy with an entry.
import { strToU8 } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { BackupError, ImportStopped } from '../../../utils/library/backup/format';
import type { ZipSource } from '../../../utils/library/backup/zip-reader';
import { openZipInWorker, type ZipWorker } from '../../../utils/library/backup/zip-worker-client';
import { type Port, serveZip } from '../../../utils/library/backup/zip-worker-protocol';
import { buildZip, deflated, inflatingZip, manifestFor } from '../../support/hostile-zip';

function channelWorker(open?: (file: Blob) => Promise<ZipSource>) {
  const { port1, port2 } = new MessageChannel();
  serveZip(port2 as unknown as Port, open);
  port1.start();
  port2.start();
  const terminate = vi.fn(() => {
    port1.close();
    port2.close();
  });
  const worker: ZipWorker = {
    postMessage: (message) => port1.postMessage(message),
    addEventListener: (type: string, listener: (event: never) => void) =>
      type === 'message' && port1.addEventListener('message', listener as (event: MessageEvent) => void),
    terminate,
  };
  return { worker, terminate };
}

describe('openZipInWorker', () => {
  it('lists and reads the entries, byte for byte', async () => {
    const text = '{"title":"中国数字时代"}'.repeat(1000);
    const zip = buildZip([manifestFor(1), deflated('articles/a1.json', strToU8(text))]);
    const { worker, terminate } = channelWorker();
    const source = await openZipInWorker(new Blob([zip]), { start: () => worker });
    expect(source.entries.map((e) => e.name)).toEqual(['coral-backup.json', 'articles/a1.json']);
    const [content] = await source.read(source.entries.slice(1));
    expect(new TextDecoder().decode(content)).toBe(text);
    source.close();
    expect(terminate).toHaveBeenCalled();
  });

  it('brings a refusal back as the same BackupError', async () => {
    const { worker } = channelWorker();
    const source = await openZipInWorker(new Blob([inflatingZip({ inflateTo: 1024 * 1024 })]), { start: () => worker });
    const error = await source.read(source.entries.slice(1, 2)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupError);
    expect(error).toMatchObject({
      message: 'articles/a0.json: inflates past the size it declares (a zip bomb?).',
      file: 'articles/a0.json',
      failure: 'refused',
    });
    const overlapping = new Blob([inflatingZip({ overlap: true, inflateTo: 1024 })]);
    const refused = await openZipInWorker(overlapping, { start: () => channelWorker().worker }).catch(
      (e: unknown) => e,
    );
    expect((refused as Error).message).toMatch(/shares its bytes/);
  });

  it('a cancel ends a worker that is busy with an entry, and the read fails as cancelled', async () => {
    const stuck: ZipSource = {
      entries: [{ name: 'articles/a1.json', size: 1, entry: { kind: 'article', id: 'a1' } }],
      read: () => new Promise(() => {}),
      close: () => {},
    };
    const { worker, terminate } = channelWorker(async () => stuck);
    const controller = new AbortController();
    const source = await openZipInWorker(new Blob(['x']), { start: () => worker, signal: controller.signal });
    const reading = source.read(source.entries).catch((e: unknown) => e);
    controller.abort();
    const error = await reading;
    expect(error).toBeInstanceOf(ImportStopped);
    expect(error).toMatchObject({ failure: 'cancelled', imported: 0 });
    expect(terminate).toHaveBeenCalled();
  });

  it('a worker that cannot start fails the import instead of leaving it waiting', async () => {
    let fail: ((event: Event) => void) | undefined;
    const worker: ZipWorker = {
      postMessage: () => {},
      addEventListener: (type: string, listener: (event: never) => void) => {
        if (type === 'error') fail = listener as (event: Event) => void;
      },
      terminate: () => {},
    };
    const opening = openZipInWorker(new Blob(['x']), { start: () => worker }).catch((e: unknown) => e);
    fail?.(new Event('error'));
    expect(await opening).toMatchObject({ failure: 'not-stored' });
  });
});
