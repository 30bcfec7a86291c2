/**
 * Reproduces the seed experiment seed000-housing: prints the seed's figures beside ours and exits
 * non-zero if any misses its tolerance.
 * Run: node --import tsx examples/seed000-housing.ts [path/to/cal_housing.csv]
 */
import { passed, reproduce } from '../src/reproduce/index.js';

const report = await reproduce('seed000-housing', process.argv[2] === undefined ? {} : { housingPath: process.argv[2] });
process.exitCode = passed(report) ? 0 : 1;
