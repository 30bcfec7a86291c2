/**
 * Mounts the page: one settings store (kept in the URL hash), one page engine, the tabs, and one
 * module per panel (plane, digits, step by step), each owning its state, worker and views.
 */
import { mountDigitsPanel } from './digits-panel.js';
import { PageEngine } from './page-engine.js';
import { mountPlanePanel } from './plane-panel.js';
import { SettingsStore } from './settings-store.js';
import { bindTabs } from './views/controls.js';
import { mountExplainPanel } from './views/explain-panel.js';

const byId = (id: string) => document.getElementById(id)!;
const store = new SettingsStore();
const engine = new PageEngine();
const showTab = bindTabs(document.body, (tab) => store.update({ tab }));
showTab(store.settings);
store.subscribe((settings) => showTab(settings));
mountPlanePanel(byId('panel-play'), store, engine, byId('engine'));
mountDigitsPanel(byId('panel-digits'), store, engine);
const explain = mountExplainPanel(byId('panel-explain'), () => store.settings);
store.subscribe(() => explain.refresh());
