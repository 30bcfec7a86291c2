/**
 * Early stopping as `train` and `trainAsync` both apply it: watch one loss per epoch, keep the
 * weights of the best epoch, stop after `patience` epochs without an improvement of `minDelta`,
 * and put the best weights back at the end when asked (the default).
 */
import type { Mlp } from '../nn/mlp.js';
import type { EarlyStoppingOptions } from './train-options.js';
import { WeightSnapshot } from './weight-snapshot.js';

/** The loss figures of one epoch that early stopping may watch. */
export interface WatchedLosses {
  readonly loss: number;
  readonly validationLoss?: number;
}

/** One training run's early-stopping state; with no options it never stops and restores nothing. */
export class EarlyStopping {
  readonly #options: EarlyStoppingOptions | undefined;
  readonly #monitor: 'loss' | 'validationLoss';
  readonly #best: WeightSnapshot | undefined;
  #bestValue = Infinity;
  #bestEpoch: number | undefined;
  #waited = 0;

  /** `hasValidation`: the default monitor is the validation loss when there is validation data. */
  constructor(model: Mlp, options: EarlyStoppingOptions | undefined, hasValidation: boolean) {
    this.#options = options;
    this.#monitor = options?.monitor ?? (hasValidation ? 'validationLoss' : 'loss');
    this.#best = options === undefined ? undefined : new WeightSnapshot(model);
  }

  /** Records epoch `epoch` (the model holds its weights); true when patience has run out. */
  observe(epoch: number, losses: WatchedLosses, model: Mlp): boolean {
    const options = this.#options;
    if (options === undefined) return false;
    const watched = this.#monitor === 'validationLoss' ? (losses.validationLoss ?? losses.loss) : losses.loss;
    if (watched < this.#bestValue - (options.minDelta ?? 0)) {
      this.#bestValue = watched;
      this.#bestEpoch = epoch;
      this.#waited = 0;
      this.#best!.capture(model);
      return false;
    }
    return ++this.#waited >= options.patience;
  }

  /** At the end of training: restores the best epoch's weights if asked; returns that epoch, or undefined. */
  finish(model: Mlp): number | undefined {
    const restore = this.#options !== undefined && (this.#options.restoreBestWeights ?? true) && this.#bestEpoch !== undefined;
    if (!restore) return undefined;
    this.#best!.restore(model);
    return this.#bestEpoch;
  }
}
