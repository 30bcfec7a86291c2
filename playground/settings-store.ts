/**
 * The page's one settings object, kept in the URL hash: panels read it, change it with `update`,
 * and hear about every change (with the settings before it) through `subscribe`.
 */
import { parseHash, toHash, type Settings } from './state.js';

/** Called after every change with the new and the previous settings. */
export type SettingsListener = (settings: Settings, before: Settings) => void;

/** Settings ⇄ URL hash, with change listeners. */
export class SettingsStore {
  #settings: Settings;
  readonly #listeners: SettingsListener[] = [];

  constructor() {
    this.#settings = parseHash(location.hash);
    window.addEventListener('hashchange', () => {
      if (location.hash !== toHash(this.#settings)) this.#apply(parseHash(location.hash));
    });
  }

  get settings(): Settings {
    return this.#settings;
  }

  /** Applies a change and writes the URL. */
  update(patch: Partial<Settings>): void {
    this.#apply({ ...this.#settings, ...patch });
  }

  subscribe(listener: SettingsListener): void {
    this.#listeners.push(listener);
  }

  #apply(next: Settings): void {
    const before = this.#settings;
    this.#settings = next;
    history.replaceState(null, '', toHash(next));
    for (const listener of this.#listeners) listener(next, before);
  }
}

/** True when any of `keys` differs between two settings. */
export function changed(before: Settings, after: Settings, keys: readonly (keyof Settings)[]): boolean {
  return keys.some((key) => String(before[key]) !== String(after[key]));
}
