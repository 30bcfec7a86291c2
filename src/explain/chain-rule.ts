/**
 * The formulas an explanation prints, in the names of the convention (names.ts), built from the
 * math tables: activation formulas and derivatives come from ELEMENTWISE_ACTIVATIONS, loss values
 * and gradients from LOSSES. Formulas are plain text with a small vocabulary (names, numbers,
 * + - · / ^ ( ), ½, log, e^, Σ_k, "if/else") that `toLatex` turns into LaTeX.
 */
import { ELEMENTWISE_ACTIVATIONS, type ActivationName } from '../math/activations.js';
import { LOSSES, isFusedPair, type LossName } from '../math/losses.js';
import { latexName } from './names.js';

/** One factor of a chain-rule product: ∂of/∂wrt, what it equals (formula) and its value. */
export interface Factor {
  /** Numerator name, e.g. 'E_total', 'out_o1', 'net_o1'. */
  readonly of: string;
  /** Denominator name, e.g. 'out_o1', 'net_o1', 'w5', 'b1'. */
  readonly wrt: string;
  readonly value: number;
  /** What the factor equals, in names, e.g. 'out_o1(1 - out_o1)'. */
  readonly formula: string;
}

/** The per-output error term E_o of a loss, for output `o` of `n` (E_total is their sum). */
export function outputErrorFormula(loss: LossName, o: string, n: number): string {
  const t = `target_${o}`;
  const y = `out_${o}`;
  switch (loss) {
    case 'halfSumSquares':
      return `½(${t} - ${y})^2`;
    case 'mse':
      return `(${t} - ${y})^2 / ${n}`;
    case 'crossEntropy':
      return `-${t}·log(${y})`;
    case 'binaryCrossEntropy':
      return `-(${t}·log(${y}) + (1 - ${t})·log(1 - ${y}))`;
  }
}

/** Value of the per-output error term (the loss table's per-sample value restricted to one output). */
export function outputErrorValue(loss: LossName, out: number, target: number, n: number): number {
  const single = LOSSES[loss].value([out], [target], 0, 1);
  return loss === 'mse' ? single / n : single;
}

/** ∂E_total/∂out_o as a formula (its value is LOSSES[loss].gradient). */
export function lossGradientFormula(loss: LossName, o: string, n: number): string {
  const t = `target_${o}`;
  const y = `out_${o}`;
  switch (loss) {
    case 'halfSumSquares':
      return `-(${t} - ${y})`;
    case 'mse':
      return `2(${y} - ${t}) / ${n}`;
    case 'crossEntropy':
      return `-${t} / ${y}`;
    case 'binaryCrossEntropy':
      return `(${y} - ${t}) / (${y}(1 - ${y}))`;
  }
}

/** A human name of the loss with its formula, e.g. 'E_total = Σ ½(target - out)^2'. */
export function lossDescription(loss: LossName): string {
  const formula = LOSSES[loss].formula.replaceAll('ŷ', 'out').replaceAll('y', 'target').replaceAll('²', '^2').replaceAll('−', '-');
  return `E_total = ${formula}`;
}

/** out_x = f(net_x) as a formula, from the activation table. */
export function activationFormula(activation: ActivationName, x: string, alpha: number): string {
  if (activation === 'softmax') return `e^net_${x} / Σ_k e^net_k`;
  return inNames(ELEMENTWISE_ACTIVATIONS[activation].formula, x, alpha).replace(/e\^-(net_\w+)/g, 'e^(-$1)');
}

/** ∂out_x/∂net_x as a formula, from the activation table's derivative (not for softmax). */
export function derivativeFormula(activation: Exclude<ActivationName, 'softmax'>, x: string, alpha: number): string {
  return inNames(ELEMENTWISE_ACTIVATIONS[activation].derivativeFormula, x, alpha);
}

/** How the output deltas are formed for this pairing. */
export type OutputRule = 'chain' | 'fused' | 'softmax';

/** 'fused' when the activation's derivative cancels (softmax + cross-entropy, sigmoid + BCE), 'softmax' for other softmax outputs. */
export function deltaRule(activation: ActivationName, loss: LossName | null): OutputRule {
  if (loss !== null && isFusedPair(activation, loss)) return 'fused';
  return activation === 'softmax' ? 'softmax' : 'chain';
}

/** Text of ∂of/∂wrt. */
export function partialText(of: string, wrt: string): string {
  return `∂${of}/∂${wrt}`;
}

/** LaTeX of ∂of/∂wrt. */
export function partialLatex(of: string, wrt: string): string {
  return `\\frac{\\partial ${latexName(of)}}{\\partial ${latexName(wrt)}}`;
}

/** Names that formulas use and that `substitute` and `toLatex` recognise. */
export const NAME_PATTERN = /\b(?:(?:net|out|target|delta|E|b)_[a-z]+\d*|[iwb]\d+)\b/g;

/** The formula with each known name replaced by its printed value (negative values in parentheses). */
export function substitute(formula: string, values: ReadonlyMap<string, number>, format: (x: number) => string): string {
  return formula.replace(NAME_PATTERN, (name) => {
    const value = values.get(name);
    if (value === undefined) return name;
    const text = format(value);
    return value < 0 ? `(${text})` : text;
  });
}

/** True when `substitute` would replace every name of the formula (so the numeric form is worth showing). */
export function fullySubstitutable(formula: string, values: ReadonlyMap<string, number>): boolean {
  const names = formula.match(NAME_PATTERN) ?? [];
  return names.length > 0 && names.every((n) => values.has(n)) && !formula.includes('Σ');
}

/** A formula of the vocabulary above as LaTeX. */
export function toLatex(formula: string): string {
  return formula
    .replace(/∂([\w]+)\/∂([\w]+)/g, (_m, of: string, wrt: string) => partialLatex(of, wrt))
    .replace(/\^\((-?[^()]+)\)/g, '^{$1}')
    .replace(/\^(-?[\w.]+)/g, '^{$1}')
    .replace(NAME_PATTERN, (name) => latexName(name))
    .replaceAll('Σ_k', '\\sum_k ')
    .replaceAll('Σ', '\\sum ')
    .replaceAll('η', '\\eta ')
    .replace(/\b(sigmoid|relu|leakyRelu|linear|softmax)\(/g, '\\operatorname{$1}(')
    .replaceAll('½', '\\tfrac{1}{2}')
    .replaceAll('·', ' \\cdot ')
    .replaceAll('×', ' \\times ')
    .replaceAll('log(', '\\log(')
    .replaceAll('tanh(', '\\tanh(')
    .replaceAll('max(', '\\max(')
    .replace(/ if /g, ' \\text{ if } ')
    .replace(/ else /g, ' \\text{ else } ');
}

function inNames(formula: string, x: string, alpha: number): string {
  return formula
    .replace(/\bz\b/g, `net_${x}`)
    .replace(/\ba\b/g, `out_${x}`)
    .replace(/\balpha\b/g, String(alpha))
    .replace(/\s*\*\s*/g, '·');
}
