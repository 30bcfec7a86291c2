/// <reference types="@webgpu/types" />
/**
 * Records kernel dispatches and submits them without waiting: the operations of a training step
 * go into one command encoder, submitted every `BATCH` dispatches, before a read, and before an
 * upload into a buffer that recorded work uses (queue.writeBuffer runs ahead of everything not
 * yet submitted, so that work must go first). Pipelines are compiled once per shader and cached;
 * each dispatch of a submission has its own uniform buffer from a pool that the next submission
 * reuses (the queue orders those writes after the earlier submission).
 */
import type { MatrixStore } from './matrix-store.js';

/** One storage binding: its buffer and whether the kernel writes it. */
export interface Binding {
  readonly buffer: GPUBuffer;
  readonly writes: boolean;
}

/** Largest workgroup count per dimension that every WebGPU device accepts. */
const MAX_GROUPS = 65535;

/** Dispatches recorded before a submit (a W3 training step is about 25). */
const BATCH = 64;

export class Dispatcher {
  readonly #device: GPUDevice;
  readonly #store: MatrixStore;
  readonly #pipelines = new Map<string, GPUComputePipeline>();
  readonly #uniforms: GPUBuffer[] = [];
  #used = 0;
  #encoder: GPUCommandEncoder | undefined;
  /** Buffers that the recorded, not yet submitted work binds. */
  readonly #recorded = new Set<GPUBuffer>();

  constructor(device: GPUDevice, store: MatrixStore) {
    this.#device = device;
    this.#store = store;
    store.beforeChange = (buffer) => {
      if (buffer === undefined || this.#recorded.has(buffer)) this.flush();
    };
  }

  /**
   * Records one dispatch of `code` with `uniforms` at binding 0 and `bindings` at 1, 2, ...
   * over groupsX x groupsY workgroups. A buffer bound for reading that the kernel also writes is
   * read from a copy taken first (WebGPU forbids a writable binding aliasing another one).
   */
  dispatch(code: string, uniforms: ArrayBuffer, bindings: readonly Binding[], groupsX: number, groupsY = 1): void {
    if (groupsX === 0 || groupsY === 0) return;
    const encoder = (this.#encoder ??= this.#device.createCommandEncoder());
    const written = new Set(bindings.filter((b) => b.writes).map((b) => b.buffer));
    const buffers = bindings.map((b) => {
      if (b.writes || !written.has(b.buffer)) return b.buffer;
      const copy = this.#store.temporaryLike(b.buffer);
      encoder.copyBufferToBuffer(b.buffer, 0, copy, 0, b.buffer.size);
      return copy;
    });
    for (const buffer of buffers) this.#recorded.add(buffer);
    for (const b of bindings) this.#recorded.add(b.buffer);
    const uniform = this.#uniform(uniforms);
    const pipeline = this.#pipeline(code);
    const group = this.#device.createBindGroup({
      layout: pipeline.getBindGroupLayout(0),
      entries: [{ binding: 0, resource: { buffer: uniform } }, ...buffers.map((buffer, i) => ({ binding: i + 1, resource: { buffer } }))],
    });
    const pass = encoder.beginComputePass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(groupsX, groupsY);
    pass.end();
  }

  /** Records a 1-D dispatch of `count` invocations in workgroups of 256 (folded into 2-D past 65535 groups). */
  dispatchFlat(code: string, uniforms: ArrayBuffer, bindings: readonly Binding[], count: number): void {
    const groups = Math.ceil(count / 256);
    const x = Math.min(groups, MAX_GROUPS);
    this.dispatch(code, uniforms, bindings, x, x === 0 ? 0 : Math.ceil(groups / x));
  }

  /** Ends one backend operation: submits once enough dispatches are recorded. */
  endOperation(): void {
    if (this.#used >= BATCH) this.flush();
  }

  /** Submits everything recorded. */
  flush(): void {
    if (this.#encoder !== undefined) this.#device.queue.submit([this.#encoder.finish()]);
    this.#encoder = undefined;
    this.#used = 0;
    this.#recorded.clear();
    this.#store.submitted();
  }

  #uniform(values: ArrayBuffer): GPUBuffer {
    if (this.#used === this.#uniforms.length) {
      this.#uniforms.push(this.#device.createBuffer({ size: 80, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST }));
    }
    const buffer = this.#uniforms[this.#used++]!;
    this.#device.queue.writeBuffer(buffer, 0, values);
    return buffer;
  }

  #pipeline(code: string): GPUComputePipeline {
    let pipeline = this.#pipelines.get(code);
    if (pipeline === undefined) {
      const module = this.#device.createShaderModule({ code });
      pipeline = this.#device.createComputePipeline({ layout: 'auto', compute: { module, entryPoint: 'main' } });
      this.#pipelines.set(code, pipeline);
    }
    return pipeline;
  }
}
