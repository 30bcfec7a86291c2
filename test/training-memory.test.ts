/**
 * The memory a training run needs (weights, gradients, snapshots, optimiser state, batch
 * buffers), checked before the network is built (CLI) and before training allocates (library).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Matrix, Mlp, ResourceLimitError, UsageError, checkTrainingMemory, checkTrainingSizes, createReferenceBackend, fit, setMemoryBudget, trainingMemory } from '../src/index.js';
import { assertOneLineError, cli } from './cli-run.js';
import { withBudget } from './helpers/budget.js';

describe('training memory', () => {
  it('counts parameters, their copies per optimiser and the batch buffers', () => {
    // 4-10-3 with biases: 4·10 + 10 + 10·3 + 3 = 83 parameters.
    const adam = trainingMemory({ sizes: [4, 10, 3], optimizer: 'adam', batchSize: 2 });
    assert.deepEqual(adam, { parameters: 83, copies: 5, parameterBytes: 5 * 83 * 4, batchBytes: 2 * (2 * 4 + 2 * 3 + 4 * 13) * 4, bytes: 5 * 83 * 4 + 528 });
    assert.equal(trainingMemory({ sizes: [4, 10, 3], optimizer: 'momentum', batchSize: 2 }).copies, 4);
    assert.equal(trainingMemory({ sizes: [4, 10, 3], optimizer: 'nesterov', batchSize: 2, earlyStopping: true }).copies, 5);
    assert.equal(trainingMemory({ sizes: [4, 10, 3], batchSize: 2 }).copies, 3, 'plain SGD: weights, gradients, last good');
    assert.equal(trainingMemory({ sizes: [4, 10, 3], batchSize: 2, bias: false }).parameters, 70);
    assert.equal(trainingMemory({ sizes: [4, 10, 3], batchSize: 2, dtype: 'float64' }).parameterBytes, 3 * 83 * 8);
  });

  it('refuses a run over the budget in one line with the size, and bad sizes as usage mistakes', () => {
    assert.throws(() => checkTrainingMemory({ sizes: [4, 30000, 30000, 3], optimizer: 'adam', batchSize: 32 }, 4e9), (error: unknown) => {
      assert.ok(error instanceof ResourceLimitError);
      assert.equal(
        error.message,
        "training a 4-30000-30000-3 network (900,270,003 parameters × 5 copies: weights, gradients, last good weights, adam's 2 moments; batches of 32 rows) needs 18.0 GB, more than the memory limit of 4.0 GB (raise it with --max-memory or setMemoryBudget)",
      );
      assert.equal(error.limit, 4e9);
      return true;
    });
    assert.equal(checkTrainingMemory({ sizes: [4, 10, 3], batchSize: 2 }, 1e6).parameters, 83);
    for (const [sizes, batch] of [[[4, 0, 3], 1], [[4, 1.5, 3], 1], [[4, NaN, 3], 1], [[4], 1], [[4, 3], 0]] as const) {
      assert.throws(() => checkTrainingSizes(sizes, batch), UsageError, `${sizes.join('-')} batch ${batch}`);
    }
    assert.throws(() => checkTrainingMemory({ sizes: [4, 1e8, 1e8, 3], batchSize: 32 }), /needs \d+\.\d TB, more than the memory limit/, 'absurd sizes are a size, not a crash');
  });

  it('train refuses, before allocating optimiser state and buffers, a model whose training does not fit', () => {
    // 4-1000-3: 8,003 parameters, 64 kB of weights and gradients (Mlp's own check).
    const x = Matrix.zeros(8, 4);
    const y = Matrix.zeros(8, 3);
    withBudget(150e3, () => {
      const model = Mlp.create({ sizes: [4, 1000, 3], backend: createReferenceBackend() });
      // SGD, batches of 1: 3 copies (96 kB) and 16 kB of buffers fit.
      assert.equal(fit(model, { x, y }, { epochs: 1, batchSize: 1 }).epochs.length, 1);
      // Adam: 5 copies (160 kB) do not.
      assert.throws(() => fit(model, { x, y }, { epochs: 1, batchSize: 1, optimizer: { kind: 'adam' } }), (error: unknown) => {
        assert.ok(error instanceof ResourceLimitError);
        assert.match(error.message, /^training a 4-1000-3 network \(8,003 parameters × 5 copies: .*adam's 2 moments; batches of 1 row\) needs 176\.2 kB, more than the memory limit of 150\.0 kB/);
        return true;
      });
    });
  });

  it('the CLI refuses huge --layers before building the network, with the size and the budget', async () => {
    const started = performance.now();
    const wide = await cli(['--max-memory', '4GB', 'train', 'iris', '--layers', '30000,30000', '--backend', 'reference', '--no-out']);
    assertOneLineError(wide, 1, /training a 4-30000-30000-3 network \(900,270,003 parameters × 5 copies.*\) needs 18\.0 GB, more than the memory limit of 4\.0 GB/);
    const huge = await cli(['--max-memory', '4GB', 'train', 'iris', '--layers', '100000000', '--optimizer', 'sgd', '--no-out']);
    assertOneLineError(huge, 1, /training a 4-100000000-3 network \(800,000,003 parameters × 3 copies.*\) needs 60\.8 GB, more than the memory limit of 4\.0 GB/);
    assert.ok(performance.now() - started < 30_000, 'refused up front, not after allocating');
  });
});

describe('large networks', () => {
  it('get a notice with their size before they are built, small ones none', async () => {
    const { largeNetworkNotice } = await import('../src/cli/commands/train-config.js');
    const big = trainingMemory({ sizes: [4, 10000, 10000, 3], batchSize: 32 });
    assert.equal(
      largeNetworkNotice([4, 10000, 10000, 3], big, 'reference'),
      'network: 4-10000-10000-3, 100,090,003 parameters, about 1.2 GB for training; building it takes a while; the reference backend is slow at this size',
    );
    assert.equal(largeNetworkNotice([4, 32, 3], trainingMemory({ sizes: [4, 32, 3], batchSize: 32 }), 'default'), undefined);
  });
});
