/**
 * Optimisers: they see only parameters and their gradients, never layers. Plain SGD also offers
 * the `plainSgd` capability: its step is simple enough for the training step plan
 * (train/step-plan.ts) to apply inside back-propagation instead (Dense.sgdStep writes W directly
 * and never forms dW), asking the optimiser only to count the step and name the learning rate.
 * State (velocities, Adam moments) is allocated once per parameter through the backend.
 */
import { unknownNameMessage } from '../errors/closest-name.js';
import { UsageError } from '../errors/usage-error.js';
import type { Backend } from '../backend/backend.js';
import { createReferenceBackend } from '../backend/reference.js';
import type { Matrix } from '../matrix.js';

/** One trainable tensor, its gradient, and whether the L1 and L2 penalties apply to it (weights yes, biases no). */
export interface Parameter {
  readonly name: string;
  readonly value: Matrix;
  readonly grad: Matrix;
  readonly decay: boolean;
}

/** Settings of an optimiser, as plain data (what the CLI parses and the model file records). */
export type OptimizerConfig =
  | { readonly kind: 'sgd'; readonly learningRate: number; readonly weightDecay?: number; readonly l1?: number }
  | {
      readonly kind: 'momentum';
      readonly learningRate: number;
      /** Default 0.9. */
      readonly momentum?: number;
      /** Nesterov's look-ahead form (default false). */
      readonly nesterov?: boolean;
      readonly weightDecay?: number;
      readonly l1?: number;
    }
  | {
      readonly kind: 'adam';
      /** Default 0.001. */
      readonly learningRate?: number;
      /** Default 0.9. */
      readonly beta1?: number;
      /** Default 0.999. */
      readonly beta2?: number;
      /** Default 1e-8. */
      readonly epsilon?: number;
      readonly weightDecay?: number;
      /** L1 penalty λ₁ (every variant, default 0): λ₁·sign(w) is added to each weight's gradient before the update. */
      readonly l1?: number;
    };

/** Names of the optimisers. */
export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adam'] as const;

/** Updates parameters from their gradients. `learningRate` may be changed between steps (schedules do). */
export interface Optimizer {
  readonly config: OptimizerConfig;
  learningRate: number;
  /** Number of steps taken. */
  readonly steps: number;
  /** Applies one update to every parameter. */
  step(backend: Backend, parameters: readonly Parameter[]): void;
  /**
   * Present when the update is plain SGD, p −= learningRate·g for every parameter (no momentum,
   * weight decay or L1): a caller may then apply that update itself, fused into
   * back-propagation, instead of calling `step`. `takeStep()` counts the step as `step` would and
   * returns the learning rate to apply (the current `learningRate`, validated at creation).
   * An object that replaces `step` (say, by spreading a created optimiser) must leave it out.
   */
  readonly plainSgd?: PlainSgd;
}

/** The plain-SGD capability of an optimiser (see Optimizer.plainSgd). */
export interface PlainSgd {
  /** Counts one step and returns its learning rate. */
  takeStep(): number;
}

/** Creates an optimiser from its settings. */
/** The `kind`s of OptimizerConfig. */
export const OPTIMIZER_KINDS: readonly OptimizerConfig['kind'][] = ['sgd', 'momentum', 'adam'];

export function createOptimizer(config: OptimizerConfig): Optimizer {
  // An unknown kind would make step() update nothing: refused (JavaScript callers, configs from files).
  if (!OPTIMIZER_KINDS.includes(config.kind)) throw new UsageError(`optimizer.kind: ${unknownNameMessage('optimizer', config.kind, OPTIMIZER_KINDS)}`);
  const learningRate = config.learningRate ?? 0.001;
  if (!(learningRate > 0) || !Number.isFinite(learningRate)) {
    throw new UsageError(`learning rate must be a positive number, got ${learningRate}`);
  }
  const weightDecay = config.weightDecay ?? 0;
  if (!(weightDecay >= 0)) throw new UsageError(`weight decay must be >= 0, got ${weightDecay}`);
  const l1 = config.l1 ?? 0;
  if (!(l1 >= 0) || !Number.isFinite(l1)) throw new UsageError(`l1 must be a finite number >= 0, got ${l1}`);
  checkRates(config);
  const state = new Map<Matrix, Matrix[]>();
  // The state's memory goes back to the backend once the optimiser is collected (nothing else holds it).
  let owned: { backend: Backend; matrices: Matrix[] } | undefined;
  const stateFor = (backend: Backend, p: Parameter, count: number): Matrix[] => {
    let s = state.get(p.value);
    if (s === undefined) {
      s = Array.from({ length: count }, () => backend.allocate(p.value.rows, p.value.cols, p.value.dtype));
      state.set(p.value, s);
      if (backend.release !== undefined) {
        if (owned === undefined) {
          owned = { backend, matrices: [] };
          stateRegistry.register(optimizer, owned);
        }
        for (const m of s) owned.matrices.push(m);
      }
    }
    return s;
  };
  const decayOf = (p: Parameter) => (p.decay ? weightDecay : 0);
  const plainSgd: PlainSgd = {
    takeStep() {
      optimizer.steps++;
      return optimizer.learningRate;
    },
  };
  const isPlain = config.kind === 'sgd' && weightDecay === 0 && l1 === 0;
  const optimizer: Optimizer & { steps: number } = {
    config,
    learningRate,
    steps: 0,
    ...(isPlain ? { plainSgd } : {}),
    step(backend: Backend, parameters: readonly Parameter[]) {
      optimizer.steps++;
      const lr = optimizer.learningRate;
      for (const p of parameters) {
        if (l1 > 0 && p.decay) l1Gradient(backend)(p.value, p.grad, l1);
        switch (config.kind) {
          case 'sgd':
            backend.sgdUpdate(p.value, p.grad, lr, decayOf(p));
            break;
          case 'momentum': {
            const [velocity] = stateFor(backend, p, 1) as [Matrix];
            backend.momentumUpdate(p.value, p.grad, velocity, lr, config.momentum ?? 0.9, config.nesterov ?? false, decayOf(p));
            break;
          }
          case 'adam': {
            const [m, v] = stateFor(backend, p, 2) as [Matrix, Matrix];
            backend.adamUpdate(p.value, p.grad, m, v, {
              learningRate: lr,
              beta1: config.beta1 ?? 0.9,
              beta2: config.beta2 ?? 0.999,
              epsilon: config.epsilon ?? 1e-8,
              step: optimizer.steps,
              weightDecay: decayOf(p),
            });
            break;
          }
        }
      }
    },
  };
  return optimizer;
}

/** The backend's addL1Gradient, or the reference one on host memory; a device backend (results not in `data`) must have its own. */
function l1Gradient(backend: Backend): (param: Matrix, grad: Matrix, strength: number) => void {
  if (backend.addL1Gradient !== undefined) return (param, grad, strength) => backend.addL1Gradient!(param, grad, strength);
  if (backend.read !== undefined) throw new Error(`l1: backend "${backend.name}" keeps results on its device and has no addL1Gradient`);
  return (param, grad, strength) => reference.addL1Gradient!(param, grad, strength);
}

/** Defines the optional backend operations (addL1Gradient) for backends that leave them out. */
const reference = createReferenceBackend();

/** Gives optimiser state back to its backend when the optimiser is garbage-collected. */
const stateRegistry = new FinalizationRegistry<{ backend: Backend; matrices: Matrix[] }>(({ backend, matrices }) => {
  for (const m of matrices) backend.release?.(m);
});

/** Settings from a name ('sgd', 'momentum', 'nesterov', 'adam') and a learning rate. */
export function optimizerConfigFor(
  name: string,
  learningRate: number,
  extra: { momentum?: number; weightDecay?: number; l1?: number } = {},
): OptimizerConfig {
  const weightDecay = extra.weightDecay ?? 0;
  const l1 = extra.l1 === undefined ? {} : { l1: extra.l1 };
  // A momentum for an optimiser without one would be ignored: refused, in words both the CLI (--momentum) and the estimators (momentum) share.
  if (extra.momentum !== undefined && name !== 'momentum' && name !== 'nesterov' && (OPTIMIZER_NAMES as readonly string[]).includes(name)) {
    throw new UsageError(`momentum is a setting of the momentum and nesterov optimizers, not of ${name}${name === 'adam' ? ' (adam keeps its own running averages)' : ''}: choose optimizer momentum, or leave momentum out`);
  }
  switch (name) {
    case 'sgd':
      return { kind: 'sgd', learningRate, weightDecay, ...l1 };
    case 'momentum':
    case 'nesterov':
      return { kind: 'momentum', learningRate, momentum: extra.momentum ?? 0.9, nesterov: name === 'nesterov', weightDecay, ...l1 };
    case 'adam':
      return { kind: 'adam', learningRate, weightDecay, ...l1 };
    default:
      throw new UsageError(unknownNameMessage('optimizer', name, OPTIMIZER_NAMES));
  }
}

/**
 * Momentum and Adam's averaging rates in [0, 1) (1 or more makes the running averages grow
 * without bound: the steps diverge), a positive finite epsilon, and nesterov true or false.
 */
function checkRates(config: OptimizerConfig): void {
  const rates: [string, number | undefined][] =
    config.kind === 'momentum' ? [['momentum', config.momentum]] : config.kind === 'adam' ? [['beta1', config.beta1], ['beta2', config.beta2]] : [];
  for (const [name, rate] of rates) {
    if (rate !== undefined && !(rate >= 0 && rate < 1)) throw new UsageError(`${name} must be a number in [0, 1), got ${rate}`);
  }
  if (config.kind === 'adam' && config.epsilon !== undefined && !(config.epsilon > 0 && Number.isFinite(config.epsilon))) throw new UsageError(`epsilon must be a positive number, got ${config.epsilon}`);
  if (config.kind === 'momentum' && config.nesterov !== undefined && typeof config.nesterov !== 'boolean') throw new UsageError(`nesterov must be true or false, got ${String(config.nesterov)}`);
}
