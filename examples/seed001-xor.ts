/**
 * Reproduces the seed experiment seed001-xor: prints the seed's figures beside ours and exits
 * non-zero if any misses its tolerance.
 * Run: node --import tsx examples/seed001-xor.ts 
 */
import { passed, reproduce } from '../src/reproduce/index.js';

const report = await reproduce('seed001-xor', {});
process.exitCode = passed(report) ? 0 : 1;
