// Reading a backup zip without trusting it: the directory is checked (names, sizes, count, overlaps)
// before a single byte is inflated (zip-reader.ts), and entries are then inflated in bounded batches, each
// stopped at the size it declares.
import { strFromU8 } from 'fflate';
import { BackupError } from './format';
import type { ZipEntry, ZipSource } from './zip-reader';

export type { ZipEntry, ZipSource } from './zip-reader';

const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Inflates the given entries a batch at a time (about 64 MiB each) and hands each to `use`, so the
 * whole content is never in memory twice. `use` may be async; batches wait for it.
 */
export async function inflateEach(
  source: ZipSource,
  entries: readonly ZipEntry[],
  use: (entry: ZipEntry, bytes: Uint8Array<ArrayBuffer>) => void | Promise<void>,
): Promise<void> {
  for (let start = 0; start < entries.length; ) {
    const batch: ZipEntry[] = [];
    let bytes = 0;
    for (; start < entries.length; start++) {
      const entry = entries[start] as ZipEntry;
      if (batch.length > 0 && bytes + entry.size > BATCH_BYTES) break;
      batch.push(entry);
      bytes += entry.size;
    }
    const contents = await source.read(batch);
    for (const [i, entry] of batch.entries()) {
      const content = contents[i];
      if (!content) throw new BackupError('could not be read from the zip.', entry.name);
      await use(entry, content);
    }
  }
}

/** UTF-8 JSON, or a BackupError naming the file. */
export function parseJson(bytes: Uint8Array, name: string): unknown {
  try {
    return JSON.parse(strFromU8(bytes));
  } catch {
    throw new BackupError('is not valid JSON.', name);
  }
}
