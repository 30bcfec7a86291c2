/**
 * Writes California housing as the built-in loader reads it (8 features, MedHouseVal) to a CSV,
 * for scripts/sklearn-housing.py to score scikit-learn on exactly the same rows.
 * Run: node --import tsx scripts/export-housing.ts OUT.csv [census file]
 */
import { writeFileSync } from 'node:fs';
import { inputMatrix, loadDataset } from '../src/node.js';

const [out, path] = process.argv.slice(2);
if (out === undefined) throw new Error('usage: export-housing.ts OUT.csv [cal_housing.csv]');
const { train } = await loadDataset('california-housing', path === undefined ? {} : { path });
const x = inputMatrix(train, { scale: 1, shift: 0 });
const lines = [[...train.featureNames, ...train.targetNames].join(',')];
for (let r = 0; r < x.rows; r++) lines.push([...x.data.subarray(r * x.cols, (r + 1) * x.cols), train.targets!.data[r]!].map(String).join(','));
writeFileSync(out, lines.join('\n') + '\n');
console.log(`wrote ${out} (${x.rows} rows)`);
