/** backprop: multilayer perceptrons trained by error backpropagation. The public API, re-exported. */
export { Matrix, type DType, type FloatArray } from './matrix.js';
export { Random } from './random.js';
export type { AdamStep, Backend } from './backend/backend.js';
export { composedUpdateForward } from './backend/compose.js';
export { createReferenceBackend } from './backend/reference.js';
export { getDefaultBackend, loadDefaultBackend, setDefaultBackend } from './backend/default.js';
export {
  ACTIVATION_NAMES,
  DEFAULT_LEAKY_ALPHA,
  ELEMENTWISE_ACTIVATIONS,
  isActivationName,
  sigmoid,
  softmaxRow,
  type ActivationName,
} from './math/activations.js';
export { REGULARIZERS, type Regularizer, type RegularizerName } from './math/regularizers.js';
export { LOSSES, LOSS_NAMES, isFusedPair, isLossName, meanAbsoluteErrorRow, type LossName } from './math/losses.js';
export { Dense, type DenseConfig, type LayerBatch, type SgdStep, type WeightUpdate } from './nn/dense.js';
export { Mlp, type MlpOptions, type SgdBackward } from './nn/mlp.js';
export { INIT_NAMES, describeInit, initializeWeights, parseInit, type InitName, type InitSpec } from './nn/init.js';
export {
  OPTIMIZER_NAMES,
  createOptimizer,
  optimizerConfigFor,
  type Optimizer,
  type OptimizerConfig,
  type Parameter,
  type PlainSgd,
} from './nn/optimizers.js';
export type { StepBuffers } from './nn/workspace.js';
export { fit, train, type BatchEvent, type EpochEvent, type History, type TrainEvent } from './train/train.js';
export type { EarlyStoppingOptions, TrainOptions } from './train/train-options.js';
export { computeGradients, modelParameters, trainStep, type GradientOptions, type OutputGradient, type TrainStepOptions } from './train/train-step.js';
export { defaultLossFor, evaluateSamples, inferTask, type Evaluation, type Task } from './train/evaluate.js';
export { parseSchedule, scheduledLearningRate, type ScheduleConfig } from './train/schedules.js';
export { TrainingDivergedError } from './train/errors.js';
export { gradcheck, type GradcheckOptions, type GradcheckResult, type LayerGradcheck } from './train/gradcheck.js';
export { matrixSource, toSampleSource, type LabelledMatrices, type SampleSource } from './train/sample-source.js';
export {
  accuracy,
  classLabels,
  confusionMatrix,
  countCorrect,
  meanAbsoluteError,
  meanSquaredError,
  precisionRecall,
  rSquared,
} from './metrics.js';
export { MODEL_FORMAT, MODEL_VERSION, modelFromJson, modelToJson, type LayerJson, type ModelJson } from './io/model-json.js';
export { ModelFormatError } from './io/model-format-error.js';
export { BackpropError } from './errors/backprop-error.js';
export { UsageError } from './errors/usage-error.js';
export { ResourceLimitError } from './errors/resource-limit-error.js';
export { DEFAULT_MEMORY_BUDGET, checkAllocation, cutList, formatBytes, memoryBudget, setMemoryBudget } from './errors/limits.js';
export { checkTrainingMemory, checkTrainingSizes, trainingMemory, type TrainingMemory, type TrainingSizes } from './train/training-memory.js';
export * from './plot/index.js';
export * from './explain/index.js';
export * from './data/index.js';
export { createWasmBackend, loadWasmBackend, type WasmBackend, type WasmBackendOptions } from './backend/wasm.js';
export { exportOnnx, onnxModelOf, ONNX_METADATA_KEY, ONNX_NAMES, ONNX_OPSET } from './onnx/export.js';
export type { OnnxAttribute, OnnxGraph, OnnxModel, OnnxNode, OnnxTensor, OnnxValueInfo } from './onnx/onnx-schema.js';
export { encodeModel as encodeOnnx } from './onnx/onnx-schema.js';
export { decodeModel as decodeOnnx } from './onnx/onnx-decode.js';
export { UnsupportedPipelineError } from './io/model-pipeline.js';
export { importOnnx, IMPORTABLE_OPS } from './onnx/import.js';
export { standalonePredictor, type StandaloneSource } from './export/standalone.js';
export { Classifier, type PartialFitOptions } from './estimators/classifier.js';
export { Regressor, type RegressionScores } from './estimators/regressor.js';
export type { Estimator, FitOptions } from './estimators/estimator.js';
export type { EstimatorOptions, ResolvedOptions } from './estimators/options.js';
export type { CellRecord, FeatureInput, FlatRows, Label, NumberArray, TypedRow } from './estimators/inputs.js';
export type { ModelMetadata } from './estimators/metadata.js';
export { loadModelFromJSON, type Model, type ModelLoadOptions } from './estimators/load.js';
export { fitModel, type FitModelOptions, type FittedModel } from './estimators/fit-model.js';
export { TRAINING_DEFAULTS, type TrainingDefaults } from './train/defaults.js';
export { BACKEND_NAMES, loadBackend, type BackendName } from './backend/load.js';
export { createWebGpuBackend, type WebGpuBackend } from './backend/webgpu/webgpu-backend.js';
export { WebGpuUnavailableError, type WebGpuDeviceOptions } from './backend/webgpu/options.js';
export { evaluateAsync, fitAsync, readWeights, trainAsync, type AsyncTrainOptions } from './train/train-async.js';
export { predictAsync } from './nn/predict-async.js';
