/**
 * The playground's "GPU (WebGPU)" engine, inside the training worker (workers have
 * navigator.gpu in Chromium): the worker's one WebGPU device, made on first use, and a run that
 * trains a GPU copy of the 2-D model with `trainAsync`, epoch by epoch. Nothing is read back per
 * step: at each epoch's end trainAsync reads the loss sums and the weights back (asynchronously),
 * and the run copies those weights into the worker's CPU model, which the snapshot is made from.
 */
import { loadBackend, trainAsync, type Backend, type EpochEvent, type History, type Mlp, type TrainEvent, type TrainOptions } from '../src/index.js';

/** The worker's WebGPU backend, or the one-line reason there is none. */
export type GpuOrReason = { readonly backend: Backend } | { readonly reason: string };

let device: Promise<GpuOrReason> | undefined;

/** The worker's WebGPU backend (one device for every run), or why there is none (no navigator.gpu, no adapter). */
export function workerGpu(): Promise<GpuOrReason> {
  device ??= loadBackend('webgpu').then(
    (backend) => ({ backend }),
    (error: unknown) => ({ reason: error instanceof Error ? error.message : String(error) }),
  );
  return device;
}

/** Data of a 2-D job, as `train()` takes it. */
type Matrices = Parameters<typeof trainAsync>[1];

/** One GPU training run: the device copy of a CPU model and its asynchronous training loop. */
export class GpuRun {
  readonly #host: Mlp;
  readonly #device: Mlp;
  readonly #run: AsyncGenerator<TrainEvent, History>;
  /** The epoch in flight, so that the device model is freed only after it. */
  #busy: Promise<unknown> = Promise.resolve();
  #finished = false;

  /** Copies `host` onto `backend` and prepares `trainAsync` on it (nothing runs until `epoch`). */
  constructor(host: Mlp, backend: Backend, data: Matrices, options: TrainOptions) {
    this.#host = host;
    this.#device = host.clone({ backend });
    this.#run = trainAsync(this.#device, data, options);
  }

  /** The name of the backend training (for the engine label). */
  get backendName(): string {
    return this.#device.backend.name;
  }

  /**
   * Trains one epoch on the GPU and copies its weights (read back at the epoch's end) into the
   * CPU model; its event, or undefined when training has finished.
   */
  epoch(): Promise<EpochEvent | undefined> {
    const next = this.#busy.then(() => this.#nextEpoch());
    this.#busy = next.catch(() => undefined);
    return next;
  }

  /** Frees the device copy and the CPU model once the epoch in flight (if any) is over. */
  dispose(): void {
    this.#finished = true;
    void this.#busy.then(() => {
      this.#device.dispose();
      this.#host.dispose();
    });
  }

  async #nextEpoch(): Promise<EpochEvent | undefined> {
    if (this.#finished) return undefined;
    for (;;) {
      const next = await this.#run.next();
      if (next.done === true) {
        this.#finished = true;
        return undefined;
      }
      if (next.value.type !== 'epoch') continue;
      this.#host.copyWeightsFrom(this.#device);
      return next.value;
    }
  }
}
