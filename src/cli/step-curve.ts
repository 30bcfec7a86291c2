/**
 * The training loss of a short run in equal groups of steps: a per-epoch curve of a 2-epoch run
 * has two points, a per-step one shows how the loss actually fell. Used by the terminal chart and
 * the run folder's training-curves picture.
 */

/** Mean training loss of every `stepsPerPoint` steps. */
export interface StepCurve {
  readonly stepsPerPoint: number;
  readonly points: readonly number[];
}

/** Points a step curve aims for (one terminal column each). */
const STEP_CURVE_POINTS = 60;

/** Runs shorter than this many epochs get a per-step curve. */
export const STEP_CURVE_MAX_EPOCHS = 10;

/** Collects batch losses (weighted by rows) into about 60 points over `epochs` epochs. */
export class StepCurveCollector {
  readonly #epochs: number;
  #stepsPerPoint = 0;
  #chunk = { loss: 0, rows: 0, steps: 0 };
  readonly #points: number[] = [];

  constructor(epochs: number) {
    this.#epochs = epochs;
  }

  /** Adds one batch of `rows` rows with mean loss `loss`, out of `batches` batches per epoch. */
  add(batches: number, rows: number, loss: number): void {
    if (this.#stepsPerPoint === 0) this.#stepsPerPoint = Math.max(1, Math.round((batches * this.#epochs) / STEP_CURVE_POINTS));
    const chunk = this.#chunk;
    chunk.loss += loss * rows;
    chunk.rows += rows;
    if (++chunk.steps < this.#stepsPerPoint) return;
    this.#points.push(chunk.loss / chunk.rows);
    this.#chunk = { loss: 0, rows: 0, steps: 0 };
  }

  /** The curve, once it has at least two points. */
  get curve(): StepCurve | undefined {
    return this.#points.length < 2 ? undefined : { stepsPerPoint: this.#stepsPerPoint, points: this.#points };
  }
}
