/** Node-only additions (file system): everything in the main entry plus model files on disk. */
export * from './index.js';
export { loadModel, loadModelSync, saveModel } from './io/model-file.js';
export { svgToPng, writePng, writeSvgAndPng, type PngOptions } from './plot/png.js';
