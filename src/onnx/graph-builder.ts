/** Writes an ONNX graph: nodes and constant initializers, with fresh names for intermediate tensors. */
import { ATTRIBUTE_TYPE, DATA_TYPE, type OnnxAttribute, type OnnxNode, type OnnxTensor } from './onnx-schema.js';

/** Collects nodes and constant initializers while the graph is written. */
export class GraphBuilder {
  /** The opset the graph is written for (some operators take their axes as an input from opset 18). */
  readonly opset: number;
  constructor(opset: number) {
    this.opset = opset;
  }

  readonly nodes: OnnxNode[] = [];
  readonly initializers: OnnxTensor[] = [];
  #count = 0;

  /** A float32 constant of the given dims; returns its name. */
  constant(name: string, values: ArrayLike<number>, dims: readonly number[]): string {
    this.initializers.push({ name, dims, dataType: DATA_TYPE.float, floats: Float32Array.from(values as ArrayLike<number>) });
    return name;
  }

  /** An int64 constant (1-D). */
  ints(name: string, values: readonly number[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: DATA_TYPE.int64, ints: values });
    return name;
  }

  /** A string constant (1-D). */
  strings(name: string, values: readonly string[]): string {
    this.initializers.push({ name, dims: [values.length], dataType: DATA_TYPE.string, strings: values });
    return name;
  }

  /** Adds a node; returns the name of its (one) output, `output` or a fresh one. */
  node(name: string, opType: string, inputs: readonly string[], attributes: readonly OnnxAttribute[] = [], output = `t${this.#count++}`): string {
    this.nodes.push({ name, opType, domain: '', inputs, outputs: [output], attributes });
    return output;
  }
}

/** An int attribute. */
export const intAttribute = (name: string, i: number): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.int, i });
/** A float attribute. */
export const floatAttribute = (name: string, f: number): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.float, f });
/** A string attribute. */
export const stringAttribute = (name: string, value: string): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.string, s: value });
/** An ints attribute. */
export const intsAttribute = (name: string, ints: readonly number[]): OnnxAttribute => ({ name, type: ATTRIBUTE_TYPE.ints, ints });

