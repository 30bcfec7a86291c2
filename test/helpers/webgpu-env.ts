/**
 * The WebGPU backend for tests: Dawn (npm `webgpu`) on whatever adapter the machine has, and on
 * a machine without a GPU the SwiftShader software adapter that Debian's chromium package ships
 * (VK_ICD_FILENAMES is set to it here when unset and the file exists; the Vulkan loader,
 * libvulkan1, must be installed). If no adapter can be had, `gpu` holds the one-line reason and
 * the tests that need it fail with it: nothing is skipped.
 */
import { existsSync } from 'node:fs';
import { createWebGpuBackend, type WebGpuBackend } from '../../src/backend/webgpu/webgpu-backend.js';

/** The SwiftShader Vulkan driver of Debian's chromium package. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Sets VK_ICD_FILENAMES to SwiftShader when unset and present; returns the environment for child processes too. */
export function softwareGpuEnvironment(): NodeJS.ProcessEnv {
  if (process.env['VK_ICD_FILENAMES'] === undefined && existsSync(SWIFTSHADER_ICD)) process.env['VK_ICD_FILENAMES'] = SWIFTSHADER_ICD;
  return process.env;
}

/** A backend, or why there is none. */
export type GpuOrReason = { readonly backend: WebGpuBackend } | { readonly reason: string };

/** Creates the WebGPU backend on this machine's adapter (see above). */
export async function testGpu(): Promise<GpuOrReason> {
  softwareGpuEnvironment();
  try {
    return { backend: await createWebGpuBackend() };
  } catch (error) {
    return { reason: error instanceof Error ? error.message : String(error) };
  }
}
