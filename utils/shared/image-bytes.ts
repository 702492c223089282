// Image bytes on their way from the page to the library: base64 for the JSON-only message channel,
// SHA-256 for de-duplication, and magic-byte sniffing for servers that do not say what they send.

type Base64Native = {
  toBase64?: (this: Uint8Array) => string;
};
type FromBase64Native = { fromBase64?: (base64: string) => Uint8Array };

// A multiple of 3 so that every chunk encodes to whole base64 quads and the pieces can be joined.
const CHUNK = 3 * 8192;

export function bytesToBase64(bytes: Uint8Array): string {
  const native = (bytes as Base64Native).toBase64;
  if (native) return native.call(bytes);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(btoa(String.fromCharCode(...bytes.subarray(i, i + CHUNK))));
  }
  return parts.join('');
}

/** Throws on malformed base64. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const native = (Uint8Array as FromBase64Native).fromBase64;
  if (native) return new Uint8Array(native(base64));
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Upper bound of the decoded size, without decoding. */
export function base64DecodedLength(base64: string): number {
  return Math.floor((base64.length * 3) / 4);
}

export async function sha256Hex(data: Uint8Array<ArrayBuffer> | string): Promise<string> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

function startsWith(bytes: Uint8Array, signature: number[], offset = 0): boolean {
  return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (s: string): number[] => Array.from(s, (c) => c.charCodeAt(0));

/** The image type the bytes announce, or undefined when they look like nothing we keep. */
export function sniffImageType(bytes: Uint8Array): string | undefined {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(bytes, ascii('ftypavif'), 4) || startsWith(bytes, ascii('ftypavis'), 4)) return 'image/avif';
  if (startsWith(bytes, ascii('BM'))) return 'image/bmp';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return 'image/x-icon';
  return undefined;
}

// Types that say nothing about the content, so the bytes decide. Any other non-image type (an HTML error
// page, a login redirect) is refused even if it happens to start like an image.
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/unknown']);

/** What a Content-Type header says: an image, nothing useful, or something that is not an image. */
export function contentTypeKind(declared: string | null | undefined): 'image' | 'untyped' | 'other' {
  const type = declared?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (type.startsWith('image/')) return 'image';
  return UNTYPED.has(type) ? 'untyped' : 'other';
}

/** The declared type when it is an image type; what the bytes say when none is declared; else undefined. */
export function imageTypeOf(declared: string | null | undefined, bytes: Uint8Array): string | undefined {
  const kind = contentTypeKind(declared);
  if (kind === 'image') return declared?.split(';')[0]?.trim().toLowerCase();
  return kind === 'untyped' ? sniffImageType(bytes) : undefined;
}
