// Zips built byte by byte, so a test can make one lie in any way a hostile file could: sizes that are
// not the truth, entries that share their bytes, local headers that disagree with the directory.
import { deflateSync, strToU8 } from 'fflate';

export interface RawEntry {
  name: string;
  /** The bytes stored (already compressed when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** The uncompressed size the directory (and local header) declares. */
  size: number;
  /** The name the local header gives, when it should disagree with the directory. */
  localName?: string;
  /** Point this entry's directory record at the local header of entry `shareWith` instead of its own. */
  shareWith?: number;
}

const u16 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff];
const u32 = (n: number): number[] => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

function header(signature: number, entry: RawEntry, name: Uint8Array): number[] {
  // version, flags, method, time, date, crc (not checked by the reader), sizes, name length, extra length
  return [
    ...u32(signature),
    ...u16(20),
    ...u16(0),
    ...u16(entry.method),
    ...u16(0),
    ...u16(0x21),
    ...u32(0),
    ...u32(entry.data.length),
    ...u32(entry.size),
    ...u16(name.length),
    ...u16(0),
  ];
}

/** A zip of `entries`, as if `base` bytes came before it in the file (offsets count from the file's start). */
export function buildZip(entries: RawEntry[], base = 0): Uint8Array<ArrayBuffer> {
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = 0;
  for (const entry of entries) {
    offsets.push(base + at);
    if (entry.shareWith !== undefined) continue;
    const local = new Uint8Array(header(0x04034b50, entry, strToU8(entry.localName ?? entry.name)));
    const name = strToU8(entry.localName ?? entry.name);
    parts.push(local, name, entry.data);
    at += local.length + name.length + entry.data.length;
  }
  const directoryStart = at;
  entries.forEach((entry, i) => {
    const name = strToU8(entry.name);
    const offset = offsets[entry.shareWith ?? i] as number;
    const fixed = header(0x02014b50, entry, name);
    // The central record has "version made by" before the local fields, and comment, disk, attributes, offset after.
    const central = new Uint8Array([
      ...fixed.slice(0, 4),
      ...u16(20),
      ...fixed.slice(4),
      ...u16(0),
      ...u16(0),
      ...u16(0),
      ...u32(0),
      ...u32(offset),
    ]);
    parts.push(central, name);
    at += central.length + name.length;
  });
  const count = entries.length;
  const end = [...u32(0x06054b50), 0, 0, 0, 0, ...u16(count), ...u16(count)];
  parts.push(new Uint8Array([...end, ...u32(at - directoryStart), ...u32(base + directoryStart), ...u16(0)]));
  const out = new Uint8Array(at + 22);
  let written = 0;
  for (const part of parts) {
    out.set(part, written);
    written += part.length;
  }
  return out;
}

export const stored = (name: string, text: string): RawEntry => {
  const data = strToU8(text);
  return { name, data, method: 0, size: data.length };
};

export const deflated = (name: string, bytes: Uint8Array, size = bytes.length): RawEntry => ({
  name,
  data: deflateSync(bytes),
  method: 8,
  size,
});

export const manifestFor = (articleCount: number): RawEntry =>
  stored(
    'coral-backup.json',
    JSON.stringify({ format: 'coral-backup', formatVersion: 1, exportedAt: 0, app: 'Coral', articleCount, images: {} }),
  );

/**
 * The bomb: a manifest and `entries` articles that each declare 100 bytes but inflate to
 * `inflateTo` bytes of zeros (64 MiB each by default: 512 MiB in all from about half a megabyte).
 * With `overlap`, every article's record points at the first one's bytes.
 */
export function inflatingZip({
  entries = 8,
  inflateTo = 64 * 1024 * 1024,
  overlap = false,
} = {}): Uint8Array<ArrayBuffer> {
  const bomb = deflateSync(new Uint8Array(inflateTo), { level: 9 });
  const articles: RawEntry[] = [];
  for (let i = 0; i < entries; i++) {
    articles.push({
      name: `articles/a${i}.json`,
      data: bomb,
      method: 8,
      size: 100,
      ...(overlap && i > 0 ? { shareWith: 1 } : {}),
    });
  }
  return buildZip([manifestFor(entries), ...articles]);
}
