// A backup zip read from a Blob in slices (an honest 2 GB file is never one ArrayBuffer), each entry
// inflated in small steps and stopped at the size it declares. This runs in a Web Worker in the popup
// (zip-worker.ts), so even the work of refusing a hostile file never holds up the page.
import { Inflate } from 'fflate';
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
import {
  dataStart,
  LOCAL_SIZE,
  NOT_A_ZIP,
  readCentralRecords,
  readEndRecord,
  refuseOverlaps,
  TAIL_BYTES,
  type ZipRecord,
} from './zip-directory';

export interface ZipEntry {
  name: string;
  /** Uncompressed size, as the zip directory declares it. */
  size: number;
  entry: BackupEntry;
}

/** A zip whose directory has been checked: its entries, and a way to read them. */
export interface ZipSource {
  entries: ZipEntry[];
  /** The entries' contents, in the order asked; each exactly the size its directory record declares. */
  read(entries: readonly ZipEntry[]): Promise<Uint8Array<ArrayBuffer>[]>;
  close(): void;
}

/** The zip of a backup at the cap is a little larger than the cap: directory and headers. */
export const MAX_ZIP_FILE_BYTES = MAX_BACKUP_BYTES + 64 * 1024 * 1024;
const WINDOW = 8 * 1024 * 1024;
/** Compressed bytes per inflate step: deflate can grow 1 KiB to about 1 MiB, so one step makes at most ~16 MiB. */
const STEP = 16 * 1024;

/** Reads ranges of a Blob through one cached window, so entries read in order cost one slice per 8 MiB. */
export class SliceReader {
  private start = 0;
  private bytes = new Uint8Array(0);
  constructor(private readonly blob: Blob) {}

  async range(start: number, end: number): Promise<Uint8Array> {
    if (start < 0 || end > this.blob.size || end < start) throw new BackupError(NOT_A_ZIP);
    if (start < this.start || end > this.start + this.bytes.length) {
      const stop = Math.min(this.blob.size, Math.max(end, start + WINDOW));
      this.bytes = new Uint8Array(await this.blob.slice(start, stop).arrayBuffer());
      this.start = start;
    }
    return this.bytes.subarray(start - this.start, end - this.start);
  }
}

const capFor = (entry: BackupEntry): number =>
  entry.kind === 'manifest'
    ? MAX_MANIFEST_BYTES
    : entry.kind === 'article'
      ? MAX_ARTICLE_FILE_BYTES
      : entry.kind === 'image'
        ? MAX_BACKUP_IMAGE_BYTES
        : 0;

/** What a file of the directory is; throws for a name Coral never writes. */
function knownEntry(name: string): BackupEntry {
  const entry = classifyEntry(name);
  if (entry) return entry;
  const shown = JSON.stringify(name.slice(0, 120));
  throw new BackupError(`The backup contains a file Coral never writes: ${shown}. Nothing was imported.`);
}

/** A record's method, flags and declared sizes, checked against its cap before anything is inflated. */
function checkRecord(record: ZipRecord, entry: BackupEntry): void {
  const { name, method, size, compressedSize } = record;
  if (method !== 0 && method !== 8) {
    throw new BackupError(`is compressed with a method Coral does not read (${method}).`, name);
  }
  if ((record.flags & 1) !== 0) throw new BackupError('is encrypted.', name);
  const cap = capFor(entry);
  if (size > cap) {
    throw new BackupError(`declares ${formatBytes(size)}, over the ${formatBytes(cap)} limit for this file.`, name);
  }
  if (method === 0 && compressedSize !== size) throw new BackupError('has inconsistent sizes.', name);
}

/** Every entry, checked against the format and the caps, from the directory alone. */
function checkDirectory(records: ZipRecord[]): ZipEntry[] {
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let total = 0;
  for (const record of records) {
    const entry = knownEntry(record.name);
    if (names.has(record.name)) throw new BackupError('The backup lists this file twice.', record.name);
    names.add(record.name);
    checkRecord(record, entry);
    total += record.size;
    if (total > MAX_BACKUP_BYTES) {
      throw new BackupError(`The backup unpacks to more than ${formatBytes(MAX_BACKUP_BYTES)}, the import limit.`);
    }
    if (entry.kind !== 'directory') entries.push({ name: record.name, size: record.size, entry });
  }
  if (entries.length === 0) throw new BackupError(NOT_A_ZIP);
  return entries;
}

const overflow = (name: string) => new BackupError('inflates past the size it declares (a zip bomb?).', name);

/** Inflates `compressed` in small steps into exactly `size` bytes, refusing it the moment it grows past them. */
async function inflateCapped(reader: SliceReader, start: number, record: ZipRecord): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Uint8Array(record.size);
  if (record.method === 0) {
    out.set(await reader.range(start, start + record.size));
    return out;
  }
  let written = 0;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    if (written + chunk.length > out.length) throw overflow(record.name);
    out.set(chunk, written);
    written += chunk.length;
    ended ||= final;
  });
  const end = start + record.compressedSize;
  try {
    let at = start;
    do {
      const stop = Math.min(end, at + STEP);
      inflate.push(await reader.range(at, stop), stop === end);
      at = stop;
    } while (at < end);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError('is damaged: it does not inflate.', record.name);
  }
  if (!ended || written !== out.length) {
    throw new BackupError('inflates to a different size than it declares.', record.name);
  }
  return out;
}

/** Opens a zip held in `blob`: reads and checks its directory, and reads entries on demand. */
export async function openZip(blob: Blob): Promise<ZipSource> {
  if (blob.size > MAX_ZIP_FILE_BYTES) throw new BackupError('The file is larger than a backup can be.');
  if (blob.size < 22) throw new BackupError(NOT_A_ZIP);
  const reader = new SliceReader(blob);
  const tailStart = Math.max(0, blob.size - TAIL_BYTES);
  const end = readEndRecord(await reader.range(tailStart, blob.size), blob.size);
  const directory = await reader.range(end.directoryOffset, end.directoryOffset + end.directorySize);
  const records = readCentralRecords(directory, end, MAX_BACKUP_ENTRIES);
  refuseOverlaps(records, end.directoryOffset);
  const entries = checkDirectory(records);
  const byName = new Map(records.map((record) => [record.name, record]));
  const readOne = async ({ name }: ZipEntry) => {
    const record = byName.get(name);
    if (!record) throw new BackupError('could not be read from the zip.', name);
    const headerEnd = Math.min(record.limit, record.offset + LOCAL_SIZE + 0xffff * 2);
    const start = dataStart(await reader.range(record.offset, headerEnd), record);
    return inflateCapped(reader, start, record);
  };
  return {
    entries,
    read: async (wanted) => {
      const contents: Uint8Array<ArrayBuffer>[] = [];
      for (const entry of wanted) contents.push(await readOne(entry));
      return contents;
    },
    close: () => {},
  };
}
