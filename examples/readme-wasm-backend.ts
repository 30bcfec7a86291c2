import { createWasmBackend, setDefaultBackend } from 'backprop';
setDefaultBackend(createWasmBackend({ threads: 2 }));   // default: all cores; relaxedSimd: false forces plain SIMD128
