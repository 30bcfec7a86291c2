/**
 * The element-wise activations in WGSL, numbered as `ACTIVATION_CODES`; the same formulas as
 * math/activations.ts (sigmoid written to stay finite, tanh clamped where f32 saturates anyway).
 * If-chains, not `switch`: SwiftShader's compiler crashed on a switch with a return in each case.
 */
import type { ActivationName } from '../../../math/activations.js';

/** Activation name → the code the shaders switch on (softmax is row-wise: its own kernels). */
export const ACTIVATION_CODES: Readonly<Record<ActivationName, number>> = {
  linear: 0,
  sigmoid: 1,
  tanh: 2,
  relu: 3,
  leakyRelu: 4,
  softmax: 5,
};

/** `activate(code, z, alpha)` and `derivative(code, z, a, alpha)`, pasted into shaders that need them. */
export const ACTIVATION_WGSL = /* wgsl */ `
fn sigmoidOf(z: f32) -> f32 {
  if (z >= 0.0) { return 1.0 / (1.0 + exp(-z)); }
  let e = exp(z);
  return e / (1.0 + e);
}
fn activate(code: u32, z: f32, alpha: f32) -> f32 {
  var a = z;
  if (code == 1u) { a = sigmoidOf(z); }
  else if (code == 2u) { a = tanh(clamp(z, -15.0, 15.0)); }
  else if (code == 3u) { a = max(z, 0.0); }
  else if (code == 4u) { a = select(alpha * z, z, z > 0.0); }
  return a;
}
fn derivative(code: u32, z: f32, a: f32, alpha: f32) -> f32 {
  var d = 1.0;
  if (code == 1u) { d = a * (1.0 - a); }
  else if (code == 2u) { d = 1.0 - a * a; }
  else if (code == 3u) { d = select(0.0, 1.0, z > 0.0); }
  else if (code == 4u) { d = select(alpha, 1.0, z > 0.0); }
  return d;
}
`;
