/**
 * A self-contained HTML page of an explanation: inline CSS, the network drawn as inline SVG with
 * every value on its edge, and the derivation with ∂-fractions as HTML (no scripts, no fonts or
 * files from elsewhere). Numbers are printed by formatNumber, exactly as in text, Markdown and JSON.
 */
import { NAME_PATTERN } from './chain-rule.js';
import type { Derivation } from './derivation.js';
import { derivationBlocks, matrixBlocks, matrixCells, type Block } from './document.js';
import { formatNumber } from './format-number.js';
import type { MatrixView } from './matrix-view.js';
import { htmlName } from './names.js';
import { derivationSvg } from './network-svg.js';

/** The page for a derivation (and, when given, the matrix view after it). */
export function explanationHtml(derivation: Derivation | null, matrix: MatrixView | null = null): string {
  const blocks = [...(derivation === null ? [] : derivationBlocks(derivation)), ...(matrix === null ? [] : matrixBlocks(matrix, derivation === null))];
  const [title, ...rest] = blocks;
  const titleText = title?.kind === 'title' ? title.text : 'Backpropagation';
  const body = rest.map(renderBlock);
  const wide = derivation !== null && derivation.sizes.length > 3 ? ' wide' : '';
  const figure = derivation === null ? '' : `<figure class="network${wide}">${derivationSvg(derivation)}</figure>`;
  const intro = body.findIndex((html) => html.startsWith('<h2'));
  const head = intro < 0 ? body : body.slice(0, intro);
  const tail = intro < 0 ? [] : body.slice(intro);
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(titleText)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<main>',
    `<h1>${escapeHtml(titleText)}</h1>`,
    ...head,
    figure,
    ...tail,
    '</main>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'title':
      return `<h1>${escapeHtml(block.text)}</h1>`;
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`;
    case 'subheading':
      return `<h3>${formulaHtml(block.text)}</h3>`;
    case 'text':
      return `<p>${escapeHtml(block.text)}</p>`;
    case 'formula':
      return `<div class="eq formula">${formulaHtml(block.text)}</div>`;
    case 'equation':
      return `<div class="eq depth${block.depth}">${block.parts.map(partHtml).join(' <span class="op">=</span> ')}</div>`;
    case 'values':
      return `<table class="values">${block.items
        .map((i) => `<tr><th>${htmlName(i.name)}</th><td class="num">${formatNumber(i.value)}</td><td class="note">${escapeHtml(i.note ?? '')}</td></tr>`)
        .join('')}</table>`;
    case 'matrix':
      return matrixHtml(block);
  }
}

function matrixHtml(block: Extract<Block, { kind: 'matrix' }>): string {
  const { name, shape, values } = block.matrix;
  const table = (rows: string[][]) => `<table class="matrix">${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('')}</table>`;
  const names = block.names === null ? '' : `<span class="op">↔</span>${table(block.names.map((r) => r.map(partHtml)))}`;
  const caption = block.caption === undefined ? '' : ` <span class="note">${escapeHtml(block.caption)}</span>`;
  return `<div class="mat"><span class="mname">${escapeHtml(name)}${caption} <span class="shape">${shape[0]}×${shape[1]}</span></span>${table(matrixCells(values))}${names}</div>`;
}

/** One equation part: 'w5+' is the updated w5, '∂E/∂w5' the gradient in a matrix legend. */
function partHtml(part: string): string {
  if (/^\w+\+$/.test(part)) return `${htmlName(part.slice(0, -1))}<sup>+</sup>`;
  return formulaHtml(part);
}

/** A formula of the chain-rule vocabulary as HTML: ∂a/∂b as a stacked fraction, names with subscripts, ^x as superscripts. */
function formulaHtml(formula: string): string {
  return escapeHtml(formula)
    .replace(/\^\(([^()]+)\)|\^(-?[\w.]+)/g, (_m, group: string | undefined, single: string | undefined) => `<sup>${group ?? single}</sup>`)
    .replace(/∂(\w+)\/∂(\w+(?:\[\d+\])?)/g, (_m, of: string, wrt: string) => `<span class="frac"><span>∂${htmlName(of)}</span><span>∂${htmlName(wrt)}</span></span>`)
    .replace(NAME_PATTERN, (name) => htmlName(name));
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

const STYLE = `
:root { --ink: #1d2330; --muted: #5b6475; --line: #d9dee8; --accent: #2456c7; --neg: #c2410c; --bg: #fbfcfe; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 32px 64px; }
h1 { font-size: 1.7rem; margin: 0 0 8px; letter-spacing: -0.01em; }
h2 { font-size: 1.2rem; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1rem; margin: 20px 0 6px; color: var(--accent); }
p { margin: 6px 0; color: var(--muted); }
.eq { font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math", "DejaVu Serif", Georgia, serif; font-size: 1.04rem; margin: 5px 0; padding: 5px 12px; background: #fff; border-left: 3px solid var(--line); overflow-x: auto; white-space: nowrap; }
.eq.depth1 { margin-left: 34px; border-left-color: #eef1f6; font-size: 0.97rem; }
.eq.formula { border-left-color: var(--accent); }
.op { color: var(--muted); padding: 0 2px; }
sub { font-size: 0.72em; }
sup { font-size: 0.72em; }
.frac { display: inline-flex; flex-direction: column; vertical-align: middle; text-align: center; font-size: 0.92em; line-height: 1.15; margin: 0 2px; }
.frac > span:first-child { border-bottom: 1px solid currentColor; padding: 0 2px; }
.frac > span:last-child { padding: 0 2px; }
table.values { border-collapse: collapse; margin: 6px 0 10px; font-size: 0.95rem; display: inline-table; margin-right: 24px; vertical-align: top; }
table.values th { text-align: left; font-weight: 600; padding: 2px 12px 2px 0; font-family: "DejaVu Serif", Georgia, serif; }
table.values td { padding: 2px 12px 2px 0; }
td.num { font-variant-numeric: tabular-nums; text-align: right; }
.note { color: var(--muted); font-size: 0.88em; }
figure.network { margin: 18px 0; padding: 10px; background: #fff; border: 1px solid var(--line); border-radius: 10px; overflow-x: auto; }
figure.network svg { display: block; margin: 0 auto; max-width: 100%; height: auto; }
figure.network.wide svg { max-width: none; }
svg text { font-family: system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
svg .edge { stroke-opacity: 0.55; }
svg .edge.pos { stroke: var(--accent); }
svg .edge.neg { stroke: var(--neg); }
svg .w { font-size: 14px; font-weight: 600; paint-order: stroke; stroke: #fff; stroke-width: 4px; }
svg .dw { font-size: 11.5px; fill: var(--muted); paint-order: stroke; stroke: #fff; stroke-width: 4px; }
svg .sub { font-size: 0.75em; }
svg .node rect { stroke-width: 2px; }
svg .node.input rect { fill: #f1f4f9; stroke: #8a94a6; }
svg .node.hidden rect { fill: #edf2ff; stroke: var(--accent); }
svg .node.output rect { fill: #fff3eb; stroke: var(--neg); }
svg .name { font-size: 17px; font-weight: 700; }
svg .key { font-size: 12.5px; fill: var(--muted); }
svg .val { font-size: 12.5px; font-variant-numeric: tabular-nums; }
svg .bias { font-size: 13px; fill: var(--muted); }
svg .legend { font-size: 13px; fill: var(--muted); }
.mat { display: flex; align-items: center; gap: 12px; margin: 6px 0; flex-wrap: wrap; }
.mname { min-width: 150px; font-family: "DejaVu Sans Mono", Menlo, monospace; font-size: 0.92rem; }
.shape { color: var(--muted); font-size: 0.85em; margin-left: 4px; }
table.matrix { border-collapse: collapse; border-left: 2px solid var(--ink); border-right: 2px solid var(--ink); font-variant-numeric: tabular-nums; font-size: 0.92rem; }
table.matrix td { padding: 1px 10px; text-align: right; }
`;
