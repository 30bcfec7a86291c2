/** Seed experiments, reproduced: the registry, the runner and the report type. */
export { EXPERIMENTS, findExperiment, passed, reproduce } from './registry.js';
export { formatReport } from './report.js';
export type { Experiment, ReproduceOptions, ReproduceReport, ReproduceRow } from './report.js';
export { trainSeed003 } from './seed003.js';
export { formatAll, reproduceAll } from './all.js';
export type { AllOutcome, AllResult, ReproduceAllOptions } from './all.js';
