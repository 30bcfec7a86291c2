/**
 * Plain-text rendering of an explanation for the terminal: the blocks of document.ts, with
 * long equations wrapped at the '=' signs and matrices as aligned columns.
 */
import type { Derivation } from './derivation.js';
import { derivationBlocks, matrixBlocks, matrixCells, type Block } from './document.js';
import { formatNumber } from './format-number.js';
import type { MatrixView } from './matrix-view.js';

/** Line width the text output wraps at. */
const WIDTH = 100;

/** The derivation (and, when given, the matrix view after it) as terminal text. */
export function explanationText(derivation: Derivation | null, matrix: MatrixView | null = null): string {
  const blocks = [...(derivation === null ? [] : derivationBlocks(derivation)), ...(matrix === null ? [] : matrixBlocks(matrix, derivation === null))];
  return `${blocks.flatMap(renderBlock).join('\n').trim()}\n`;
}

function renderBlock(block: Block): string[] {
  switch (block.kind) {
    case 'title':
      return [block.text, '='.repeat(block.text.length)];
    case 'heading':
      return ['', block.text, '-'.repeat(block.text.length)];
    case 'subheading':
      return [`${block.text}:`];
    case 'text':
      return wrap(textNames(block.text), WIDTH, '');
    case 'formula':
      return [`  ${textNames(block.text)}`];
    case 'equation':
      return equationLines(block.parts.map(textNames), '  '.repeat(block.depth + 1));
    case 'values':
      return wrap(block.items.map((i) => `${i.name} = ${formatNumber(i.value)}${i.note === undefined ? '' : ` (${i.note})`}`).join('   '), WIDTH, '  ', '   ');
    case 'matrix':
      return matrixLines(block.caption === undefined ? block.matrix.name : `${block.matrix.name} ${block.caption}`, block.matrix.shape, matrixCells(block.matrix.values), block.names);
  }
}

/**
 * `lhs = a = b = c` on one line, or, when too long, the symbolic parts on the first line and
 * the numeric ones on a second line that starts with '=' under the first '='.
 */
function equationLines(parts: readonly string[], indent: string): string[] {
  const one = `${indent}${parts.join(' = ')}`;
  if (one.length <= WIDTH || parts.length < 3) return [one];
  const firstNumeric = parts.findIndex((p, i) => i >= 2 && NUMERIC.test(p));
  const split = firstNumeric < 0 ? parts.length - 1 : firstNumeric;
  const pad = ' '.repeat(indent.length + parts[0]!.length + 1);
  return [`${indent}${parts.slice(0, split).join(' = ')}`, `${pad}= ${parts.slice(split).join(' = ')}`];
}

/** A part made of numbers and operators only. */
const NUMERIC = /^[-+\d\s.()×·/^½e]+$/;

function matrixLines(name: string, shape: readonly [number, number], cells: string[][], names: string[][] | null): string[] {
  const widths = columnWidths(cells);
  const nameWidths = names === null ? [] : columnWidths(names.map((r) => r.map(textNames)));
  const head = `  ${name}  ${shape[0]}x${shape[1]}  `;
  return cells.map((row, r) => {
    const body = `[ ${row.map((c, j) => c.padEnd(widths[j]!)).join('  ')} ]`;
    const labels = names?.[r] === undefined ? '' : `   ${names[r]!.map((n, j) => textNames(n).padEnd(nameWidths[j]!)).join('  ')}`;
    return `${r === 0 ? head : ' '.repeat(head.length)}${body}${labels}`.trimEnd();
  });
}

function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((c, j) => (widths[j] = Math.max(widths[j] ?? 0, c.length)));
  return widths;
}

/** Names as printed in text: delta_o1 → δ_o1. */
function textNames(text: string): string {
  return text.replace(/\bdelta_/g, 'δ_');
}

function wrap(text: string, width: number, indent: string, separator = ' '): string[] {
  const words = text.split(separator);
  const lines: string[] = [];
  let line = indent;
  for (const word of words) {
    if (line.trim() !== '' && line.length + separator.length + word.length > width) {
      lines.push(line);
      line = indent;
    }
    line = line.trim() === '' ? `${indent}${word}` : `${line}${separator}${word}`;
  }
  if (line.trim() !== '') lines.push(line);
  return lines;
}
