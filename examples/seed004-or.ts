/**
 * Reproduces the seed experiment seed004-or: prints the seed's figures beside ours and exits
 * non-zero if any misses its tolerance.
 * Run: node --import tsx examples/seed004-or.ts 
 */
import { passed, reproduce } from '../src/reproduce/index.js';

const report = await reproduce('seed004-or', {});
process.exitCode = passed(report) ? 0 : 1;
