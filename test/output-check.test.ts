/** The README's output activation × loss × task table, row by row, against the check `train` runs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { outputSetupProblem } from '../src/cli/output-check.js';
import { ACTIVATION_NAMES, type ActivationName } from '../src/math/activations.js';
import { LOSS_NAMES, type LossName } from '../src/math/losses.js';

function readmeTable(): string[][] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('<!-- output-table:');
  assert.ok(start >= 0, 'README has the output table marker');
  const lines = readme.slice(start).split('\n').slice(1);
  const rows: string[][] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((cell) => cell.trim()));
  }
  return rows;
}

/** "allowed", or the refusal's words, which must appear in the one-line message. */
function assertCell(cell: string, problem: string | undefined, where: string): void {
  if (cell === 'allowed') {
    assert.equal(problem, undefined, `${where}: the README says allowed, the check says "${problem}"`);
    return;
  }
  const words = /^refused: (.+)$/.exec(cell)?.[1];
  assert.ok(words !== undefined, `${where}: cell "${cell}" is neither allowed nor refused: ...`);
  assert.ok(problem !== undefined && problem.includes(words), `${where}: refused for "${words}", the check says "${problem}"`);
}

test('README table: every output activation × loss × task combination, as train decides it', () => {
  const rows = readmeTable();
  assert.equal(rows.length, ACTIVATION_NAMES.length * LOSS_NAMES.length, 'one row per activation and loss');
  const seen = new Set<string>();
  for (const [activation, loss, classification, regression] of rows) {
    assert.ok(ACTIVATION_NAMES.includes(activation as ActivationName) && LOSS_NAMES.includes(loss as LossName), `row ${activation} ${loss}`);
    seen.add(`${activation} ${loss}`);
    const setup = { activation: activation as ActivationName, loss: loss as LossName };
    assertCell(classification!, outputSetupProblem({ ...setup, task: 'classification', outputs: 3 }), `${activation} ${loss} classification`);
    assertCell(regression!, outputSetupProblem({ ...setup, task: 'regression', outputs: 1 }), `${activation} ${loss} regression`);
  }
  assert.equal(seen.size, rows.length, 'no row twice');
});

test('beyond the table: softmax on one unit, binary cross-entropy on targets outside [0, 1]; the seeds\' set-ups pass', () => {
  assert.match(outputSetupProblem({ activation: 'softmax', loss: 'crossEntropy', task: 'classification', outputs: 1 })!, /softmax on one output unit always outputs 1/);
  assert.match(outputSetupProblem({ activation: 'sigmoid', loss: 'binaryCrossEntropy', task: 'classification', outputs: 3, oneHot: { on: 1, off: -1 } })!, /targets in \[0, 1\]/);
  assert.equal(outputSetupProblem({ activation: 'sigmoid', loss: 'binaryCrossEntropy', task: 'classification', outputs: 10, oneHot: { on: 0.99, off: 0.01 } }), undefined);
  assert.equal(outputSetupProblem({ activation: 'sigmoid', loss: 'binaryCrossEntropy', task: 'classification', outputs: 1 }), undefined, 'xor');
  assert.equal(outputSetupProblem({ activation: 'sigmoid', loss: 'halfSumSquares', task: 'regression', outputs: 2 }), undefined, 'seed 001 worked example');
  assert.equal(outputSetupProblem({ activation: 'sigmoid', loss: 'halfSumSquares', task: 'classification', outputs: 10 }), undefined, 'seed 003');
});
