/** Plot building blocks: the SVG checker itself, escaping, nice ticks, log ticks, colour maps, terminal digits. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blueWhiteRed, blues, classColor, digitToText, escapeXml, linearScale, logScale, svgDocument, viridis } from '../src/index.js';
import { parseSvg } from './helpers/svg-check.js';

test('the SVG checker rejects malformed documents and accepts escaped text', () => {
  assert.throws(() => parseSvg('<svg><g></svg>'));
  assert.throws(() => parseSvg('<svg><text>a & b</text></svg>'));
  assert.throws(() => parseSvg('<svg x=1></svg>'));
  assert.throws(() => parseSvg('<svg/><svg/>'));
  const parsed = parseSvg(`<svg><text>${escapeXml(`<R&D> "x" 'y'`)}</text></svg>`);
  assert.equal(parsed.text, `<R&D> "x" 'y'`);
});

test('svgDocument is well formed, sized, titled and escapes the title', () => {
  const parsed = parseSvg(svgDocument(300, 200, '', { title: 'a < b & c', subtitle: 'sub' }));
  assert.equal(parsed.elements[0]!.attributes['width'], '300');
  assert.equal(parsed.elements[0]!.attributes['height'], '200');
  assert.match(parsed.text, /a < b & c/);
  assert.match(parsed.text, /sub/);
});

test('linear scales pick 1-2-5 ticks that cover the data and map the domain onto the pixel range', () => {
  const s = linearScale(0.013, 2.31, 0, 500);
  assert.deepEqual(s.ticks.map(s.format), ['0', '0.5', '1.0', '1.5', '2.0', '2.5']);
  assert.equal(s.map(s.domain[0]), 0);
  assert.equal(s.map(s.domain[1]), 500);
  const epochs = linearScale(1, 30, 0, 100, { integer: true, exact: true });
  assert.ok(epochs.ticks.every((t) => Number.isInteger(t) && t >= 1 && t <= 30));
  assert.deepEqual(epochs.domain, [1, 30]);
  const flat = linearScale(3, 3, 0, 100);
  assert.ok(flat.domain[0] < 3 && flat.domain[1] > 3, 'a constant series still gets a range');
  const tiny = linearScale(0.0001, 0.0004, 0, 100);
  assert.equal(new Set(tiny.ticks.map(tiny.format)).size, tiny.ticks.length, 'no duplicate tick labels');
});

test('log scales tick at 1-2-5 per decade for short ranges and whole decades for long ones', () => {
  const short = logScale(0.01, 2.3, 400, 0);
  assert.deepEqual(short.ticks.map(short.format), ['0.01', '0.02', '0.05', '0.1', '0.2', '0.5', '1', '2']);
  const long = logScale(1e-6, 10, 400, 0);
  assert.deepEqual(long.ticks.map(long.format), ['1e-6', '1e-5', '1e-4', '0.001', '0.01', '0.1', '1', '10']);
  assert.ok(long.map(1e-3) < long.map(1e-4), 'larger values are higher up (smaller y)');
});

test('colour maps hit their documented end points and clamp', () => {
  assert.equal(viridis(0), '#440154');
  assert.equal(viridis(1), '#fde725');
  assert.equal(viridis(7), '#fde725');
  assert.equal(blues(0), '#f7fbff');
  assert.equal(blueWhiteRed(0.5), '#f7f7f7');
  assert.equal(classColor(10), classColor(0));
});

test('digitToText draws ink where pixels are bright, in shade and half-block styles', () => {
  const pixels = new Uint8Array(16);
  pixels[5] = 255; // row 1, column 1
  pixels[10] = 128; // row 2, column 2
  const shade = digitToText(pixels, { width: 4, height: 4 }).split('\n');
  assert.equal(shade.length, 4);
  assert.equal(shade[1], '  ██');
  assert.equal(shade[2], '    ▒▒');
  const half = digitToText(pixels, { width: 4, height: 4, style: 'half' }).split('\n');
  assert.deepEqual(half, [' ▄', '  ▀']);
  const floats = digitToText(Float32Array.from(pixels, (v) => v / 255), { width: 4, height: 4 });
  assert.equal(floats, shade.join('\n'), 'floats in [0, 1] read the same as bytes');
  assert.throws(() => digitToText(pixels, { width: 5, height: 4 }), /needs 20 pixels/);
});

test('plot takes plain numbers: it imports only its own files, and only png.ts touches Node or resvg', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const violations: string[] = [];
  for (const name of readdirSync('src/plot').filter((f) => f.endsWith('.ts'))) {
    for (const match of readFileSync(`src/plot/${name}`, 'utf8').matchAll(/from '([^']+)'/g)) {
      const target = match[1]!;
      const ok = /^\.\/[\w-]+\.js$/.test(target) || (name === 'png.ts' && /^(node:|@resvg\/resvg-wasm$)/.test(target));
      // Nothing browser-safe may pull in the Node-only PNG writer, not even index.ts (src/node.ts exports it).
      if (!ok || target === './png.js') violations.push(`${name} imports ${target}`);
    }
  }
  assert.deepEqual(violations, []);
});
