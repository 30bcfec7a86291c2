/**
 * Node-only: SVG string → PNG bytes, rendered by resvg compiled to WebAssembly (@resvg/resvg-wasm, no native
 * add-on) with the DejaVu Sans font shipped in the package (data/fonts/DejaVuSans.ttf, licence beside it), so a
 * plain `npm ci` suffices and no system font is consulted (the same pixels on every machine). Bold text is drawn
 * with the regular face.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { initWasm, Resvg } from '@resvg/resvg-wasm';

const require = createRequire(import.meta.url);

/** Font files handed to the renderer: DejaVu Sans in data/fonts at the package root (two levels up from src/plot and dist/plot, as in src/package-data.ts). */
const FONT_FILES = [fileURLToPath(new URL('../../data/fonts/DejaVuSans.ttf', import.meta.url))];

let ready: Promise<Uint8Array[]> | undefined;

/** Loads the wasm module (once per process) and the fonts; later calls reuse the same promise. */
function prepare(): Promise<Uint8Array[]> {
  ready ??= (async () => {
    const wasm = await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
    await initWasm(wasm);
    return Promise.all(FONT_FILES.map(async (file) => new Uint8Array(await readFile(file))));
  })();
  return ready;
}

/** Options of {@link svgToPng}. Give at most one of `width` and `scale`. */
export interface PngOptions {
  /** Output width in px; the height follows the SVG's aspect ratio. */
  readonly width?: number;
  /** Zoom factor relative to the SVG's own size (default 1; 2 for high-DPI screens). */
  readonly scale?: number;
}

/** Renders an SVG document to PNG bytes (RGBA, white where the SVG draws its background). */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  const fontBuffers = await prepare();
  const fitTo =
    options.width !== undefined
      ? { mode: 'width' as const, value: Math.round(options.width) }
      : { mode: 'zoom' as const, value: options.scale ?? 1 };
  const resvg = new Resvg(svg, {
    font: { fontBuffers, loadSystemFonts: false, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo,
    shapeRendering: 2,
    textRendering: 1,
  });
  try {
    const image = resvg.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    resvg.free();
  }
}

/** Renders `svg` and writes it to `path` as a PNG file. */
export async function writePng(path: string, svg: string, options: PngOptions = {}): Promise<void> {
  await writeFile(path, await svgToPng(svg, options));
}

/** Writes `svg` to `<basePath>.svg` and its rendering to `<basePath>.png`; returns both paths. */
export async function writeSvgAndPng(basePath: string, svg: string, options: PngOptions = {}): Promise<{ svg: string; png: string }> {
  const paths = { svg: `${basePath}.svg`, png: `${basePath}.png` };
  await writeFile(paths.svg, svg);
  await writePng(paths.png, svg, options);
  return paths;
}
