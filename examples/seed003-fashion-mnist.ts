/**
 * Reproduces the seed experiment seed003-fashion-mnist: prints the seed's figures beside ours and exits
 * non-zero if any misses its tolerance.
 * Run: node --import tsx examples/seed003-fashion-mnist.ts [Fashion-MNIST directory]
 */
import { passed, reproduce } from '../src/reproduce/index.js';

const report = await reproduce('seed003-fashion-mnist', process.argv[2] === undefined ? {} : { fashionDir: process.argv[2] });
process.exitCode = passed(report) ? 0 : 1;
