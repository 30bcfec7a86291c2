/**
 * Where the playground gets the chain-rule walkthrough data: the library's explain module
 * (imported from its files until src/index.ts re-exports it).
 */
export { explain, type Derivation, type Factor } from '../src/explain/derivation.js';
export { formatNumber } from '../src/explain/format-number.js';
export { isExplainable, type ExplainOptions } from '../src/explain/network-spec.js';
