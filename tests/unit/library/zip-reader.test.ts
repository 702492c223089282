// @vitest-environment node
// The backup zip reader against files that lie: each is refused by its directory or stopped at the size
// it declares, and a huge file is read in slices, never whole.
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { BackupError, MAX_BACKUP_BYTES } from '../../../utils/library/backup/format';
import { inflateEach } from '../../../utils/library/backup/read';
import { readCentralRecords, readEndRecord } from '../../../utils/library/backup/zip-directory';
import { MAX_ZIP_FILE_BYTES, openZip } from '../../../utils/library/backup/zip-reader';
import { buildZip, deflated, inflatingZip, manifestFor, type RawEntry, stored } from '../../support/hostile-zip';

const blobOf = (bytes: Uint8Array<ArrayBuffer>): Blob => new Blob([bytes]);

async function refusal(bytes: Uint8Array<ArrayBuffer> | Blob, read = true): Promise<BackupError> {
  const error = await (async () => {
    const source = await openZip(bytes instanceof Blob ? bytes : blobOf(bytes));
    if (read) await source.read(source.entries);
  })().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(BackupError);
  return error as BackupError;
}

const article = (i: number, text = `{"n":${i}}`): RawEntry => deflated(`articles/a${i}.json`, strToU8(text));

describe('openZip', () => {
  it('reads an honest zip: names, declared sizes and the exact bytes, stored and deflated', async () => {
    const long = 'x'.repeat(200_000);
    const source = await openZip(
      blobOf(buildZip([manifestFor(2), article(1, long), stored('articles/a2.json', '[]')])),
    );
    expect(source.entries.map(({ name, size }) => [name, size])).toEqual([
      ['coral-backup.json', expect.any(Number)],
      ['articles/a1.json', 200_000],
      ['articles/a2.json', 2],
    ]);
    const texts: string[] = [];
    await inflateEach(source, source.entries.slice(1), (_, bytes) => void texts.push(new TextDecoder().decode(bytes)));
    expect(texts).toEqual([long, '[]']);
  });

  it('refuses entries that inflate past what they declare, at the first step, not after inflating them', async () => {
    const error = await refusal(inflatingZip({ entries: 8, inflateTo: 16 * 1024 * 1024 }));
    expect(error.message).toBe('articles/a0.json: inflates past the size it declares (a zip bomb?).');
  });

  it('refuses entries that inflate to less than they declare', async () => {
    const short = { ...article(1, 'short'), size: 50 };
    expect((await refusal(buildZip([manifestFor(1), short]))).message).toMatch(/a different size than it declares/);
  });

  it('refuses overlapping entries before inflating anything', async () => {
    const error = await refusal(inflatingZip({ entries: 8, inflateTo: 1024, overlap: true }), false);
    expect(error.message).toMatch(/^articles\/a\d\.json: shares its bytes with another file/);
  });

  it('refuses a size over the cap for its kind of file, from the directory alone', async () => {
    const huge = { ...article(1), size: 300 * 1024 * 1024 };
    expect((await refusal(buildZip([manifestFor(1), huge]), false)).message).toMatch(/declares 300 MB.*limit/);
  });

  it('refuses a local header that disagrees with the directory', async () => {
    const renamed = { ...article(1), localName: 'articles/zz.json' };
    expect((await refusal(buildZip([manifestFor(1), renamed]))).message).toMatch(/local header that disagrees/);
    // A local header whose name is longer than the directory's pushes its data past where the entry must end.
    const longer = { ...article(1), localName: `articles/a1.json${'x'.repeat(40)}` };
    const next = stored('articles/a2.json', '{}');
    expect((await refusal(buildZip([manifestFor(2), longer, next]))).message).toMatch(/disagrees|shares its bytes/);
  });

  it('refuses a truncated file, and damaged compressed data', async () => {
    const whole = buildZip([manifestFor(1), article(1, 'y'.repeat(5000))]);
    for (const cut of [10, whole.length / 2, whole.length - 1]) {
      expect((await refusal(whole.slice(0, Math.floor(cut)))).message).toMatch(/not a readable zip/);
    }
    const damaged = { ...article(1, 'z'.repeat(5000)) };
    damaged.data = damaged.data.map((byte, i) => (i > 2 ? byte ^ 0x5a : byte));
    expect((await refusal(buildZip([manifestFor(1), damaged]))).message).toMatch(/damaged|different size|past/);
  });

  it('refuses a directory with more entries than allowed, or one that ends early', () => {
    const zip = buildZip([manifestFor(3), article(1), article(2), article(3)]);
    const end = readEndRecord(zip.subarray(zip.length - 200), zip.length);
    const directory = zip.subarray(end.directoryOffset, end.directoryOffset + end.directorySize);
    expect(readCentralRecords(directory, end, 4)).toHaveLength(4);
    expect(() => readCentralRecords(directory, end, 3)).toThrow(/more than 3 files/);
    expect(() => readCentralRecords(directory.subarray(0, 60), end, 4)).toThrow(/not a readable zip/);
  });

  it('refuses a file over the import limit without reading it', async () => {
    let reads = 0;
    const big = new (class extends Blob {
      override get size() {
        return MAX_ZIP_FILE_BYTES + 1;
      }
      override slice(): Blob {
        reads++;
        return new Blob([]);
      }
    })();
    expect((await refusal(big, false)).message).toMatch(/larger than a backup can be/);
    expect(reads).toBe(0);
  });

  it('reads a 2 GB file in slices of at most 8 MiB, never whole', async () => {
    const base = MAX_BACKUP_BYTES;
    const zip = buildZip([manifestFor(1), article(1, '{"honest":true}')], base);
    const total = base + zip.length;
    const slices: number[] = [];
    // Zeros up to `base`, then the zip: only the slices asked for are ever made.
    class SparseBlob extends Blob {
      constructor(
        private readonly from = 0,
        private readonly to = total,
      ) {
        super([]);
      }
      override get size() {
        return this.to - this.from;
      }
      override slice(start = 0, end = this.size): Blob {
        const a = this.from + start;
        const b = this.from + Math.min(end, this.size);
        slices.push(b - a);
        const bytes = new Uint8Array(b - a);
        const zipFrom = Math.max(a, base);
        if (b > base) bytes.set(zip.subarray(zipFrom - base, b - base), zipFrom - a);
        return new Blob([bytes]);
      }
    }
    const source = await openZip(new SparseBlob());
    const [, content] = await source.read(source.entries);
    expect(new TextDecoder().decode(content)).toBe('{"honest":true}');
    expect(Math.max(...slices)).toBeLessThanOrEqual(8 * 1024 * 1024);
  });
});
