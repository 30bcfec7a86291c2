/** The whole fuzz suite: every family with its case count, one report per family. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../cli-run.js';
import { fuzzCsv, fuzzIdx } from './families-data.js';
import { fuzzFlags, fuzzModels, fuzzPredict } from './families-model.js';
import { fuzzSaves } from './families-saves.js';
import { caseCount, fuzzSeed, report, run, type FamilyReport } from './harness.js';

/** Case counts per family for the bounded run (npm test); FUZZ_SCALE multiplies them. */
export const BOUNDED = { csv: 150, idx: 150, models: 200, flags: 150, predict: 120, saves: 3 } as const;

/** Runs the families named in `families` (default all); returns their reports. */
export async function runFuzzSuite(families: readonly (keyof typeof BOUNDED)[] = Object.keys(BOUNDED) as (keyof typeof BOUNDED)[]): Promise<FamilyReport[]> {
  const seed = fuzzSeed();
  const dir = tempDir();
  const reports: FamilyReport[] = [];
  const good = join(dir, 'iris.json');
  const trained = await run(['train', 'iris', '--epochs', '2', '--no-out', '--quiet', '--save', good]);
  if (trained.code !== 0) throw new Error(`cannot train the fuzz model: ${trained.stderr}`);
  const featureNames = (JSON.parse(readFileSync(good, 'utf8')) as { metadata: { preprocessing: { featureNames: string[] } } }).metadata.preprocessing.featureNames;
  const rows = join(dir, 'iris-rows.csv');
  await import('node:fs').then(({ writeFileSync }) => writeFileSync(rows, `${featureNames.join(',')},species\n5.1,3.5,1.4,0.2,setosa\n6.7,3.0,5.2,2.3,virginica\n`));
  for (const family of families) {
    const r = report(family);
    const n = caseCount(BOUNDED[family]);
    if (family === 'csv') await fuzzCsv(r, n, seed, dir);
    if (family === 'idx') await fuzzIdx(r, n, seed, dir);
    if (family === 'models') await fuzzModels(r, n, seed, dir, good, rows);
    if (family === 'flags') await fuzzFlags(r, n, seed);
    if (family === 'predict') await fuzzPredict(r, n, seed, dir, good, featureNames);
    if (family === 'saves') await fuzzSaves(r, n, seed, dir);
    reports.push(r);
  }
  return reports;
}
