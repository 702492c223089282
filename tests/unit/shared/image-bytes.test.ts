// @vitest-environment node
import { Buffer } from 'node:buffer';
import { describe, expect, it } from 'vitest';
import {
  base64DecodedLength,
  base64ToBytes,
  bytesToBase64,
  contentTypeKind,
  imageTypeOf,
  sha256Hex,
  sniffImageType,
} from '../../../utils/shared/image-bytes';

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13];

function bytesOf(length: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = (i * 31 + 7) % 256;
  return bytes;
}

describe('base64', () => {
  it.each([0, 1, 2, 3, 255, 24575, 24576, 24577, 100_003])('round-trips %i bytes and agrees with Node', (length) => {
    const bytes = bytesOf(length);
    const base64 = bytesToBase64(bytes);
    expect(base64).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(base64)).toEqual(bytes);
    expect(base64DecodedLength(base64)).toBeGreaterThanOrEqual(length);
    expect(base64DecodedLength(base64)).toBeLessThanOrEqual(length + 2);
  });

  it('keeps every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(base64ToBytes(bytesToBase64(all))).toEqual(all);
  });

  it('throws on data that is not base64', () => {
    expect(() => base64ToBytes('not base64 at all!')).toThrow();
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector', async () => {
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(await sha256Hex('abc'));
  });
});

describe('image types', () => {
  it('sniffs common formats from magic bytes', () => {
    const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
    expect(sniffImageType(Uint8Array.from(PNG))).toBe('image/png');
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(Uint8Array.from(ascii('GIF89a..')))).toBe('image/gif');
    expect(sniffImageType(Uint8Array.from(ascii('RIFF\0\0\0\0WEBPVP8 ')))).toBe('image/webp');
    expect(sniffImageType(Uint8Array.from(ascii('\0\0\0\x1cftypavif')))).toBe('image/avif');
    expect(sniffImageType(Uint8Array.from(ascii('<!doctype html>')))).toBeUndefined();
    expect(sniffImageType(new Uint8Array())).toBeUndefined();
  });

  it('trusts image/* headers, sniffs untyped ones and refuses others', () => {
    const png = Uint8Array.from(PNG);
    expect(contentTypeKind('image/jpeg; charset=binary')).toBe('image');
    expect(contentTypeKind(null)).toBe('untyped');
    expect(contentTypeKind('application/octet-stream')).toBe('untyped');
    expect(contentTypeKind('text/html; charset=utf-8')).toBe('other');
    expect(imageTypeOf('Image/JPEG; q=1', png)).toBe('image/jpeg');
    expect(imageTypeOf(undefined, png)).toBe('image/png');
    expect(imageTypeOf('application/octet-stream', png)).toBe('image/png');
    expect(imageTypeOf('application/octet-stream', bytesOf(16))).toBeUndefined();
    expect(imageTypeOf('text/html', png)).toBeUndefined();
  });
});
