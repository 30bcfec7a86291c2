/**
 * What a caller of the WebGPU backend sees of device acquisition, without WebGPU's own types
 * (so that the published declarations need no @webgpu/types): the options and the error.
 */
import { BackpropError } from '../../errors/backprop-error.js';

/** Why no WebGPU device could be had, in one line. */
export class WebGpuUnavailableError extends BackpropError {
  constructor(reason: string) {
    super(`WebGPU is not available: ${reason}`);
    this.name = 'WebGpuUnavailableError';
  }
}

/** Options of device acquisition. */
export interface WebGpuDeviceOptions {
  /** Passed to `navigator.gpu.requestAdapter` (default: no preference). */
  readonly powerPreference?: 'low-power' | 'high-performance';
  /** Node only: options for Dawn's `create` (e.g. 'backend=vulkan', 'adapter=NVIDIA', 'backend=opengles'). */
  readonly dawnOptions?: readonly string[];
  /** 'compatibility' for adapters that offer only WebGPU's compatibility mode (Dawn's GL backend). */
  readonly featureLevel?: 'core' | 'compatibility';
}
