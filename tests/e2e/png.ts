// Reads the PNG screenshots browsers write (8-bit RGB or RGBA, not interlaced) into pixels, so two
// pictures of the same box can be compared with a tolerance for anti-aliasing.
import { inflateSync } from 'node:zlib';

export interface Pixels {
  width: number;
  height: number;
  /** RGBA, four bytes a pixel. */
  data: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** One row back from PNG's per-row filter, given the row above (already decoded). */
function unfilterRow(type: number, row: Uint8Array, above: Uint8Array | null, channels: number): Uint8Array {
  const out = new Uint8Array(row.length);
  for (let x = 0; x < row.length; x++) {
    const left = x >= channels ? (out[x - channels] ?? 0) : 0;
    const up = above?.[x] ?? 0;
    const upLeft = x >= channels ? (above?.[x - channels] ?? 0) : 0;
    const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][type] ?? 0;
    out[x] = ((row[x] ?? 0) + predictor) & 0xff;
  }
  return out;
}

function unfilter(raw: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels;
  const out = new Uint8Array(stride * height);
  let above: Uint8Array | null = null;
  for (let y = 0; y < height; y++) {
    const start = y * (stride + 1);
    const row = unfilterRow(raw[start] ?? 0, raw.subarray(start + 1, start + 1 + stride), above, channels);
    out.set(row, y * stride);
    above = row;
  }
  return out;
}

interface Header {
  width: number;
  height: number;
  channels: number;
}

function readHeader(body: Buffer): Header {
  if (body[8] !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs');
  const channels = body[9] === 6 ? 4 : body[9] === 2 ? 3 : 0;
  if (!channels) throw new Error('only RGB and RGBA PNGs');
  return { width: body.readUInt32BE(0), height: body.readUInt32BE(4), channels };
}

function toRgba(pixels: Uint8Array, { width, height, channels }: Header): Uint8Array {
  if (channels === 4) return pixels;
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba.set(pixels.subarray(i * 3, i * 3 + 3), i * 4);
    rgba[i * 4 + 3] = 255;
  }
  return rgba;
}

export function decodePng(bytes: Uint8Array): Pixels {
  const png = Buffer.from(bytes);
  let header: Header | undefined;
  const data: Buffer[] = [];
  for (let offset = 8; offset < png.length; ) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = readHeader(body);
    if (type === 'IDAT') data.push(body);
    offset += 12 + length;
  }
  if (!header) throw new Error('not a PNG');
  const pixels = unfilter(inflateSync(Buffer.concat(data)), header.width, header.height, header.channels);
  return { width: header.width, height: header.height, data: toRgba(pixels, header) };
}

/** The share of pixels (0 to 1) whose colour differs by more than `tolerance` in any channel. */
export function differingShare(a: Pixels, b: Pixels, tolerance = 24): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += 4) {
    for (let channel = 0; channel < 4; channel++) {
      if (Math.abs((a.data[i + channel] ?? 0) - (b.data[i + channel] ?? 0)) > tolerance) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}
