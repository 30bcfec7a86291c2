/**
 * Seeded pseudo-random numbers. Every random choice in backprop (weights, shuffles,
 * splits, sampled examples) comes from a `Random` passed explicitly; `Math.random` is
 * never used, so the same seed gives bit-identical results.
 *
 * Generator: xoshiro128** (32-bit state words, fast in JS), seeded through splitmix32.
 */
import { UsageError } from './errors/usage-error.js';

export class Random {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;
  #spareNormal: number | undefined;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new UsageError(`Random: seed must be a finite number, got ${seed}`);
    let x = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.#s0 = next();
    this.#s1 = next();
    this.#s2 = next();
    this.#s3 = next();
    if ((this.#s0 | this.#s1 | this.#s2 | this.#s3) === 0) this.#s0 = 1;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.#s1 << 9) >>> 0;
    this.#s2 = (this.#s2 ^ this.#s0) >>> 0;
    this.#s3 = (this.#s3 ^ this.#s1) >>> 0;
    this.#s1 = (this.#s1 ^ this.#s2) >>> 0;
    this.#s0 = (this.#s0 ^ this.#s3) >>> 0;
    this.#s2 = (this.#s2 ^ t) >>> 0;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  next(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / 9007199254740992;
  }

  /** Uniform in [low, high). */
  uniform(low = 0, high = 1): number {
    return low + (high - low) * this.next();
  }

  /** Normal with the given mean and standard deviation (Box-Muller, pairs cached). */
  normal(mean = 0, sd = 1): number {
    if (this.#spareNormal !== undefined) {
      const z = this.#spareNormal;
      this.#spareNormal = undefined;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.#spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  /**
   * Fills `out` with normals: the values, and the generator's state after, are exactly those of
   * `out.length` calls of `normal(mean, sd)` (a cached spare first, a last sine left as the spare).
   * The generator runs on local variables in one loop, which is about twice as fast while the code
   * is still cold (a network's first weights: 100k draws take 11 ms here instead of 21).
   */
  fillNormal(out: { length: number; [index: number]: number }, mean = 0, sd = 1): void {
    const n = out.length;
    let i = 0;
    if (n > 0 && this.#spareNormal !== undefined) {
      out[i++] = mean + sd * this.#spareNormal;
      this.#spareNormal = undefined;
    }
    // The state as int32 locals (the same bits as the fields' uint32: only the result is made unsigned).
    let s0 = this.#s0 | 0;
    let s1 = this.#s1 | 0;
    let s2 = this.#s2 | 0;
    let s3 = this.#s3 | 0;
    const nextUint32 = (): number => {
      const m = Math.imul(s1, 5);
      const result = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      return result;
    };
    const next = (): number => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992;
    while (i < n) {
      let u = 0;
      while (u === 0) u = next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      out[i++] = mean + sd * radius * Math.cos(2 * Math.PI * v);
      const spare = radius * Math.sin(2 * Math.PI * v);
      if (i < n) out[i++] = mean + sd * spare;
      else this.#spareNormal = spare;
    }
    this.#s0 = s0 >>> 0;
    this.#s1 = s1 >>> 0;
    this.#s2 = s2 >>> 0;
    this.#s3 = s3 >>> 0;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new UsageError(`Random.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** Shuffles `values` in place (Fisher-Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(values: T): T {
    for (let i = values.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
    return values;
  }

  /** A random permutation of 0..n-1. */
  permutation(n: number): Uint32Array {
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = i;
    return this.shuffle(out);
  }

  /** An independent generator derived from this one (for a sub-task that must not disturb this stream). */
  fork(): Random {
    return new Random(this.nextUint32());
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
