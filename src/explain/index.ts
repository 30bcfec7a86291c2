/** The explain module: the chain-rule derivation of one backpropagation step, as data and as text, Markdown, HTML and JSON. */
export { explain, derive, namedValues, type DeriveOptions, type Delta, type Derivation, type Factor, type Gradient, type NeuronStep, type OutputError, type Update } from './derivation.js';
export { matrixView, matrixViewOf, type MatrixLayer, type MatrixView, type NamedMatrix } from './matrix-view.js';
export {
  CLASSIC_EXAMPLE,
  MAX_EXPLAIN_LAYERS,
  MAX_EXPLAIN_NEURONS,
  isExplainable,
  parseActivation,
  parseBiases,
  parseCount,
  parseLoss,
  parseNumberList,
  parsePositive,
  parseSizes,
  resolveExplainOptions,
  type ExplainOptions,
  type ExplainSetup,
} from './network-spec.js';
export { ExplainInputError } from './explain-input-error.js';
export { biasName, neuronName, neuronNames, weightName, type BiasMode } from './names.js';
export { explanationText } from './format-text.js';
export { explanationMarkdown } from './format-markdown.js';
export { explanationHtml } from './format-html.js';
export { explanationJson, explanationJsonText } from './format-json.js';
export { derivationSvg } from './network-svg.js';
