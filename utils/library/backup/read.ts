// Reading a backup zip without trusting it. The directory is checked (names, sizes, count) before a single
// byte is inflated, and entries are then inflated in bounded batches: a zip bomb is refused by what it
// declares, and one that lies about its sizes cannot grow past them (fflate writes into a buffer of the
// declared size and drops the rest, which then fails its hash or its JSON parse).
import { strFromU8, unzipSync } from 'fflate';
import { formatBytes } from '../../shared/format';
import {
  type BackupEntry,
  BackupError,
  classifyEntry,
  MAX_ARTICLE_FILE_BYTES,
  MAX_BACKUP_BYTES,
  MAX_BACKUP_ENTRIES,
  MAX_BACKUP_IMAGE_BYTES,
  MAX_MANIFEST_BYTES,
} from './format';

export interface ZipEntry {
  name: string;
  /** Uncompressed size, as the zip directory declares it. */
  size: number;
  entry: BackupEntry;
}

const NOT_A_ZIP = 'The file is not a Coral backup: it is not a readable zip archive (or it is damaged or incomplete).';

const capFor = (entry: BackupEntry): number =>
  entry.kind === 'manifest'
    ? MAX_MANIFEST_BYTES
    : entry.kind === 'article'
      ? MAX_ARTICLE_FILE_BYTES
      : entry.kind === 'image'
        ? MAX_BACKUP_IMAGE_BYTES
        : 0;

/** fflate's own errors say "invalid zip data" and the like; a person needs to hear what that means. */
function unzip(
  data: Uint8Array,
  filter: (file: { name: string; size: number; originalSize: number; compression: number }) => boolean,
) {
  try {
    return unzipSync(data, { filter });
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(NOT_A_ZIP);
  }
}

interface DirectoryFile {
  name: string;
  size: number;
  originalSize: number;
  compression: number;
}

/** What a file of the directory is; throws for a name Coral never writes. */
function knownEntry(name: string): ZipEntry['entry'] {
  const entry = classifyEntry(name);
  if (entry) return entry;
  const shown = JSON.stringify(name.slice(0, 120));
  throw new BackupError(`The backup contains a file Coral never writes: ${shown}. Nothing was imported.`);
}

/** A file's compression and declared sizes, checked against its cap before anything is inflated. */
function checkStored({ name, size, originalSize, compression }: DirectoryFile, entry: ZipEntry['entry']): void {
  if (compression !== 0 && compression !== 8) {
    throw new BackupError(`is compressed with a method Coral does not read (${compression}).`, name);
  }
  const cap = capFor(entry);
  if (!(originalSize >= 0) || originalSize > cap) {
    throw new BackupError(
      `declares ${formatBytes(originalSize)}, over the ${formatBytes(cap)} limit for this file.`,
      name,
    );
  }
  if (compression === 0 && size !== originalSize) throw new BackupError('has inconsistent sizes.', name);
}

/** Every entry, checked against the format and the caps, from the central directory alone. */
export function readDirectory(data: Uint8Array): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  unzip(data, (file) => {
    const { name, originalSize } = file;
    const entry = knownEntry(name);
    if (names.has(name)) throw new BackupError('The backup lists this file twice.', name);
    names.add(name);
    if (names.size > MAX_BACKUP_ENTRIES) throw new BackupError(`The backup has more than ${MAX_BACKUP_ENTRIES} files.`);
    checkStored(file, entry);
    total += originalSize;
    if (total > MAX_BACKUP_BYTES) {
      throw new BackupError(`The backup unpacks to more than ${formatBytes(MAX_BACKUP_BYTES)}, the import limit.`);
    }
    if (entry.kind !== 'directory') entries.push({ name, size: originalSize, entry });
    return false;
  });
  if (entries.length === 0) throw new BackupError(NOT_A_ZIP);
  return entries;
}

const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Inflates the given entries a batch at a time (about 64 MiB each) and hands each to `use`, so the
 * whole content is never in memory twice. `use` may be async; batches wait for it.
 */
export async function inflateEach(
  data: Uint8Array,
  entries: readonly ZipEntry[],
  use: (entry: ZipEntry, bytes: Uint8Array<ArrayBuffer>) => void | Promise<void>,
): Promise<void> {
  for (let start = 0; start < entries.length; ) {
    const batch = new Map<string, ZipEntry>();
    let bytes = 0;
    for (; start < entries.length; start++) {
      const entry = entries[start] as ZipEntry;
      if (batch.size > 0 && bytes + entry.size > BATCH_BYTES) break;
      batch.set(entry.name, entry);
      bytes += entry.size;
    }
    const files = unzip(data, ({ name }) => batch.has(name));
    for (const [name, entry] of batch) {
      const content = files[name];
      if (!content) throw new BackupError('could not be read from the zip.', name);
      await use(entry, content as Uint8Array<ArrayBuffer>);
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
