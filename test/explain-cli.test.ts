/** `backprop explain` run as a subprocess: text, Markdown, HTML and JSON, and one-line errors. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.ts', import.meta.url));

function backprop(...args: string[]) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', main, 'explain', ...args], { encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('no arguments: the classic walkthrough as text', () => {
  const { code, stdout } = backprop();
  assert.equal(code, 0);
  assert.ok(stdout.startsWith('Backpropagation step by step: a 2-2-2 network'));
  assert.ok(stdout.includes('E_total = E_o1 + E_o2 = 0.274811083 + 0.023560026 = 0.298371109'));
  assert.ok(stdout.includes('w1+ = w1 - η·∂E_total/∂w1 = 0.15 - 0.5 × 0.000438568 = 0.149780716'));
});

test('--format md and --format html', () => {
  const md = backprop('--format', 'md');
  assert.equal(md.code, 0);
  assert.ok(md.stdout.startsWith('# Backpropagation step by step'));
  assert.ok(md.stdout.includes('$$'));
  const html = backprop('--format', 'html', '--matrix');
  assert.equal(html.code, 0);
  assert.ok(html.stdout.startsWith('<!DOCTYPE html>'));
  assert.ok(html.stdout.includes('</svg>') && html.stdout.includes('class="matrix"'));
});

test('--json with --iterations', () => {
  const { code, stdout } = backprop('--json', '--iterations', '10000');
  assert.equal(code, 0);
  const json = JSON.parse(stdout) as Record<string, unknown>;
  assert.equal(json['totalError'], 0.298371109);
  assert.equal((json['updatedWeights'] as Record<string, number>)['w8'], 0.561370121);
  assert.equal(json['errorAfter'], 0.0000351019);
});

test('a user network and the matrix form of a larger one', () => {
  const small = backprop('--layers', '2,3,1', '--activation', 'tanh', '--output-activation', 'linear', '--loss', 'mse', '--seed', '4', '--targets', '0.5', '--lr', '0.1');
  assert.equal(small.code, 0, small.stderr);
  assert.ok(small.stdout.includes('net_h3 = w5·i1 + w6·i2 + b1'));
  const large = backprop('--layers', '6,8,3', '--inputs', '1,2,3,4,5,6', '--targets', '0,1,0', '--matrix', '--output-activation', 'softmax', '--loss', 'crossEntropy');
  assert.equal(large.code, 0, large.stderr);
  assert.ok(large.stdout.startsWith('Backpropagation in matrix form: a 6-8-3 network'));
  assert.ok(large.stdout.includes('dW[1]  6x8'));
});

test('bad input ends in one line on stderr and exit code 2', () => {
  for (const args of [['--layers', '2,8,2'], ['--lr', 'fast'], ['--weights', '1,2,3'], ['--activation', 'sigmoidal'], ['--layers', '3,2']]) {
    const { code, stdout, stderr } = backprop(...args);
    assert.equal(code, 2, `${args.join(' ')}: exit code`);
    assert.equal(stdout, '');
    assert.equal(stderr.trim().split('\n').length, 1, `${args.join(' ')}: ${stderr}`);
  }
});
