/**
 * Weight initialisers as one table. Each draws the entries of a layer's W (n_in x n_out) from
 * the seeded Random it is given; biases start at zero unless a bias initialiser says otherwise.
 */
import type { Matrix } from '../matrix.js';
import type { Random } from '../random.js';
import { closestName, unknownNameMessage } from '../errors/closest-name.js';
import { UsageError } from '../errors/usage-error.js';

/** The largest finite float32. */
const FLOAT32_MAX = 3.4028234663852886e38;

/** How to draw initial weights. Strings are shortcuts for the parameter-free kinds. */
export type InitSpec =
  | InitName
  /** N(mean, sd²): seed 000's randn·0.01, seed 004's N(0, 0.001). */
  | { readonly kind: 'normal'; readonly sd: number; readonly mean?: number }
  /** N(0, fan^-1/2): seed 003 uses the layer's own size (fan 'out'); 'in' is LeCun normal. */
  | { readonly kind: 'fanNormal'; readonly fan: 'in' | 'out' }
  /** U[low, high): seed 002's [-1, 1]. */
  | { readonly kind: 'uniform'; readonly low: number; readonly high: number }
  /** Every entry the same value (0 for 'zeros'). */
  | { readonly kind: 'constant'; readonly value: number };

/** Parameter-free initialisers by name. */
export type InitName = 'xavierNormal' | 'xavierUniform' | 'heNormal' | 'heUniform' | 'zeros' | 'fanIn' | 'fanOut';

/** All initialiser names accepted as strings. */
export const INIT_NAMES: readonly InitName[] = ['xavierNormal', 'xavierUniform', 'heNormal', 'heUniform', 'zeros', 'fanIn', 'fanOut'];

/** The distribution an initialiser draws from, for a layer of `fanIn` inputs and `fanOut` units. */
type Distribution = { readonly kind: 'normal'; readonly mean: number; readonly sd: number } | { readonly kind: 'uniform'; readonly low: number; readonly high: number } | { readonly kind: 'constant'; readonly value: number };

/** Fills `W` (fanIn x fanOut) according to `spec`, drawing from `random` in row-major order. */
export function initializeWeights(W: Matrix, spec: InitSpec, random: Random): void {
  const d = distributionOf(spec, W.rows, W.cols);
  const data = W.data;
  if (d.kind === 'normal') random.fillNormal(data, d.mean, d.sd); // the draws of random.normal, in one faster loop
  else if (d.kind === 'uniform') for (let i = 0; i < data.length; i++) data[i] = random.uniform(d.low, d.high);
  else data.fill(d.value);
}

function distributionOf(spec: InitSpec, fanIn: number, fanOut: number): Distribution {
  const normal = (sd: number, mean = 0): Distribution => ({ kind: 'normal', mean, sd });
  const symmetric = (limit: number): Distribution => ({ kind: 'uniform', low: -limit, high: limit });
  if (typeof spec === 'string') {
    switch (spec) {
      case 'xavierNormal':
        return normal(Math.sqrt(2 / (fanIn + fanOut)));
      case 'xavierUniform':
        return symmetric(Math.sqrt(6 / (fanIn + fanOut)));
      case 'heNormal':
        return normal(Math.sqrt(2 / fanIn));
      case 'heUniform':
        return symmetric(Math.sqrt(6 / fanIn));
      case 'zeros':
        return { kind: 'constant', value: 0 };
      case 'fanIn':
        return normal(Math.pow(fanIn, -0.5));
      case 'fanOut':
        return normal(Math.pow(fanOut, -0.5));
    }
  }
  switch (spec.kind) {
    case 'normal':
      return normal(spec.sd, spec.mean ?? 0);
    case 'fanNormal':
      return normal(Math.pow(spec.fan === 'in' ? fanIn : fanOut, -0.5));
    case 'uniform':
      return { kind: 'uniform', low: spec.low, high: spec.high };
    case 'constant':
      return { kind: 'constant', value: spec.value };
  }
}

/**
 * Refuses an initialiser `distributionOf` cannot draw from, naming the option (`what`): a name
 * that is not one of INIT_NAMES (with a did-you-mean), an unknown kind, or parameters that are
 * not finite numbers (a normal's sd above 0, a uniform's high above low).
 */
export function checkInit(spec: unknown, what: string): void {
  const kinds = ['normal', 'fanNormal', 'uniform', 'constant'];
  const forms = `${INIT_NAMES.join(', ')}, { kind: 'normal', sd }, { kind: 'fanNormal', fan: 'in' | 'out' }, { kind: 'uniform', low, high }, { kind: 'constant', value }`;
  if (typeof spec === 'string') {
    if ((INIT_NAMES as readonly string[]).includes(spec)) return;
    if (kinds.includes(spec)) throw new UsageError(`${what}: "${spec}" needs its parameters, as an object: one of ${forms}`);
    throw new UsageError(`${what}: unknown initialiser ${JSON.stringify(spec)}${initNameHint(spec)} (one of ${forms})`);
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) throw new UsageError(`${what} must be an initialiser: one of ${forms}; got ${spec === null ? 'null' : typeof spec}`);
  const o = spec as Record<string, unknown>;
  if (typeof o['kind'] === 'string' && (INIT_NAMES as readonly string[]).includes(o['kind'])) throw new UsageError(`${what}: ${o['kind']} is an initialiser's name, not a kind: pass ${what}: '${o['kind']}'`);
  if (typeof o['kind'] !== 'string' || !kinds.includes(o['kind'])) throw new UsageError(`${what}: ${unknownNameMessage('initialiser kind', o['kind'], kinds)}`);
  const finite = (key: string) => typeof o[key] === 'number' && Number.isFinite(o[key]);
  const bad = (problem: string) => new UsageError(`${what}: ${o['kind']} ${problem}, got ${JSON.stringify(spec)}`);
  if (o['kind'] === 'normal' && !(finite('sd') && (o['sd'] as number) > 0 && (o['mean'] === undefined || finite('mean')))) throw bad('needs a number sd above 0 (and an optional number mean)');
  if (o['kind'] === 'fanNormal' && o['fan'] !== 'in' && o['fan'] !== 'out') throw bad("needs fan 'in' or 'out'");
  if (o['kind'] === 'uniform' && !(finite('low') && finite('high') && (o['high'] as number) > (o['low'] as number))) throw bad('needs numbers low < high');
  if (o['kind'] === 'constant' && !finite('value')) throw bad('needs a number value');
}

/** A readable name for an initialiser, e.g. "normal(0, 0.01)". */
export function describeInit(spec: InitSpec): string {
  if (typeof spec === 'string') return spec;
  switch (spec.kind) {
    case 'normal':
      return `normal(${spec.mean ?? 0}, ${spec.sd})`;
    case 'fanNormal':
      return `normal(0, fan_${spec.fan}^-1/2)`;
    case 'uniform':
      return `uniform(${spec.low}, ${spec.high})`;
    case 'constant':
      return `constant(${spec.value})`;
  }
}

/** The usual default for a hidden activation: He for the ReLU family, Xavier otherwise. */
export function defaultInitFor(activation: string): InitName {
  return activation === 'relu' || activation === 'leakyRelu' ? 'heNormal' : 'xavierNormal';
}

/**
 * Parses the command-line form of an initialiser: a name, `normal:SD`, `normal:MEAN,SD`,
 * `uniform:LOW,HIGH`, `constant:VALUE`. Throws a one-line error on anything else.
 */
export function parseInit(text: string): InitSpec {
  const [name, argText] = text.split(':', 2) as [string, string | undefined];
  if ((INIT_NAMES as readonly string[]).includes(name) && argText === undefined) return name as InitName;
  const args = argText === undefined ? [] : argText.split(',').map((s) => (s.trim() === '' ? NaN : Number(s.trim())));
  if (args.some((v) => !Number.isFinite(v))) throw new UsageError(`initialiser "${text}": arguments must be numbers`);
  const refuse = (problem: string) => new UsageError(`initialiser "${text}": ${problem}`);
  const float32 = (value: number, what: string) => {
    if (Math.abs(value) > FLOAT32_MAX) throw refuse(`${what} ${value} is beyond the float32 range (±3.4e38)`);
  };
  args.forEach((value, i) => float32(value, `argument ${i + 1}`));
  if (name === 'normal' && (args.length === 1 || args.length === 2)) {
    const sd = args[args.length - 1]!;
    if (!(sd > 0)) throw refuse(`the standard deviation SD must be above 0, got ${sd}`);
    return args.length === 1 ? { kind: 'normal', sd } : { kind: 'normal', mean: args[0]!, sd };
  }
  if (name === 'uniform' && args.length === 2) {
    const [low, high] = args as [number, number];
    if (!(high > low)) throw refuse(`HIGH must be above LOW, got ${low},${high} (an empty range)`);
    if (!(Math.abs(high - low) <= FLOAT32_MAX)) throw refuse(`the range ${low}..${high} is wider than float32 can hold`);
    return { kind: 'uniform', low, high };
  }
  if (name === 'constant' && args.length === 1) return { kind: 'constant', value: args[0]! };
  throw new UsageError(
    `unknown initialiser "${text}"${initNameHint(name)} (one of ${INIT_NAMES.join(', ')}, normal:SD, normal:MEAN,SD, uniform:LOW,HIGH, constant:VALUE)`,
  );
}

/**
 * Other libraries' names for our initialisers (Keras' glorot_uniform, PyTorch's kaiming_normal_,
 * LeCun's normal, which is fanIn's N(0, 1/fan_in)), compared without case, '_' and '-'; a name
 * of both a normal and a uniform (he, glorot) lists both.
 */
const OTHER_NAMES: Readonly<Record<string, readonly InitName[]>> = {
  glorotuniform: ['xavierUniform'], xavieruniform: ['xavierUniform'], glorotnormal: ['xavierNormal'], xaviernormal: ['xavierNormal'],
  glorot: ['xavierNormal', 'xavierUniform'], xavier: ['xavierNormal', 'xavierUniform'],
  henormal: ['heNormal'], kaimingnormal: ['heNormal'], heuniform: ['heUniform'], kaiminguniform: ['heUniform'],
  he: ['heNormal', 'heUniform'], kaiming: ['heNormal', 'heUniform'], msra: ['heNormal', 'heUniform'],
  lecunnormal: ['fanIn'], lecun: ['fanIn'], zero: ['zeros'], zeros: ['zeros'],
};

/** "; did you mean ...?" for an unknown initialiser name: another library's name for one of ours, or a near spelling; '' for none. */
export function initNameHint(name: string): string {
  const other = OTHER_NAMES[name.toLowerCase().replace(/[_\s-]/g, '')];
  if (other !== undefined) return `; did you mean ${other.map((n) => JSON.stringify(n)).join(' or ')}?`;
  const guess = closestName(name, INIT_NAMES);
  return guess === undefined ? '' : `; did you mean "${guess}"?`;
}
