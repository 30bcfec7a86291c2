/// <reference types="@webgpu/types" />
/**
 * Where each matrix of the WebGPU backend lives, and which copy is current.
 *
 * `allocate` gives a Matrix whose `data` is a host array of its own, mirrored by a GPUBuffer of
 * the same size; views of that array (row prefixes) find the same buffer through its ArrayBuffer
 * and address it from their element offset. Each allocation is in one of two states:
 * - 'host': the host array is current. Every operation that uses the matrix uploads it first
 *   (queue.writeBuffer, no waiting), so writes by the caller are always seen.
 * - 'device': an operation wrote it on the GPU; the host array is stale until `read`, which
 *   copies it back (awaiting mapAsync) and returns it to 'host'.
 * Matrices not from `allocate` (inputs only) are uploaded into a temporary buffer per operation.
 */
import { Matrix, zeroFloats } from '../../matrix.js';

/** One buffer bound to a kernel: the GPU buffer, and the element offset of the matrix in it. */
export interface Bound {
  readonly buffer: GPUBuffer;
  readonly offset: number;
}

interface Allocation {
  readonly buffer: GPUBuffer;
  readonly host: Float32Array<ArrayBuffer>;
  state: 'host' | 'device';
  /** GPU writes so far (a read that raced a later write leaves the state 'device'). */
  writes: number;
}

const STORAGE = () => GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST;

/** The registry of GPU-backed matrices of one device. */
export class MatrixStore {
  readonly #device: GPUDevice;
  readonly #allocations = new WeakMap<ArrayBufferLike, Allocation>();
  /** Buffers made for recorded operations' foreign inputs and index lists, destroyed once those are submitted. */
  readonly #temporary: GPUBuffer[] = [];
  /**
   * Called before an upload into `buffer` and (with undefined) before a read or a release: the
   * dispatcher submits what it has recorded if that uses the buffer, so that recorded work reads
   * the contents it was recorded with (queue.writeBuffer runs before any later submit).
   */
  beforeChange: (buffer: GPUBuffer | undefined) => void = () => {};

  constructor(device: GPUDevice) {
    this.#device = device;
  }

  /** A zero-filled float32 `rows x cols` matrix with its GPU buffer. */
  allocate(rows: number, cols: number): Matrix {
    const size = rows * cols;
    const maxBytes = this.#device.limits.maxStorageBufferBindingSize;
    if (size * 4 > maxBytes) throw new RangeError(`webgpu: a ${rows}x${cols} matrix needs ${size * 4} bytes, more than this device's largest storage buffer (${maxBytes})`);
    const host = zeroFloats(size, 'float32', `a ${rows}x${cols} webgpu matrix`) as Float32Array<ArrayBuffer>;
    const buffer = this.#device.createBuffer({ size: bufferBytes(size * 4), usage: STORAGE() });
    this.#allocations.set(host.buffer, { buffer, host, state: 'host', writes: 0 });
    return new Matrix(rows, cols, host);
  }

  /** True for matrices from `allocate` (and their views). */
  owns(matrix: Matrix): boolean {
    return this.#allocations.has(matrix.data.buffer);
  }

  /** True when the host copy of `matrix` is current (always, for matrices not from `allocate`). */
  hostIsCurrent(matrix: Matrix): boolean {
    return this.#allocations.get(matrix.data.buffer)?.state !== 'device';
  }

  /** Binds `matrix` for reading: uploads it first when its host copy is the current one. */
  input(matrix: Matrix): Bound {
    const allocation = this.#allocations.get(matrix.data.buffer);
    if (allocation === undefined) return this.#foreign(matrix);
    if (allocation.state === 'host') this.#write(allocation);
    return { buffer: allocation.buffer, offset: elementOffset(matrix, allocation) };
  }

  /**
   * Binds `matrix` for writing and marks it current on the GPU. When the operation reads it too
   * (`reads`) or writes only part of the allocation (a view), a current host copy is uploaded first.
   */
  output(matrix: Matrix, reads: boolean, what: string): Bound {
    const allocation = this.#allocations.get(matrix.data.buffer);
    if (allocation === undefined) {
      throw new TypeError(`webgpu: ${what} must be a matrix from this backend's allocate (results are written on the GPU)`);
    }
    const offset = elementOffset(matrix, allocation);
    const whole = offset === 0 && matrix.size === allocation.host.length;
    if (allocation.state === 'host' && (reads || !whole)) this.#write(allocation);
    allocation.state = 'device';
    allocation.writes++;
    return { buffer: allocation.buffer, offset };
  }

  /** Marks the host copy of `matrix` (all of its allocation) as current: the next use uploads it. */
  upload(matrix: Matrix): void {
    const allocation = this.#allocations.get(matrix.data.buffer);
    if (allocation !== undefined) allocation.state = 'host';
  }

  /** Copies the allocation of `matrix` back to the host (when the GPU's copy is current) and returns `matrix.data`. */
  async read(matrix: Matrix): Promise<Matrix['data']> {
    const allocation = this.#allocations.get(matrix.data.buffer);
    if (allocation === undefined || allocation.state === 'host') return matrix.data;
    this.beforeChange(undefined);
    const bytes = bufferBytes(allocation.host.byteLength);
    const staging = this.#device.createBuffer({ size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = this.#device.createCommandEncoder();
    encoder.copyBufferToBuffer(allocation.buffer, 0, staging, 0, bytes);
    this.#device.queue.submit([encoder.finish()]);
    const writes = allocation.writes;
    // The map would wait for the copy anyway; Dawn's Node bindings can hang on a map requested
    // while the copy is in flight, so wait for the queue first.
    await this.#device.queue.onSubmittedWorkDone();
    await staging.mapAsync(GPUMapMode.READ);
    if (allocation.writes === writes) {
      allocation.host.set(new Float32Array(staging.getMappedRange(), 0, allocation.host.length));
      allocation.state = 'host';
    }
    staging.unmap();
    staging.destroy();
    return matrix.data;
  }

  /** Destroys the GPU buffer of an allocated matrix; other matrices: nothing happens. */
  release(matrix: Matrix): void {
    const allocation = this.#allocations.get(matrix.data.buffer);
    if (allocation === undefined) return;
    this.beforeChange(undefined);
    allocation.buffer.destroy();
    this.#allocations.delete(matrix.data.buffer);
  }

  /** A storage buffer holding `data` (made for one operation unless kept by the caller). */
  uploadArray(data: ArrayBufferView<ArrayBuffer>, keep: boolean): GPUBuffer {
    const buffer = this.#device.createBuffer({ size: bufferBytes(data.byteLength), usage: STORAGE() });
    if (data.byteLength > 0) this.#device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
    if (!keep) this.#temporary.push(buffer);
    return buffer;
  }

  /** A temporary buffer the size of `source` (for an operation that reads and writes one buffer). */
  temporaryLike(source: GPUBuffer): GPUBuffer {
    const buffer = this.#device.createBuffer({ size: source.size, usage: STORAGE() });
    this.#temporary.push(buffer);
    return buffer;
  }

  /** Destroys the temporary buffers of the work just submitted (the GPU work itself still completes). */
  submitted(): void {
    for (const buffer of this.#temporary) buffer.destroy();
    this.#temporary.length = 0;
  }

  #write(allocation: Allocation): void {
    this.beforeChange(allocation.buffer);
    this.#device.queue.writeBuffer(allocation.buffer, 0, allocation.host);
  }

  #foreign(matrix: Matrix): Bound {
    // A copy unless it is already a float32 array on an ordinary ArrayBuffer (wasm memory may be shared).
    const data = matrix.data instanceof Float32Array && matrix.data.buffer instanceof ArrayBuffer ? (matrix.data as Float32Array<ArrayBuffer>) : Float32Array.from(matrix.data);
    return { buffer: this.uploadArray(data, false), offset: 0 };
  }
}

function elementOffset(matrix: Matrix, allocation: Allocation): number {
  return (matrix.data.byteOffset - allocation.host.byteOffset) / 4;
}

/** Buffer sizes: a multiple of 4 bytes, at least 16. */
export function bufferBytes(bytes: number): number {
  return Math.max(16, Math.ceil(bytes / 4) * 4);
}
