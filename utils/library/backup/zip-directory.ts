// The zip's own table of contents, read without trusting it: the end record, then every central record,
// then a check that no two entries share bytes. A bomb made of entries that point at the same compressed
// data (or at the directory itself) is refused here, before a single byte is inflated.
import { BackupError } from './format';

/** Where an entry is and what the directory says about it. */
export interface ZipRecord {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size, as declared. */
  size: number;
  /** Offset of the local header. */
  offset: number;
  /** Where the next entry (or the directory) starts: this entry's bytes must end by then. */
  limit: number;
}

export interface EndRecord {
  count: number;
  directoryOffset: number;
  directorySize: number;
}

export const NOT_A_ZIP =
  'The file is not a Coral backup: it is not a readable zip archive (or it is damaged or incomplete).';
const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
export const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
export const LOCAL_SIZE = 30;
/** The end record sits in the last 22 bytes plus at most a 65,535-byte comment. */
export const TAIL_BYTES = EOCD_SIZE + 0xffff;

const u16 = (b: Uint8Array, i: number): number => (b[i] as number) | ((b[i + 1] as number) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) | (u16(b, i + 2) << 16)) >>> 0;

export { u16, u32 };

/** The end record, from the file's last bytes (`tail`, which end at `fileSize`). */
export function readEndRecord(tail: Uint8Array, fileSize: number): EndRecord {
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (u32(tail, i) !== EOCD) continue;
    const disk = u16(tail, i + 4);
    const count = u16(tail, i + 10);
    const directorySize = u32(tail, i + 12);
    const directoryOffset = u32(tail, i + 16);
    // Zip64 (sizes of 0xffffffff) and split archives are nothing Coral writes.
    if (disk !== 0 || count !== u16(tail, i + 8) || directoryOffset === 0xffffffff) continue;
    const at = fileSize - tail.length + i;
    if (directoryOffset + directorySize !== at) continue;
    return { count, directoryOffset, directorySize };
  }
  throw new BackupError(NOT_A_ZIP);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function nameOf(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new BackupError('The backup has a file whose name is not readable text.');
  }
}

/** Every central record in `directory` (the directory's bytes), in the directory's order. */
export function readCentralRecords(directory: Uint8Array, end: EndRecord, maxEntries: number): ZipRecord[] {
  if (end.count > maxEntries) throw new BackupError(`The backup has more than ${maxEntries} files.`);
  const records: ZipRecord[] = [];
  let at = 0;
  for (let n = 0; n < end.count; n++) {
    if (at + CENTRAL_SIZE > directory.length || u32(directory, at) !== CENTRAL) throw new BackupError(NOT_A_ZIP);
    const nameLength = u16(directory, at + 28);
    const next = at + CENTRAL_SIZE + nameLength + u16(directory, at + 30) + u16(directory, at + 32);
    if (next > directory.length) throw new BackupError(NOT_A_ZIP);
    records.push({
      name: nameOf(directory.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength)),
      flags: u16(directory, at + 8),
      method: u16(directory, at + 10),
      compressedSize: u32(directory, at + 20),
      size: u32(directory, at + 24),
      offset: u32(directory, at + 42),
      limit: end.directoryOffset,
    });
    at = next;
  }
  if (at !== directory.length) throw new BackupError(NOT_A_ZIP);
  return records;
}

/**
 * Sets each record's `limit` and refuses records whose bytes overlap another's or the directory: the
 * smallest an entry can be is its local header, its name and its compressed data.
 */
export function refuseOverlaps(records: ZipRecord[], directoryOffset: number): void {
  const byOffset = [...records].sort((a, b) => a.offset - b.offset);
  for (let i = 0; i < byOffset.length; i++) {
    const record = byOffset[i] as ZipRecord;
    record.limit = byOffset[i + 1]?.offset ?? directoryOffset;
    const minimumEnd = record.offset + LOCAL_SIZE + record.name.length + record.compressedSize;
    if (minimumEnd > record.limit) {
      throw new BackupError('shares its bytes with another file of the zip (a zip bomb?).', record.name);
    }
  }
}

/** The data's start, from the local header (`local`, its first bytes), which must agree with the directory. */
export function dataStart(local: Uint8Array, record: ZipRecord): number {
  const mismatch = () => new BackupError('has a local header that disagrees with the zip directory.', record.name);
  if (local.length < LOCAL_SIZE || u32(local, 0) !== LOCAL) throw mismatch();
  const nameLength = u16(local, 26);
  const start = LOCAL_SIZE + nameLength + u16(local, 28);
  if (u16(local, 8) !== record.method || local.length < LOCAL_SIZE + nameLength) throw mismatch();
  if (nameOf(local.subarray(LOCAL_SIZE, LOCAL_SIZE + nameLength)) !== record.name) throw mismatch();
  // With bit 3 the sizes follow the data (and may be zero here); without it they must be the directory's.
  const deferred = (u16(local, 6) & 8) !== 0;
  const sizes = [u32(local, 18), u32(local, 22)];
  const agrees = (sizes[0] === record.compressedSize && sizes[1] === record.size) || (deferred && sizes[0] === 0);
  if (!agrees) throw mismatch();
  if (record.offset + start + record.compressedSize > record.limit) throw mismatch();
  return record.offset + start;
}
