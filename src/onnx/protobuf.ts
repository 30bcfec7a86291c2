/**
 * The protobuf wire format, just what ONNX files need: a writer of varints, fixed-width numbers
 * and length-delimited fields, and a reader that checks every tag, wire type and length against
 * the bytes that are really there before it reads or allocates anything. Errors are
 * `ProtobufError`s with a one-line message; the schema layer adds the field path.
 */

/** Wire types of the protobuf encoding. */
export const WIRE = { varint: 0, fixed64: 1, lengthDelimited: 2, fixed32: 5 } as const;

/** A malformed byte stream: `offset` is where in the file the problem was found. */
export class ProtobufError extends Error {
  readonly offset: number;

  constructor(problem: string, offset: number) {
    super(`${problem} at byte ${offset}`);
    this.name = 'ProtobufError';
    this.offset = offset;
  }
}

/** One field as read: its number, wire type, and where its value lies. */
export interface WireField {
  readonly field: number;
  readonly wireType: number;
  /** The value of a varint field (as a number; values above 2^53 lose precision). */
  readonly varint: number;
  /** For length-delimited fields: the bytes (a view, not a copy); for fixed32/64: the 4 or 8 bytes. */
  readonly bytes: Uint8Array;
  /** Offset of the value in the whole file, for messages. */
  readonly offset: number;
}

/** Reads the fields of one message in order. `base` is the message's offset in the whole file. */
export function* readFields(bytes: Uint8Array, base = 0): Generator<WireField> {
  let at = 0;
  while (at < bytes.length) {
    const tagStart = at;
    const [tag, afterTag] = readVarint(bytes, at, base);
    at = afterTag;
    const field = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (field === 0) throw new ProtobufError('field number 0 is not allowed', base + tagStart);
    if (wireType === WIRE.varint) {
      const [value, next] = readVarint(bytes, at, base);
      yield { field, wireType, varint: value, bytes: bytes.subarray(at, next), offset: base + at };
      at = next;
    } else if (wireType === WIRE.fixed64 || wireType === WIRE.fixed32) {
      const size = wireType === WIRE.fixed64 ? 8 : 4;
      if (at + size > bytes.length) throw new ProtobufError(`truncated: a ${size}-byte value of field ${field} runs past the end`, base + at);
      yield { field, wireType, varint: 0, bytes: bytes.subarray(at, at + size), offset: base + at };
      at += size;
    } else if (wireType === WIRE.lengthDelimited) {
      const [length, start] = readVarint(bytes, at, base);
      if (length > bytes.length - start) {
        throw new ProtobufError(`truncated or absurd size: field ${field} claims ${length} bytes but only ${bytes.length - start} remain`, base + at);
      }
      yield { field, wireType, varint: length, bytes: bytes.subarray(start, start + length), offset: base + start };
      at = start + length;
    } else {
      throw new ProtobufError(`wire type ${wireType} of field ${field} is not valid (groups and unknown types are not supported)`, base + tagStart);
    }
  }
}

/** Reads one varint at `at`; returns the value and the offset after it. At most 10 bytes. */
export function readVarint(bytes: Uint8Array, at: number, base = 0): [number, number] {
  let value = 0;
  let multiplier = 1;
  for (let i = 0; i < 10; i++) {
    const byte = bytes[at + i];
    if (byte === undefined) throw new ProtobufError('truncated: a varint runs past the end', base + at);
    value += (byte & 0x7f) * multiplier;
    multiplier *= 128;
    if ((byte & 0x80) === 0) return [value, at + i + 1];
  }
  throw new ProtobufError('a varint is longer than 10 bytes', base + at);
}

/** A varint read as a signed 64-bit integer (two's complement, as int64 fields store negatives). */
export function signedVarint(field: WireField): number {
  let value = 0n;
  for (let i = field.bytes.length - 1; i >= 0; i--) value = (value << 7n) | BigInt(field.bytes[i]! & 0x7f);
  return Number(BigInt.asIntN(64, value));
}

/** Decodes length-delimited bytes as UTF-8 text (invalid sequences become U+FFFD). */
export function utf8(bytes: Uint8Array): string {
  return new TextDecoder().decode(bytes);
}

/** Builds a message field by field; `finish()` gives the bytes. */
export class ProtobufWriter {
  #chunks: Uint8Array[] = [];
  #length = 0;

  /** Bytes written so far. */
  get length(): number {
    return this.#length;
  }

  #push(bytes: Uint8Array): void {
    this.#chunks.push(bytes);
    this.#length += bytes.length;
  }

  #varint(value: bigint): void {
    const out: number[] = [];
    let v = BigInt.asUintN(64, value);
    do {
      const byte = Number(v & 0x7fn);
      v >>= 7n;
      out.push(v === 0n ? byte : byte | 0x80);
    } while (v !== 0n);
    this.#push(Uint8Array.from(out));
  }

  #tag(field: number, wireType: number): void {
    this.#varint(BigInt(field * 8 + wireType));
  }

  /** An int64/int32/enum field (negative values take 10 bytes, as protobuf requires). */
  int(field: number, value: number): this {
    this.#tag(field, WIRE.varint);
    this.#varint(BigInt(value));
    return this;
  }

  /** A float field (fixed32). */
  float(field: number, value: number): this {
    this.#tag(field, WIRE.fixed32);
    const bytes = new Uint8Array(4);
    new DataView(bytes.buffer).setFloat32(0, value, true);
    this.#push(bytes);
    return this;
  }

  /** A bytes field. */
  bytes(field: number, value: Uint8Array): this {
    this.#tag(field, WIRE.lengthDelimited);
    this.#varint(BigInt(value.length));
    this.#push(value);
    return this;
  }

  /** A string field (UTF-8). */
  string(field: number, value: string): this {
    return this.bytes(field, new TextEncoder().encode(value));
  }

  /** An embedded message field, written by `build` into a fresh writer. */
  message(field: number, build: (writer: ProtobufWriter) => void): this {
    const inner = new ProtobufWriter();
    build(inner);
    return this.bytes(field, inner.finish());
  }

  /** Packed repeated int64 values in one length-delimited field. */
  packedInts(field: number, values: readonly number[]): this {
    const inner = new ProtobufWriter();
    for (const v of values) inner.#varint(BigInt(v));
    return this.bytes(field, inner.finish());
  }

  /** The message's bytes. */
  finish(): Uint8Array {
    const out = new Uint8Array(this.#length);
    let at = 0;
    for (const chunk of this.#chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }
}
