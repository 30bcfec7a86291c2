/// <reference types="@webgpu/types" />
/**
 * Getting a GPUDevice: in a browser from `navigator.gpu`, in Node from Dawn's bindings (the
 * optional npm package `webgpu`, imported only here and only when asked for). When no device can
 * be had, `WebGpuUnavailableError` says why in one line.
 */
import { WebGpuUnavailableError, type WebGpuDeviceOptions } from './options.js';

export { WebGpuUnavailableError, type WebGpuDeviceOptions } from './options.js';

/** A device and what it runs on. */
export interface AcquiredDevice {
  readonly device: GPUDevice;
  /** Kept alive with the device (Dawn's Node bindings need the adapter to outlive it). */
  readonly adapter: GPUAdapter;
  /** The adapter's name as the driver gives it (vendor, architecture, device, description). */
  readonly adapterName: string;
}

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/**
 * Dawn's GPU object, made once per process and kept: when it is garbage-collected, Dawn's
 * instance goes with it and the devices made from it hang or crash the process.
 */
const dawnInstances = new Map<string, GPU>();

/** Requests an adapter and a device with the largest storage buffers the adapter allows. */
export async function acquireDevice(options: WebGpuDeviceOptions = {}): Promise<AcquiredDevice> {
  const gpu = await findGpu(options);
  const adapter = await gpu.requestAdapter({
    ...(options.powerPreference === undefined ? {} : { powerPreference: options.powerPreference }),
    ...(options.featureLevel === undefined ? {} : { featureLevel: options.featureLevel }),
  });
  if (adapter === null) throw new WebGpuUnavailableError(await noAdapterReason());
  const { limits } = adapter;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxStorageBuffersPerShaderStage: Math.min(limits.maxStorageBuffersPerShaderStage, 8),
      // The kernels use workgroups of 256 invocations; compatibility-mode devices default to 128.
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeWorkgroupSizeY: limits.maxComputeWorkgroupSizeY,
    },
  });
  return { device, adapter, adapterName: describeAdapter(adapter.info) };
}

async function findGpu(options: WebGpuDeviceOptions): Promise<GPU> {
  const inPage = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (inPage !== undefined) return inPage;
  if (!isNode) throw new WebGpuUnavailableError('this browser has no navigator.gpu (WebGPU needs Chrome or Edge 113+, Safari 26+, or a flag such as --enable-unsafe-webgpu)');
  let dawn: { create(options: string[]): GPU; globals: object };
  try {
    const name = 'webgpu'; // a variable, so that browser bundlers leave the optional package alone
    dawn = (await import(/* @vite-ignore */ name)) as typeof dawn;
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new WebGpuUnavailableError(`Node needs the optional package "webgpu" (Dawn's bindings): npm install webgpu (${detail})`);
  }
  Object.assign(globalThis, dawn.globals); // GPUBufferUsage, GPUMapMode, ... as in a browser
  const key = (options.dawnOptions ?? []).join('\n');
  let instance = dawnInstances.get(key);
  if (instance === undefined) {
    instance = dawn.create([...(options.dawnOptions ?? [])]);
    dawnInstances.set(key, instance);
  }
  return instance;
}

/** The likeliest reason Dawn found no adapter on this machine. */
async function noAdapterReason(): Promise<string> {
  if (!isNode) return 'the browser offers no WebGPU adapter (GPU blocked or disabled; in headless Chromium try --enable-unsafe-webgpu)';
  if (process.platform !== 'linux') return 'Dawn found no GPU adapter (no Metal, D3D12 or Vulkan device)';
  // getBuiltinModule, not import('node:fs'): minifiers fold a variable specifier back into one that strict bundlers (webpack) refuse.
  const fs = (process as { getBuiltinModule?: (id: string) => unknown }).getBuiltinModule?.('node:fs') as typeof import('node:fs') | undefined;
  if (fs === undefined) return 'Dawn found no GPU adapter';
  const { existsSync } = fs;
  const loader = ['/usr/lib/x86_64-linux-gnu/libvulkan.so.1', '/usr/lib/aarch64-linux-gnu/libvulkan.so.1', '/usr/lib64/libvulkan.so.1', '/usr/lib/libvulkan.so.1'];
  if (!loader.some((path) => existsSync(path))) {
    return 'no Vulkan loader (libvulkan.so.1) found: install it (Debian: apt-get install libvulkan1) and a Vulkan driver';
  }
  const icd = process.env['VK_ICD_FILENAMES'] ?? process.env['VK_DRIVER_FILES'];
  if (icd !== undefined) return `no Vulkan driver that Dawn accepts at VK_ICD_FILENAMES=${icd}`;
  return 'no Vulkan or GL driver that Dawn accepts was found (for a software adapter: VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json, from Debian\'s chromium package)';
}

function describeAdapter(info: GPUAdapterInfo): string {
  const parts = [info.vendor, info.architecture, info.device, info.description].filter((part) => part !== '');
  return parts.length === 0 ? 'unnamed adapter' : [...new Set(parts)].join(' ');
}
