/**
 * Markdown rendering of an explanation: headings and prose as Markdown, every equation and
 * matrix as LaTeX (`$$...$$`, rendered by GitHub, VS Code, Jupyter, Obsidian and KaTeX/MathJax
 * sites). Numbers are printed by formatNumber, exactly as in the text, HTML and JSON outputs.
 */
import { toLatex } from './chain-rule.js';
import type { Derivation } from './derivation.js';
import { derivationBlocks, matrixBlocks, matrixCells, type Block } from './document.js';
import { formatNumber } from './format-number.js';
import type { MatrixView } from './matrix-view.js';

/** The derivation (and, when given, the matrix view after it) as Markdown with LaTeX. */
export function explanationMarkdown(derivation: Derivation | null, matrix: MatrixView | null = null): string {
  const blocks = [...(derivation === null ? [] : derivationBlocks(derivation)), ...(matrix === null ? [] : matrixBlocks(matrix, derivation === null))];
  return `${blocks.map(renderBlock).join('\n\n')}\n`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'title':
      return `# ${block.text}`;
    case 'heading':
      return `## ${block.text}`;
    case 'subheading':
      return `### ${block.text}`;
    case 'text':
      return block.text.replace(/([*_`[\]])/g, '\\$1');
    case 'formula':
      return `$$${formulaLatex(block.text)}$$`;
    case 'equation': {
      const math = `$$${block.parts.map(partLatex).join(' = ')}$$`;
      return block.depth > 0 ? `> ${math}` : math;
    }
    case 'values': {
      const hasNotes = block.items.some((i) => i.note !== undefined);
      const head = hasNotes ? '| name | value | |\n|---|---:|---|' : '| name | value |\n|---|---:|';
      const rows = block.items.map((i) => `| $${partLatex(i.name)}$ | ${formatNumber(i.value)} |${hasNotes ? ` ${i.note ?? ''} |` : ''}`);
      return [head, ...rows].join('\n');
    }
    case 'matrix': {
      const { name, shape, values } = block.matrix;
      const matrix = bmatrix(matrixCells(values).map((row) => row.map(cellLatex)));
      const names = block.names === null ? '' : ` \\quad \\leftrightarrow \\quad ${bmatrix(block.names.map((r) => r.map(partLatex)))}`;
      const caption = block.caption === undefined ? '' : `\\quad\\text{(${block.caption})}`;
      return `$$${formulaLatex(name)}_{\\,${shape[0]}\\times ${shape[1]}} = ${matrix}${names}${caption}$$`;
    }
  }
}

/** One equation part: a formula in names, a partial, a number, or an updated parameter 'w5+'. */
function partLatex(part: string): string {
  if (part.startsWith('∂E/∂')) return toLatex(`∂E_total/∂${part.slice(4)}`);
  if (/^\w+\+$/.test(part)) return `${toLatex(part.slice(0, -1))}^{+}`;
  return toLatex(part);
}

/**
 * Seed 000's matrix notation as LaTeX: Z[1] → Z^{[1]}, A[0]ᵀ → A^{[0]\top}, ⊙ → \odot,
 * prose in parentheses or after a comma as \text.
 */
function formulaLatex(formula: string): string {
  if (!/\[\d+\]/.test(formula)) return toLatex(formula);
  const prose = /\s(\([a-z][^()]*\))$/.exec(formula);
  const math = prose === null ? formula : formula.slice(0, prose.index);
  const where = math.split(', where ');
  const latex = where
    .map((piece) =>
      piece
        .replace(/(\w+)\[(\d+)\]ᵀ/g, '$1^{[$2]\\top}')
        .replace(/(\w+)\[(\d+)\]/g, '$1^{[$2]}')
        .replace(/\b(sigmoid|tanh|relu|leakyRelu|linear|softmax|f)'\(/g, "\\operatorname{$1}'(")
        .replace(/\b(sigmoid|tanh|relu|leakyRelu|linear|softmax)\(/g, '\\operatorname{$1}(')
        .replaceAll('Σ_rows', '\\textstyle\\sum_{\\text{rows}}')
        .replaceAll('Σ_cols', '\\textstyle\\sum_{\\text{cols}}')
        .replaceAll('∂E/∂', '\\partial E/\\partial ')
        .replaceAll('⊙', '\\odot ')
        .replaceAll('·', '\\cdot ')
        .replaceAll('←', '\\leftarrow ')
        .replaceAll('−', '-')
        .replaceAll('η', '\\eta '),
    )
    .join(',\\quad\\text{where } ');
  return prose === null ? latex : `${latex}\\quad\\text{${prose[1]}}`;
}

function bmatrix(rows: readonly (readonly string[])[]): string {
  return `\\begin{bmatrix}${rows.map((r) => r.join(' & ')).join(' \\\\ ')}\\end{bmatrix}`;
}

function cellLatex(cell: string): string {
  if (cell === '…') return '\\cdots';
  if (cell === '⋮') return '\\vdots';
  return cell;
}
