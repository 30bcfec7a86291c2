/** Plots: plain numbers in, SVG strings or terminal text out; no DOM, no Node APIs (the PNG writer is in png.ts, Node only). */
export { axes, colorBar, polyline, type AxesOptions, type AxisSpec, type ColorBarOptions } from './axes.js';
export { CATEGORICAL, blueWhiteRed, blues, classColor, greys, viridis, type ColorMap } from './colors.js';
export { confusionMatrixSvg, type ConfusionMatrixOptions } from './confusion-matrix.js';
export {
  decisionBoundarySvg,
  decisionGridInputs,
  paddedRange,
  type DecisionBoundaryOptions,
  type GridSpec,
} from './decision-boundary.js';
export {
  digitSvg,
  digitToText,
  imagePaths,
  type DigitSvgOptions,
  type DigitTextOptions,
  type GrayImage,
  type ImagePathsOptions,
  type PixelOptions,
} from './digit.js';
export { imageGridSvg, type ImageGridOptions, type LabelledImage } from './image-grid.js';
export { CURVE_COLORS, lossCurveSvg, type EpochSeries, type LossCurveOptions } from './loss-curve.js';
export { linearScale, logScale, type LinearScaleOptions, type Scale } from './scale.js';
export { coefficientOfDetermination, scatterSvg, type ScatterOptions } from './scatter.js';
export {
  FONT_FAMILY,
  escapeXml,
  legend,
  svgDocument,
  type DocumentOptions,
  type Frame,
  type LegendItem,
} from './svg.js';
