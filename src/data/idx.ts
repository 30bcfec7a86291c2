/**
 * IDX, the MNIST file format: big-endian header, then raw values. Only unsigned-byte
 * payloads (type 0x08) are accepted, which covers MNIST and Fashion-MNIST images
 * (magic 0x00000803: count, rows, cols) and labels (0x00000801: count).
 * Everything here works on bytes already in memory (decompressed); files.ts reads and
 * gunzips files.
 */
import type { ImageSet } from './dataset.js';
import { DataFormatError } from './errors.js';

/** A decoded IDX array: its dimensions and its bytes (a view into the input, not a copy). */
export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;
const TYPE_NAMES: Readonly<Record<number, string>> = { 0x09: 'int8', 0x0b: 'int16', 0x0c: 'int32', 0x0d: 'float32', 0x0e: 'float64' };

/** Decodes an IDX byte array, checking the magic number and that the header's sizes match the length exactly. */
export function decodeIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) throw new DataFormatError({ file, byte: 0 }, `${bytes.length} bytes is too short for an IDX header`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw new DataFormatError({ file, byte: 0 }, 'is gzip-compressed; decompress it first (readIdxFile does)');
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DataFormatError({ file, byte: 0 }, `bad IDX magic 0x${hex(bytes, 0, 4)} (expected 0x000008NN)`);
  }
  const type = bytes[2]!;
  const rank = bytes[3]!;
  if (type !== UNSIGNED_BYTE) {
    const name = TYPE_NAMES[type];
    throw new DataFormatError({ file, byte: 2 }, name === undefined ? `unknown IDX value type 0x${hex(bytes, 2, 1)}` : `IDX value type ${name} is not supported (only unsigned bytes)`);
  }
  if (rank === 0) throw new DataFormatError({ file, byte: 3 }, 'IDX header declares 0 dimensions');
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new DataFormatError({ file, byte: bytes.length }, `file ends inside the IDX header (${bytes.length} of ${headerLength} bytes)`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  let size = 1;
  for (let d = 0; d < rank; d++) {
    const dim = view.getUint32(4 + 4 * d, false);
    dims.push(dim);
    size *= dim;
  }
  const payload = bytes.length - headerLength;
  if (payload !== size) {
    const claim = `header says ${dims.join(' x ')} = ${size} bytes of data`;
    const problem = payload < size ? `${claim} but the file holds only ${payload} (truncated?)` : `${claim} but the file holds ${payload} (${payload - size} extra)`;
    throw new DataFormatError({ file, byte: headerLength + Math.min(payload, size) }, problem);
  }
  return { dims, data: bytes.subarray(headerLength) };
}

/** Reads an IDX images array (rank 3: count, rows, cols) as an ImageSet. */
export function idxImages(idx: IdxArray, file: string): ImageSet {
  const [count, height, width] = idx.dims;
  if (idx.dims.length !== 3 || count === undefined || height === undefined || width === undefined) {
    throw new DataFormatError({ file, byte: 3 }, `expected an images file (3 dimensions), found ${idx.dims.length} dimension(s) ${idx.dims.join(' x ')}`);
  }
  if (count === 0 || height === 0 || width === 0) throw new DataFormatError({ file, byte: 4 }, `holds ${count} images of ${height} x ${width} pixels: there is nothing to learn from`);
  return { pixels: idx.data, count, height, width };
}

/** Reads an IDX labels array (rank 1) and checks every label is below `classCount`. */
export function idxLabels(idx: IdxArray, file: string, classCount: number): Int32Array {
  if (idx.dims.length !== 1) {
    throw new DataFormatError({ file, byte: 3 }, `expected a labels file (1 dimension), found ${idx.dims.length} dimensions ${idx.dims.join(' x ')}`);
  }
  const labels = new Int32Array(idx.data.length);
  const headerLength = 8;
  for (let i = 0; i < idx.data.length; i++) {
    const label = idx.data[i]!;
    if (label >= classCount) {
      throw new DataFormatError({ file, byte: headerLength + i }, `label ${label} of item ${i} is outside 0..${classCount - 1}`);
    }
    labels[i] = label;
  }
  return labels;
}

/** Encodes an unsigned-byte IDX array (for writing test files and caches). */
export function encodeIdx(dims: readonly number[], data: Uint8Array): Uint8Array {
  const header = encodeIdxHeader(dims);
  const out = new Uint8Array(header.length + data.length);
  out.set(header);
  out.set(data, header.length);
  return out;
}

/** The header of an unsigned-byte IDX array of `dims` (magic 0x000008NN, then each dimension big-endian): what precedes its bytes. */
export function encodeIdxHeader(dims: readonly number[]): Uint8Array {
  const out = new Uint8Array(4 + 4 * dims.length);
  const view = new DataView(out.buffer);
  out[2] = UNSIGNED_BYTE;
  out[3] = dims.length;
  dims.forEach((dim, d) => view.setUint32(4 + 4 * d, dim, false));
  return out;
}

function hex(bytes: Uint8Array, start: number, length: number): string {
  return Array.from(bytes.subarray(start, start + length), (b) => b.toString(16).padStart(2, '0')).join('');
}
