import { BackpropError } from '../errors/backprop-error.js';

/** Raised when the loss becomes NaN or infinite; the model's weights are restored to the last good epoch. Exit code 3. */
export class TrainingDivergedError extends BackpropError {
  /** 1-based epoch and batch where the loss stopped being finite. */
  readonly epoch: number;
  readonly batch: number;
  readonly loss: number;

  constructor(epoch: number, batch: number, loss: number, learningRate: number, restoredEpoch: number) {
    const restored = restoredEpoch === 0 ? 'the initial weights' : `the weights after epoch ${restoredEpoch}`;
    super(
      `training diverged at epoch ${epoch}, batch ${batch}: the loss is ${loss}; ` +
        `try a smaller learning rate (now ${learningRate}) or scale the inputs (standardize or min-max); ` +
        `the model keeps ${restored}`,
      3,
    );
    this.name = 'TrainingDivergedError';
    this.epoch = epoch;
    this.batch = batch;
    this.loss = loss;
  }
}
