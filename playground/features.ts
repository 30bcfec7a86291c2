/**
 * The input features of the 2-D network (after TensorFlow Playground): functions of a point's
 * coordinates (x, y in [-6, 6]) scaled so that every feature lies in [-1, 1]. X₁ = x/6 and
 * X₂ = y/6 are the coordinates; the squares and the product are of X₁, X₂; the sines take the raw
 * coordinate, as TF Playground's do (about two periods across the square). No DOM.
 */
import { Matrix } from '../src/index.js';
import { DOMAIN, type Point } from './datasets-2d.js';

/** One feature: its label (for the diagram and model files) and its value at (x, y). */
export interface Feature {
  readonly label: string;
  readonly value: (x: number, y: number) => number;
}

/** The features by name, in diagram order. */
export const FEATURES = {
  x1: { label: 'X₁', value: (x) => x / DOMAIN },
  x2: { label: 'X₂', value: (_, y) => y / DOMAIN },
  x1Squared: { label: 'X₁²', value: (x) => (x / DOMAIN) ** 2 },
  x2Squared: { label: 'X₂²', value: (_, y) => (y / DOMAIN) ** 2 },
  x1x2: { label: 'X₁X₂', value: (x, y) => (x * y) / DOMAIN ** 2 },
  sinX1: { label: 'sin(X₁)', value: (x) => Math.sin(x) },
  sinX2: { label: 'sin(X₂)', value: (_, y) => Math.sin(y) },
} as const satisfies Record<string, Feature>;

/** A key of FEATURES ('x1', 'sinX2', ...), as written in the URL. */
export type FeatureName = keyof typeof FEATURES;

/** Every feature name, in diagram order. */
export const FEATURE_NAMES = Object.keys(FEATURES) as FeatureName[];

/** True when the features are the plain coordinates X₁, X₂ (what a CSV of x, y holds after scaling by 1/6). */
export function isPlainCoordinates(features: readonly FeatureName[]): boolean {
  return features.length === 2 && features[0] === 'x1' && features[1] === 'x2';
}

/** The network inputs of points: one row per point, one column per feature (rows x features). */
export function featureInputs(points: readonly Point[], features: readonly FeatureName[]): Matrix {
  const x = Matrix.zeros(points.length, features.length);
  points.forEach((p, i) => features.forEach((name, j) => (x.data[i * features.length + j] = FEATURES[name].value(p.x, p.y))));
  return x;
}

/** The points of a `size x size` grid over the square, row by row from the top (y = +6) down. */
export function gridPoints(size: number): Point[] {
  const points: Point[] = [];
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      points.push({ x: (((col + 0.5) / size) * 2 - 1) * DOMAIN, y: (1 - ((row + 0.5) / size) * 2) * DOMAIN, label: 0 });
    }
  }
  return points;
}
