/** Float32 arrays ⇄ base64; the codec lives in nn/base64.ts (the model file format needs it there). */
export { decodeFloat32, encodeFloat32 } from '../nn/base64.js';
