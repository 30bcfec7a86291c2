/** Node-only additions (file system): everything in the main entry plus model files on disk. */
export * from './index.js';
export { loadModel as loadMlp, loadModelSync as loadMlpSync } from './io/model-file.js';
export { loadModel, loadModelSync, saveModel } from './estimators/node.js';
export { svgToPng, writePng, writeSvgAndPng, type PngOptions } from './plot/png.js';
export { runCli } from './cli/program.js';
export { trainCommand, type TrainCommandOptions, type TrainResult, type TrainRun } from './cli/commands/train.js';
export { evaluateCommand, type EvaluateCommandOptions, type EvaluateResult } from './cli/commands/evaluate.js';
export { predictCommand, predictionsCsv, type Prediction, type PredictCommandOptions } from './cli/commands/predict.js';
export { inspectCommand, type InspectResult } from './cli/commands/inspect.js';
export { gradcheckCommand, type GradcheckCommandOptions, type GradcheckCommandResult } from './cli/commands/gradcheck.js';
export { reproduceCommand } from './cli/commands/reproduce.js';
export * from './data/node.js';
export * from './reproduce/index.js';
