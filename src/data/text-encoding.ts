/**
 * Text encodings a CSV file may be read in, and a streaming decoder for each that refuses bytes
 * the encoding cannot hold (as pandas raises UnicodeDecodeError) instead of replacing them:
 * UTF-8 (the default; strict, through a fatal TextDecoder), latin1 (ISO-8859-1: each byte is the
 * code point of its value) and windows-1252 (Excel's "ANSI" on Western Windows).
 */
import { DataFormatError } from './errors.js';

/** The encodings accepted (CsvOptions.encoding, --encoding). */
export const TEXT_ENCODINGS = ['utf-8', 'latin1', 'windows-1252'] as const;

/** One of TEXT_ENCODINGS. */
export type TextEncodingName = (typeof TEXT_ENCODINGS)[number];

/** Decodes a byte stream chunk by chunk (chunks may end inside a character). */
export interface StreamDecoder {
  /** The text of `bytes`, whose first byte is at offset `at` of the input (for the error); `last` flushes. */
  decode(bytes: Uint8Array, at: number, last?: boolean): string;
}

/** The one-byte encodings, which read any bytes. */
export type OneByteEncodingName = Exclude<TextEncodingName, 'utf-8'>;

/**
 * For UTF-8 input that may turn out to be in a one-byte encoding (a file read against a model
 * whose training file was latin1): when bytes that are not UTF-8 come before any other character
 * beyond ASCII, the decoder reads the whole input in `encoding` instead (what came before was
 * ASCII, the same in both) and calls `onSwitch` once with where the bytes were. After a UTF-8
 * character beyond ASCII (or a UTF-8 byte order mark) the input is UTF-8, and a bad byte is refused.
 */
export interface EncodingFallback {
  readonly encoding: OneByteEncodingName;
  readonly onSwitch: (where: string) => void;
}

const BOM = [0xef, 0xbb, 0xbf];
const BEYOND_ASCII = /[^\u0000-\u007f]/;

/** A decoder for `encoding`; `file` names the input in the error for bytes that are not UTF-8. */
export function streamDecoder(encoding: TextEncodingName, file: string, fallback?: EncodingFallback): StreamDecoder {
  if (encoding === 'latin1') return { decode: (bytes, at) => singleByte(withoutByteOrderMark(bytes, at), undefined) };
  if (encoding === 'windows-1252') return { decode: (bytes, at) => singleByte(withoutByteOrderMark(bytes, at), WINDOWS_1252_HIGH) };
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // The first bytes of a character the last chunk cut, which the decoder holds: an error may sit there.
  let held: Uint8Array = new Uint8Array(0);
  // Whether the input has shown itself UTF-8 (a character beyond ASCII, or a byte order mark): no switch after that.
  let utf8Seen = false;
  let bomBytes = 0;
  let switched: StreamDecoder | undefined;
  return {
    decode(bytes, at, last = false) {
      if (switched !== undefined) return switched.decode(bytes, at, last);
      // A byte order mark (which the decoder drops from the text) says UTF-8, whatever chunks cut it.
      for (let i = 0; at + i < 3 && i < bytes.length; i++) if (bytes[i] === BOM[at + i]) bomBytes++;
      if (bomBytes === 3) utf8Seen = true;
      try {
        const text = decoder.decode(bytes, { stream: !last });
        held = last ? new Uint8Array(0) : cutCharacter(held, bytes);
        if (fallback !== undefined && !utf8Seen && BEYOND_ASCII.test(text)) utf8Seen = true;
        return text;
      } catch {
        const joined = new Uint8Array(held.length + bytes.length);
        joined.set(held);
        joined.set(bytes, held.length);
        const bad = firstInvalid(joined);
        const offset = at - held.length + bad;
        const where = bad < joined.length ? `byte 0x${joined[bad]!.toString(16).toUpperCase().padStart(2, '0')} at byte ${offset}` : `a character cut off at byte ${offset}`;
        if (fallback !== undefined && !utf8Seen && asciiBefore(joined, bad)) {
          switched = streamDecoder(fallback.encoding, file);
          fallback.onSwitch(where);
          return switched.decode(joined, at - held.length, last);
        }
        throw new DataFormatError({ file }, `is not UTF-8 (${where}); save it as UTF-8, or pass --encoding latin1 or --encoding windows-1252`);
      }
    },
  };
}

/**
 * Whether the bytes before the bad sequence at `bad` are all ASCII; for a character cut off at
 * the end (`bad` = bytes.length), the bytes before its lead byte.
 */
function asciiBefore(bytes: Uint8Array, bad: number): boolean {
  let end = bad;
  if (end === bytes.length) while (end > 0 && (bytes[end - 1]! & 0xc0) === 0x80) end--;
  if (end === bytes.length && end > 0 && bytes[end - 1]! >= 0xc0) end--;
  for (let i = 0; i < end; i++) if (bytes[i]! >= 0x80) return false;
  return true;
}

/** The bytes at the end of `held` + `bytes` that begin a character not finished yet (at most 3). */
function cutCharacter(held: Uint8Array, bytes: Uint8Array): Uint8Array {
  const tail = new Uint8Array(Math.min(3, held.length + bytes.length));
  const fromBytes = Math.min(tail.length, bytes.length);
  tail.set(held.subarray(held.length - (tail.length - fromBytes)));
  tail.set(bytes.subarray(bytes.length - fromBytes), tail.length - fromBytes);
  for (let k = 1; k <= tail.length; k++) {
    const b = tail[tail.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return length > k ? tail.slice(tail.length - k) : new Uint8Array(0);
  }
  return new Uint8Array(0);
}

/** The bytes without a UTF-8 byte order mark at the input's start (`at` 0), which a one-byte encoding would read as text. */
function withoutByteOrderMark(bytes: Uint8Array, at: number): Uint8Array {
  return at === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}

const UTF16 = new TextDecoder('utf-16le');

/**
 * What windows-1252 makes of the bytes 0x80-0x9F (the rest is ISO-8859-1), as the WHATWG
 * encoding standard lists them; 0x81, 0x8D, 0x8F, 0x90 and 0x9D keep their code point. (Node 20's
 * TextDecoder('windows-1252') decodes them as ISO-8859-1, so the table is ours.)
 */
const WINDOWS_1252_HIGH = Uint16Array.from([
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
]);

/**
 * Text of `bytes` in a one-byte encoding: ISO-8859-1 (code point = byte; TextDecoder's 'latin1'
 * label means windows-1252), with `high` replacing 0x80-0x9F when given. The bytes are widened to
 * 16-bit code units and read as UTF-16 (little-endian, as typed arrays are wherever this runs).
 */
function singleByte(bytes: Uint8Array, high: Uint16Array | undefined): string {
  const wide = new Uint16Array(bytes.length);
  wide.set(bytes);
  if (high !== undefined) {
    for (let i = 0; i < wide.length; i++) {
      const b = wide[i]!;
      if (b >= 0x80 && b < 0xa0) wide[i] = high[b - 0x80]!;
    }
  }
  return UTF16.decode(wide);
}

/**
 * Index in `bytes` of the first byte that starts no valid UTF-8 sequence (bytes.length for none,
 * or for a character cut at the end).
 */
export function firstInvalid(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const need = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The second byte's range depends on the first (no overlong forms, no surrogates, at most U+10FFFF).
    const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    const second = bytes[i + 1];
    if (second === undefined) return bytes.length; // cut at the end of the bytes given
    if (second < low || second > high) return i;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined) return bytes.length;
      if ((c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return bytes.length;
}
