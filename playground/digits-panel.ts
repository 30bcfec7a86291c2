/**
 * The digits panel: seed 003's network trained live in its own worker, the current test
 * mistakes, and a pad whose drawing the latest network reads. Starts its worker's job the first
 * time the panel is shown; its status line is its own.
 */
import { Mlp, type ModelJson } from '../src/index.js';
import { digitInputs } from './jobs.js';
import { JobClient } from './job-client.js';
import type { PageEngine } from './page-engine.js';
import { changed, type SettingsStore } from './settings-store.js';
import { bindSettingControls, showSettingValues } from './views/controls.js';
import { drawMistakes } from './views/digits.js';
import { drawProbabilities, mountDrawingPad } from './views/drawing-pad.js';
import { drawLossChart } from './views/loss-chart.js';
import { downloadModel, showStatus } from './views/status.js';

/** Mounts the panel in `root` (the #panel-digits section). */
export function mountDigitsPanel(root: HTMLElement, store: SettingsStore, engine: PageEngine): void {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const client = new JobClient((text, isError) => showStatus($('#digits-status'), text, isError));
  /** The page's copy of the latest network (rebuilt only when a new model file arrives), and the pad's drawing. */
  const view: { started: boolean; model: Mlp | undefined; modelFile: ModelJson | undefined; pad: Uint8Array | null } = { started: false, model: undefined, modelFile: undefined, pad: null };

  bindSettingControls(root, (patch) => store.update(patch));
  showSettingValues(root, store.settings);
  store.subscribe((settings, before) => {
    showSettingValues(root, settings);
    if (settings.tab === 'digits' && (!view.started || changed(before, settings, ['digitsHidden', 'digitsRate', 'seed']))) start();
  });
  if (store.settings.tab === 'digits') start();
  engine.onChange(() => (view.modelFile = undefined));

  root.querySelectorAll<HTMLButtonElement>('[data-action]').forEach((button) =>
    button.addEventListener('click', () => {
      const action = button.dataset.action;
      if (action === 'reset') start();
      else if (action === 'play') (client.running ? client.pause() : client.play());
      else if (action === 'step') client.step();
      else if (action === 'save') save();
      else $<HTMLInputElement>('#digits-model-file').click();
    }),
  );
  $<HTMLInputElement>('#digits-model-file').addEventListener('change', (event) => void load(event.target as HTMLInputElement));
  mountDrawingPad($<HTMLCanvasElement>('#pad'), $<HTMLButtonElement>('#pad-clear'), (bytes) => {
    view.pad = bytes.some((v) => v > 0) ? bytes : null;
    predictPad();
  });
  requestAnimationFrame(function frame() {
    if (client.dirty) {
      client.dirty = false;
      draw();
    }
    requestAnimationFrame(frame);
  });

  function start(file?: ModelJson): void {
    view.started = true;
    client.configure({ kind: 'digits', settings: store.settings }, file);
  }

  function draw(): void {
    const latest = client.latest;
    $('#digits-samples').textContent = (latest?.samples ?? 0).toLocaleString('en');
    $('#digits-accuracy').textContent = latest?.testAccuracy === undefined ? '–' : `${(100 * latest.testAccuracy).toFixed(1)}%`;
    $('#digits-speed').textContent = latest === undefined ? '' : `${Math.round(latest.samplesPerSecond).toLocaleString('en')} samples/s`;
    const play = $<HTMLButtonElement>('#panel-digits .play');
    play.textContent = client.running ? '❚❚' : '▶';
    play.setAttribute('aria-label', client.running ? 'Pause' : 'Train');
    drawLossChart($<HTMLCanvasElement>('#digits-chart'), client.trainLoss, client.testLoss, { log: store.settings.logLoss, xStep: 1000, xUnit: 'samples' });
    drawMistakes($('#mistakes'), client.mistakes);
    predictPad();
  }

  /** The latest network on the page engine, rebuilt only when the worker sent new weights. */
  function currentModel(): Mlp | undefined {
    if (client.model !== view.modelFile) {
      view.model?.dispose();
      view.modelFile = client.model;
      view.model = client.model === undefined ? undefined : Mlp.fromJSON(client.model, { backend: engine.backend });
    }
    return view.model;
  }

  /** Runs the drawn digit through the latest digit network and shows the probabilities. */
  function predictPad(): void {
    const host = $('#probabilities');
    const model = currentModel();
    if (view.pad === null || model === undefined) return drawProbabilities(host, null);
    const values = Array.from(model.predict(digitInputs(view.pad)).data, (v) => Math.max(v, 0));
    const sum = values.reduce((s, v) => s + v, 0) || 1;
    drawProbabilities(host, values.map((v) => v / sum));
  }

  function save(): void {
    if (client.model !== undefined) downloadModel(client.model, 'digits.json');
  }

  async function load(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    input.value = '';
    if (file === undefined) return;
    try {
      const json = JSON.parse(await file.text()) as ModelJson;
      const model = Mlp.fromJSON(json);
      if (model.inputSize !== 784 || model.outputSize !== 10 || model.layers.length !== 2) {
        throw new Error(`a ${model.sizes.join('-')} network does not fit this panel (784 → hidden → 10; 2-D networks go in the Playground panel)`);
      }
      store.update({ tab: 'digits', digitsHidden: model.sizes[1]! });
      start(json);
    } catch (error) {
      showStatus($('#digits-status'), `cannot load ${file.name}: ${error instanceof Error ? error.message : String(error)}`, true);
    }
  }
}
