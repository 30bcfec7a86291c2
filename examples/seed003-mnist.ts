/**
 * Reproduces the seed experiment seed003-mnist: prints the seed's figures beside ours and exits
 * non-zero if any misses its tolerance.
 * Run: node --import tsx examples/seed003-mnist.ts [MNIST directory: IDX files or mnist_train.csv + mnist_test.csv]
 */
import { passed, reproduce } from '../src/reproduce/index.js';

const report = await reproduce('seed003-mnist', process.argv[2] === undefined ? {} : { mnistDir: process.argv[2] });
process.exitCode = passed(report) ? 0 : 1;
