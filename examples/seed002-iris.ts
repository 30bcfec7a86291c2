/**
 * Reproduces the seed experiment seed002-iris: prints the seed's figures beside ours and exits
 * non-zero if any misses its tolerance.
 * Run: node --import tsx examples/seed002-iris.ts 
 */
import { passed, reproduce } from '../src/reproduce/index.js';

const report = await reproduce('seed002-iris', {});
process.exitCode = passed(report) ? 0 : 1;
