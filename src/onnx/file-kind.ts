/**
 * What a file that does not decode as ONNX protobuf is instead, for `importOnnx`'s refusal: a
 * backprop model file (JSON), other UTF-8 text, a file of zero bytes, a zip archive (PyTorch's
 * torch.save writes one). A protobuf decoder's message about wire types at byte 0 means nothing
 * to someone who gave `backprop import` the wrong file.
 */
import { MODEL_FORMAT } from '../nn/model-json.js';

/** What the bytes are when they are not ONNX: its kind and the problem, worded to follow "(file)" or a file name. */
export interface NotOnnx {
  readonly kind: 'backprop-model' | 'text' | 'zeros' | 'zip';
  readonly problem: string;
}

/** The kind of `bytes` when it is recognisably something other than ONNX; undefined for other binary (the decoder's message stands). */
export function notOnnx(bytes: Uint8Array): NotOnnx | undefined {
  if (bytes.length === 0) return undefined; // the decoder says "is empty"
  if (bytes.every((b) => b === 0)) return { kind: 'zeros', problem: `holds nothing but zero bytes (${bytes.length} bytes), not an ONNX model: the file was never written or was damaged` };
  // "PK\x03\x04" (or an empty archive's "PK\x05\x06"): torch.save's .pt / .pth files are zip archives.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && bytes[3] === bytes[2] + 1) {
    return { kind: 'zip', problem: 'is a zip archive (as PyTorch writes .pt / .pth files with torch.save), not an ONNX file: write the ONNX file with torch.onnx.export' };
  }
  const text = utf8Text(bytes);
  if (text === undefined) return undefined;
  if (looksLikeModelFile(text)) return { kind: 'backprop-model', problem: 'is a backprop model file (JSON), not an ONNX file: it needs no import' };
  return { kind: 'text', problem: 'is text, not an ONNX file' };
}

/** The bytes as text when they are valid UTF-8 without control characters other than tab, line breaks and form feed. */
function utf8Text(bytes: Uint8Array): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text) ? undefined : text;
}

/** Whether `text` is JSON with the model file's "format" field (its contents are loadModel's to check). */
function looksLikeModelFile(text: string): boolean {
  if (!/^\s*\{/.test(text)) return false;
  try {
    const data = JSON.parse(text) as unknown;
    return typeof data === 'object' && data !== null && (data as { format?: unknown }).format === MODEL_FORMAT;
  } catch {
    return false;
  }
}
