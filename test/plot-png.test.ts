/** SVG → PNG through resvg-wasm with the npm-shipped DejaVu font: the PNGs decode, have the asked size and show something. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { PNG } from 'pngjs';
import { confusionMatrixSvg, lossCurveSvg, svgDocument, svgToPng, writeSvgAndPng } from '../src/node.js';

/** Standard deviation of the grey level over all pixels (0 for a blank image). */
function greyDeviation(png: PNG): number {
  let sum = 0;
  let squares = 0;
  const n = png.width * png.height;
  for (let i = 0; i < n; i++) {
    const grey = (png.data[4 * i]! + png.data[4 * i + 1]! + png.data[4 * i + 2]!) / 3;
    sum += grey;
    squares += grey * grey;
  }
  const mean = sum / n;
  return Math.sqrt(Math.max(0, squares / n - mean * mean));
}

const history = { train: [1.2, 0.8, 0.5, 0.4, 0.35], validation: [1.3, 0.9, 0.6, 0.55, 0.5] };

test('a loss curve renders to a PNG of the SVG size that is not blank', async () => {
  const png = PNG.sync.read(Buffer.from(await svgToPng(lossCurveSvg({ loss: history }))));
  assert.equal(png.width, 640);
  assert.equal(png.height, 420);
  assert.ok(greyDeviation(png) > 5, `grey-level deviation ${greyDeviation(png)}`);
});

test('width and scale options set the PNG size, keeping the aspect ratio', async () => {
  const svg = confusionMatrixSvg({ counts: [[3, 1], [0, 4]] });
  const doc = /width="(\d+(?:\.\d+)?)" height="(\d+(?:\.\d+)?)"/.exec(svg)!;
  const [w, h] = [Number(doc[1]), Number(doc[2])];
  const wide = PNG.sync.read(Buffer.from(await svgToPng(svg, { width: 1000 })));
  assert.equal(wide.width, 1000);
  assert.equal(wide.height, Math.round((1000 * h) / w));
  const double = PNG.sync.read(Buffer.from(await svgToPng(svg, { scale: 2 })));
  assert.equal(double.width, Math.round(2 * w));
  assert.ok(greyDeviation(double) > 5);
});

test('text is drawn with the bundled font (a text-only SVG is not blank)', async () => {
  const png = PNG.sync.read(Buffer.from(await svgToPng(svgDocument(200, 60, '', { title: 'Hello' }))));
  assert.ok(greyDeviation(png) > 3, 'the title left ink on the page');
});

test('writeSvgAndPng writes both files next to each other', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-plot-'));
  try {
    const paths = await writeSvgAndPng(join(dir, 'loss'), lossCurveSvg({ loss: history }));
    assert.match(readFileSync(paths.svg, 'utf8'), /^<svg /);
    const png = PNG.sync.read(readFileSync(paths.png));
    assert.equal(png.width, 640);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
