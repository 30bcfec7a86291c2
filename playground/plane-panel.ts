/**
 * The 2-D playground panel: owns its training worker, its data, the page's copy of the model and
 * its views (data picker, network diagram, decision boundary, loss chart, layer health), and
 * redraws at most once per animation frame from one batched forward pass over a 100 x 100 grid.
 */
import { Mlp, type Matrix } from '../src/index.js';
import { asProblem, generatePoints, type PointSplit } from './datasets-2d.js';
import { FEATURE_NAMES, featureInputs, gridPoints, type FeatureName } from './features.js';
import { JobClient } from './job-client.js';
import { MOSTLY_FLAT, type LayerStats } from './layer-stats.js';
import { PageModel } from './page-model.js';
import type { PageEngine } from './page-engine.js';
import { changed, type SettingsStore } from './settings-store.js';
import { HIDDEN_ACTIVATIONS, hiddenActivations, type HiddenActivation, type Settings } from './state.js';
import { bindSettingControls, showSettingValues } from './views/controls.js';
import { mountDatasetPicker } from './views/dataset-picker.js';
import { drawBoundary } from './views/decision-boundary.js';
import { drawLossChart } from './views/loss-chart.js';
import { mountNetwork, type NetworkView } from './views/network.js';
import { downloadModel, showStatus } from './views/status.js';

/** Side of the boundary grid: TensorFlow Playground's density. */
export const GRID = 100;
const GRID_POINTS = gridPoints(GRID);
/** Every feature over the grid (GRID² x 7), for the input heat maps. */
const FEATURE_GRID = featureInputs(GRID_POINTS, FEATURE_NAMES);

/** Settings that start a new run when they change. */
const RUN_KEYS: (keyof Settings)[] = ['dataset', 'noise', 'trainPercent', 'seed', 'hidden', 'activation', 'layerActivations', 'features', 'problem', 'optimizer', 'learningRate', 'batchSize', 'l2', 'l1', 'engine'];

/** Mounts the panel in `root` (the #panel-play section); `engineLabel` shows which engines compute. */
export function mountPlanePanel(root: HTMLElement, store: SettingsStore, engine: PageEngine, engineLabel: HTMLElement): void {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const client = new JobClient((text, isError) => showStatus($('#plane-status'), text, isError));
  const pageModel = new PageModel();
  const markDataset = mountDatasetPicker($('#datasets'), (dataset) => store.update({ dataset }));
  const view = { points: points(store.settings), network: remount(store.settings), inputs: gridInputs(store.settings), ignoreNextRun: false };
  client.onSnapshot = (snapshot) => pageModel.sync(snapshot, engine.backend);
  engine.onChange(() => {
    pageModel.moveTo(engine.backend);
    client.dirty = true;
  });

  bindSettingControls(root, (patch) => store.update(patch));
  store.subscribe((settings, before) => {
    showSettings(settings);
    if (changed(before, settings, ['dataset', 'noise', 'trainPercent', 'seed', 'problem'])) view.points = points(settings);
    if (changed(before, settings, ['hidden', 'features', 'activation', 'layerActivations'])) view.network = remount(settings);
    if (changed(before, settings, ['features'])) view.inputs = gridInputs(settings);
    if (changed(before, settings, ['speed'])) client.setSpeed(stepsPerFrame(settings));
    if (changed(before, settings, RUN_KEYS) && !view.ignoreNextRun) restart();
    client.dirty = true;
  });
  showSettings(store.settings);
  client.setSpeed(stepsPerFrame(store.settings));
  restart();

  root.querySelectorAll<HTMLButtonElement>('[data-action]').forEach((button) =>
    button.addEventListener('click', () => {
      const action = button.dataset.action;
      if (action === 'reset') restart();
      else if (action === 'play') (client.running ? client.pause() : client.play());
      else if (action === 'step') client.step();
      else if (action === 'save') save();
      else $<HTMLInputElement>('#model-file').click();
    }),
  );
  $<HTMLInputElement>('#model-file').addEventListener('change', (event) => void load(event.target as HTMLInputElement));
  requestAnimationFrame(function frame() {
    if (client.dirty) {
      client.dirty = false;
      draw();
    }
    requestAnimationFrame(frame);
  });

  function restart(file?: Parameters<JobClient['configure']>[1]): void {
    pageModel.reset();
    client.configure({ kind: '2d', settings: store.settings }, file);
  }

  function remount(settings: Settings): NetworkView {
    return mountNetwork($('#network'), { features: settings.features, hidden: settings.hidden, activations: hiddenActivations(settings) }, FEATURE_GRID, GRID, {
      onHidden: (hidden) => store.update({ hidden, layerActivations: settings.layerActivations.length === 0 ? [] : hidden.map((_, l) => hiddenActivations(settings)[l] ?? settings.activation) }),
      onFeatures: (features) => store.update({ features }),
      onActivation: (layer, activation) => store.update({ layerActivations: hiddenActivations(settings).map((a, l) => (l === layer ? activation : a)) }),
    });
  }

  function showSettings(settings: Settings): void {
    showSettingValues(root, settings);
    markDataset(settings.dataset);
    $('#noise-value').textContent = `${settings.noise}%`;
    $('#train-value').textContent = `${settings.trainPercent}%`;
    $('#shape').textContent = `${settings.features.length} → ${settings.hidden.map((n) => `${n} → `).join('')}1`;
  }

  function draw(): void {
    const settings = store.settings;
    const model = pageModel.model;
    const ready = model !== undefined && model.inputSize === view.inputs.cols;
    // One batched forward pass over all GRID² points gives every neuron's map and the boundary.
    const activations = ready ? model.activations(view.inputs, view.inputs.rows) : null;
    if (ready && activations !== null) view.network.draw(model, activations, GRID);
    const stats = client.latest?.layers;
    view.network.showStats(stats);
    $('#layer-hint').textContent = hint(stats, model);
    const regression = view.points.task === 'regression';
    const labelScale = regression ? (v: number) => v : (v: number) => 2 * v - 1;
    const scale = !settings.discretize ? labelScale : regression ? (v: number) => Math.sign(v) : (v: number) => (v >= 0.5 ? 1 : -1);
    const output = activations?.at(-1) ?? null;
    drawBoundary($<HTMLCanvasElement>('#boundary'), { output, size: GRID, scale, train: view.points.train, test: view.points.test, showTest: $<HTMLInputElement>('#show-test').checked, labelScale });
    drawLossChart($<HTMLCanvasElement>('#loss-chart'), client.trainLoss, client.testLoss, { log: settings.logLoss });
    const latest = client.latest;
    $('#epoch').textContent = (latest?.epoch ?? 0).toLocaleString('en');
    $('#test-loss').textContent = client.testLoss.at(-1)?.toFixed(3) ?? '–';
    $('#train-loss').textContent = client.trainLoss.at(-1)?.toFixed(3) ?? '–';
    $('#speed').textContent = latest === undefined ? '' : `${Math.round(latest.samplesPerSecond).toLocaleString('en')} samples/s`;
    engineLabel.textContent = latest === undefined ? '' : `engine: ${latest.backend} · page: ${engine.backend.name}${crossOriginIsolated ? ' · cross-origin isolated' : ''}`;
    const play = $<HTMLButtonElement>('#panel-play .play');
    play.textContent = client.running ? '❚❚' : '▶';
    play.setAttribute('aria-label', client.running ? 'Pause' : 'Train');
  }

  function save(): void {
    const model = pageModel.model;
    if (model !== undefined) downloadModel(model.toJSON(), `playground-${store.settings.dataset}.json`);
  }

  /** Loads a model file with one output: its inputs are the features it was saved with (or X₁, X₂). */
  async function load(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    try {
      const json: unknown = JSON.parse(await file.text());
      const model = Mlp.fromJSON(json);
      const patch = settingsFor(model);
      view.ignoreNextRun = true;
      store.update({ tab: 'play', ...patch });
      view.ignoreNextRun = false;
      restart(model.toJSON());
    } catch (error) {
      view.ignoreNextRun = false;
      showStatus($('#plane-status'), `cannot load ${file.name}: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  }
}

/** The settings a loaded 2-D model needs: features, layers, activations and problem kind. */
function settingsFor(model: Mlp): Partial<Settings> {
  const saved = model.metadata['playgroundFeatures'];
  const features = (Array.isArray(saved) && saved.every((f) => FEATURE_NAMES.includes(f as FeatureName)) ? saved : ['x1', 'x2']) as FeatureName[];
  if (model.outputSize !== 1 || model.inputSize !== features.length) {
    throw new Error(`a ${model.sizes.join('-')} network does not fit the playground (${features.length} inputs → 1 output; digit networks go in the Digits panel)`);
  }
  const hidden = model.layers.slice(0, -1);
  const activations = hidden.map((l) => l.activation);
  if (!activations.every((a) => (HIDDEN_ACTIVATIONS as readonly string[]).includes(a))) throw new Error(`hidden activations ${activations.join(', ')} are not all offered here`);
  const output = model.outputLayer.activation;
  return {
    features,
    hidden: hidden.map((l) => l.units),
    activation: (activations[0] ?? 'relu') as HiddenActivation,
    layerActivations: activations as HiddenActivation[],
    problem: output === 'sigmoid' ? 'classification' : 'regression',
  };
}

function points(settings: Settings): PointSplit {
  return asProblem(generatePoints({ ...settings, points: 500 }), settings.problem);
}

function gridInputs(settings: Settings): Matrix {
  return featureInputs(GRID_POINTS, settings.features);
}

function stepsPerFrame(settings: Settings): number | null {
  return settings.speed === 'max' ? null : Number(settings.speed);
}

/** One line when most of some hidden layer is flat, saying what to do about it. */
function hint(stats: readonly LayerStats[] | undefined, model: Mlp | undefined): string {
  if (stats === undefined || model === undefined) return '';
  // The hidden layer with the largest share of flat units (the first of equals).
  const layer = stats.reduce((best, s, l) => (l < stats.length - 1 && s.flat !== null && s.flatShare > MOSTLY_FLAT && (best < 0 || s.flatShare > stats[best]!.flatShare) ? l : best), -1);
  if (layer < 0) return '';
  const s = stats[layer]!;
  const share = `${Math.round(100 * s.flatShare)}%`;
  return s.flat === 'dead'
    ? `${share} of layer ${layer + 1}'s ReLUs are dead (0 for every training point, so they no longer learn): lower the learning rate or use leaky ReLU.`
    : `${share} of layer ${layer + 1}'s ${model.layers[layer]!.activation} units are saturated (flat for every training point): lower the learning rate or use ReLU.`;
}
