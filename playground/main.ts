/**
 * Wiring only: settings ⇄ URL hash, controls → settings, settings → training workers,
 * worker snapshots → views, drawn at most once per animation frame.
 */
import { createReferenceBackend, loadWasmBackend, Matrix, Mlp, type Backend, type ModelJson } from '../src/index.js';
import { generatePoints, gridInputs, type PointSplit } from './datasets-2d.js';
import { digitInputs } from './jobs.js';
import { JobClient } from './job-client.js';
import { parseHash, toHash, type Settings } from './state.js';
import { bindControls, showSettings } from './views/controls.js';
import { drawBoundary } from './views/decision-boundary.js';
import { drawMistakes } from './views/digits.js';
import { drawProbabilities, mountDrawingPad } from './views/drawing-pad.js';
import { mountExplainPanel } from './views/explain-panel.js';
import { drawLossChart } from './views/loss-chart.js';
import { mountNetwork, type NetworkView } from './views/network.js';

const GRID = 64;
const grid = gridInputs(GRID);
const reference = createReferenceBackend();
/**
 * The page's own engine, for the boundary grid and the pad's predictions: wasm once its
 * asynchronous compile is done (a page's main thread refuses synchronous ones), reference until
 * then or without SIMD. Models built on it per frame are disposed after use (see withModel).
 */
let pageBackend: Backend = reference;
loadWasmBackend({ threads: 1 }).then(
  (wasm) => {
    pageBackend = wasm;
    plane.dirty = true;
  },
  () => undefined,
);

/** Runs `use` on a model built from `json` on the page's engine, then gives its memory back. */
function withModel<T>(json: ModelJson, use: (model: Mlp) => T): T {
  const model = Mlp.fromJSON(json, { backend: pageBackend });
  try {
    return use(model);
  } finally {
    model.dispose();
  }
}
const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

let settings = parseHash(location.hash);
let points: PointSplit = generatePoints({ ...settings, points: 500 });
let network: NetworkView = remountNetwork();
const plane = new JobClient();
const digits = new JobClient();
let digitsStarted = false;
let padBytes: Uint8Array | null = null;
const explainPanel = mountExplainPanel(document.body, () => settings);

plane.onStatus = digits.onStatus = (text, isError) => {
  $('#digits-status').textContent = text;
  $('#digits-status').classList.toggle('error', isError);
};
bindControls(document.body, (patch) => update(patch));
showSettings(document.body, settings);
plane.configure({ kind: '2d', settings });
if (settings.tab === 'digits') startDigits();
wireToolbar($('#panel-play'), plane);
wireToolbar($('#panel-digits'), digits);
mountDrawingPad($<HTMLCanvasElement>('#pad'), $<HTMLButtonElement>('#pad-clear'), (bytes) => {
  padBytes = bytes.some((v) => v > 0) ? bytes : null;
  predictPad();
});
$<HTMLInputElement>('#show-test').addEventListener('change', () => (plane.dirty = true));
$<HTMLInputElement>('#model-file').addEventListener('change', (event) => void loadModelFile(event));
window.addEventListener('hashchange', () => {
  if (location.hash !== toHash(settings)) update(parseHash(location.hash), true);
});
requestAnimationFrame(frame);

/** Applies changed settings: URL, controls, and a fresh run where the change affects training. */
function update(patch: Partial<Settings>, replaceAll = false): void {
  const before = settings;
  settings = replaceAll ? { ...(patch as Settings) } : { ...settings, ...patch };
  history.replaceState(null, '', toHash(settings));
  showSettings(document.body, settings);
  const changed = (keys: (keyof Settings)[]) => keys.some((k) => String(before[k]) !== String(settings[k]));
  if (changed(['dataset', 'noise', 'trainPercent', 'seed'])) points = generatePoints({ ...settings, points: 500 });
  if (changed(['hidden'])) network = remountNetwork();
  if (changed(['dataset', 'noise', 'trainPercent', 'seed', 'hidden', 'activation', 'optimizer', 'learningRate', 'batchSize', 'l2'])) plane.configure({ kind: '2d', settings });
  if (settings.tab === 'digits' && (!digitsStarted || changed(['digitsHidden', 'digitsRate', 'seed']))) startDigits();
  explainPanel.refresh();
}

function startDigits(model?: ModelJson): void {
  digitsStarted = true;
  digits.configure({ kind: 'digits', settings }, model);
}

function remountNetwork(): NetworkView {
  return mountNetwork($('#network'), [2, ...settings.hidden, 1], (hidden) => update({ hidden }));
}

/** Reset, play/pause, step, save and load buttons of one panel. */
function wireToolbar(panel: HTMLElement, client: JobClient): void {
  panel.querySelectorAll<HTMLButtonElement>('[data-action]').forEach((button) =>
    button.addEventListener('click', () => {
      const action = button.dataset.action;
      if (action === 'reset') client.configure(client === plane ? { kind: '2d', settings } : { kind: 'digits', settings });
      else if (action === 'play') (client.running ? client.pause() : client.play());
      else if (action === 'step') client.step();
      else if (action === 'save') saveModel(client);
      else $<HTMLInputElement>('#model-file').click();
    }),
  );
}

/** Redraws whatever changed since the last frame. */
function frame(): void {
  if (plane.dirty) {
    plane.dirty = false;
    drawPlane();
  }
  if (digits.dirty) {
    digits.dirty = false;
    drawDigits();
  }
  requestAnimationFrame(frame);
}

function drawPlane(): void {
  const activations = plane.model === undefined ? null : withModel(plane.model, (model) => {
    const values = model.activations(grid);
    network.draw(model, grid, values, GRID);
    return values;
  });
  const regression = points.task === 'regression';
  const scale = regression ? (v: number) => v : (v: number) => 2 * v - 1;
  const output = activations?.at(-1) ?? null;
  drawBoundary($<HTMLCanvasElement>('#boundary'), { output, size: GRID, scale, train: points.train, test: points.test, showTest: $<HTMLInputElement>('#show-test').checked, labelScale: scale });
  drawLossChart($<HTMLCanvasElement>('#loss-chart'), plane.trainLoss, plane.testLoss);
  const latest = plane.latest;
  $('#epoch').textContent = (latest?.epoch ?? 0).toLocaleString('en');
  $('#test-loss').textContent = plane.testLoss.at(-1)?.toFixed(3) ?? '–';
  $('#train-loss').textContent = plane.trainLoss.at(-1)?.toFixed(3) ?? '–';
  $('#speed').textContent = latest === undefined ? '' : `${Math.round(latest.samplesPerSecond).toLocaleString('en')} samples/s`;
  $('#engine').textContent = latest === undefined ? '' : `engine: ${latest.backend} · page: ${pageBackend.name}${crossOriginIsolated ? ' · cross-origin isolated' : ''}`;
  $('#panel-play .play').textContent = plane.running ? '❚❚' : '▶';
}

function drawDigits(): void {
  const latest = digits.latest;
  $('#digits-samples').textContent = (latest?.samples ?? 0).toLocaleString('en');
  $('#digits-accuracy').textContent = latest?.testAccuracy === undefined ? '–' : `${(100 * latest.testAccuracy).toFixed(1)}%`;
  $('#digits-speed').textContent = latest === undefined ? '' : `${Math.round(latest.samplesPerSecond).toLocaleString('en')} samples/s`;
  $('#panel-digits .play').textContent = digits.running ? '❚❚' : '▶';
  drawLossChart($<HTMLCanvasElement>('#digits-chart'), digits.trainLoss, digits.testLoss);
  drawMistakes($('#mistakes'), digits.mistakes);
  predictPad();
}

/** Runs the drawn digit through the latest digit network and shows the probabilities. */
function predictPad(): void {
  const host = $('#probabilities');
  if (padBytes === null || digits.model === undefined) return drawProbabilities(host, null);
  const out: Matrix = withModel(digits.model, (model) => model.predict(digitInputs(padBytes!)));
  const values = Array.from(out.data, (v) => Math.max(v, 0));
  const sum = values.reduce((s, v) => s + v, 0) || 1;
  drawProbabilities(host, values.map((v) => v / sum));
}

function saveModel(client: JobClient): void {
  if (client.model === undefined) return;
  const blob = new Blob([JSON.stringify(client.model, null, 1) + '\n'], { type: 'application/json' });
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = client === plane ? `playground-${settings.dataset}.json` : 'digits.json';
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

/** Loads a model file: 2 inputs → the playground, 784 → the digits panel. */
async function loadModelFile(event: Event): Promise<void> {
  const input = event.target as HTMLInputElement;
  const file = input.files?.[0];
  input.value = '';
  if (file === undefined) return;
  try {
    const json = JSON.parse(await file.text()) as ModelJson;
    const model = Mlp.fromJSON(json, { backend: reference });
    if (model.inputSize === 2 && model.outputSize === 1) {
      update({ tab: 'play', hidden: model.sizes.slice(1, -1), activation: (model.layers[0]!.activation as Settings['activation']) });
      plane.configure({ kind: '2d', settings }, json);
    } else if (model.inputSize === 784 && model.outputSize === 10) {
      update({ tab: 'digits', digitsHidden: model.sizes[1]! });
      startDigits(json);
    } else {
      throw new Error(`a ${model.sizes.join('-')} network fits neither panel (2 inputs → 1 output, or 784 → 10)`);
    }
  } catch (error) {
    alert(`Cannot load ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
