/**
 * The 2-D data sets of the playground (after TensorFlow Playground): points in the square
 * [-6, 6]² with a label, drawn from a seeded `Random`, split into train and test rows.
 * Classification labels are 0 or 1; the regression plane's target lies in [-1, 1].
 * No DOM: the worker and the tests use these functions as they are.
 */
import { Matrix, Random } from '../src/index.js';

/** Half the side of the square every data set lives in. */
export const DOMAIN = 6;

/** Names of the 2-D data sets, in menu order. */
export const DATASET_NAMES = ['circle', 'xor', 'gauss', 'spiral', 'moons', 'plane'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

/** How labels are read: 'auto' keeps the data set's own kind (the plane: regression, the rest: classification). */
export const PROBLEMS = ['auto', 'classification', 'regression'] as const;
/** One of PROBLEMS. */
export type Problem = (typeof PROBLEMS)[number];

/** One point: coordinates in [-6, 6] and its label (class 0/1, or a value for the plane). */
export interface Point {
  readonly x: number;
  readonly y: number;
  readonly label: number;
}

/** Train and test points, and whether the labels are classes or values. */
export interface PointSplit {
  readonly task: 'classification' | 'regression';
  readonly train: Point[];
  readonly test: Point[];
}

/** Settings that decide a data set: which one, how many points, noise (0-50 %), train share (%), seed. */
export interface DataSettings {
  readonly dataset: DatasetName;
  readonly points: number;
  readonly noise: number;
  readonly trainPercent: number;
  readonly seed: number;
}

type Generator = (count: number, noise: number, random: Random) => Point[];

const GENERATORS: Record<DatasetName, Generator> = {
  circle(count, noise, random) {
    const radius = 5;
    const ring = (label: number, rMin: number, rMax: number): Point => {
      const r = random.uniform(rMin, rMax);
      const angle = random.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle) + random.uniform(-radius, radius) * noise;
      const y = r * Math.cos(angle) + random.uniform(-radius, radius) * noise;
      return { x, y, label: Math.hypot(x, y) < radius * 0.5 ? 1 : 0 };
    };
    return halves(count, (i) => (i === 0 ? ring(1, 0, radius * 0.5) : ring(0, radius * 0.7, radius)));
  },
  xor(count, noise, random) {
    const pad = 0.3;
    return Array.from({ length: count }, () => {
      let x = random.uniform(-5, 5);
      let y = random.uniform(-5, 5);
      x += x > 0 ? pad : -pad;
      y += y > 0 ? pad : -pad;
      const label = x * y >= 0 ? 1 : 0;
      return { x: x + random.uniform(-5, 5) * noise, y: y + random.uniform(-5, 5) * noise, label };
    });
  },
  gauss(count, noise, random) {
    const sd = 0.5 + 3.5 * noise;
    return halves(count, (i) => {
      const centre = i === 0 ? 2 : -2;
      return { x: random.normal(centre, sd), y: random.normal(centre, sd), label: i === 0 ? 1 : 0 };
    });
  },
  spiral(count, noise, random) {
    const half = Math.floor(count / 2);
    const arm = (label: number, delta: number): Point[] =>
      Array.from({ length: half }, (_, i) => {
        const r = (i / half) * 5;
        const t = ((1.75 * i) / half) * 2 * Math.PI + delta;
        return { x: r * Math.sin(t) + random.uniform(-1, 1) * noise, y: r * Math.cos(t) + random.uniform(-1, 1) * noise, label };
      });
    return [...arm(1, 0), ...arm(0, Math.PI)];
  },
  moons(count, noise, random) {
    return halves(count, (i) => {
      const t = random.uniform(0, Math.PI);
      const [u, v] = i === 0 ? [Math.cos(t), Math.sin(t)] : [1 - Math.cos(t), 0.5 - Math.sin(t)];
      const x = (u - 0.5) * 3.5 + random.normal(0, 0.3 + 3 * noise);
      const y = (v - 0.25) * 3.5 + random.normal(0, 0.3 + 3 * noise);
      return { x, y, label: i === 0 ? 1 : 0 };
    });
  },
  plane(count, noise, random) {
    return Array.from({ length: count }, () => {
      const x = random.uniform(-DOMAIN, DOMAIN);
      const y = random.uniform(-DOMAIN, DOMAIN);
      const label = (x + y) / (2 * DOMAIN) + random.uniform(-1, 1) * noise;
      return { x, y, label: Math.max(-1, Math.min(1, label)) };
    });
  },
};

/** Alternates two kinds of point: kind 0 for the first half, 1 for the rest. */
function halves(count: number, make: (kind: number) => Point): Point[] {
  return Array.from({ length: count }, (_, i) => make(i < count / 2 ? 0 : 1));
}

/** Generates, shuffles and splits a data set; the same settings always give the same points. */
export function generatePoints({ dataset, points, noise, trainPercent, seed }: DataSettings): PointSplit {
  const random = new Random(seed);
  const all = GENERATORS[dataset](points, noise / 100, random);
  random.shuffle(all);
  const trainCount = Math.max(1, Math.min(all.length - 1, Math.round((all.length * trainPercent) / 100)));
  return { task: dataset === 'plane' ? 'regression' : 'classification', train: all.slice(0, trainCount), test: all.slice(trainCount) };
}

/**
 * The split relabelled for a problem: classification sets as regression get targets −1 / +1
 * (class 0 / 1); the plane as classification gets class 1 where its value is ≥ 0.
 */
export function asProblem(split: PointSplit, problem: Problem): PointSplit {
  const task = problem === 'auto' ? split.task : problem;
  if (task === split.task) return split;
  const relabel = (p: Point): Point => ({ ...p, label: task === 'regression' ? 2 * p.label - 1 : p.label >= 0 ? 1 : 0 });
  return { task, train: split.train.map(relabel), test: split.test.map(relabel) };
}

/** Network inputs for points: the coordinates scaled to [-1, 1] (rows x 2). */
export function pointInputs(points: readonly Point[]): Matrix {
  const x = Matrix.zeros(points.length, 2);
  points.forEach((p, i) => {
    x.data[2 * i] = p.x / DOMAIN;
    x.data[2 * i + 1] = p.y / DOMAIN;
  });
  return x;
}

/** Targets for points (rows x 1): the class (0/1) or the value. */
export function pointTargets(points: readonly Point[]): Matrix {
  return new Matrix(points.length, 1, Float32Array.from(points, (p) => p.label));
}
