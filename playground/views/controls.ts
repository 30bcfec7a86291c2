/** The form controls: every `[data-setting]` element inside a root, bound to the settings both ways. */
import type { Settings } from '../state.js';

type SettingElement = HTMLInputElement | HTMLSelectElement;

/** Calls `onChange` with the changed setting whenever a control inside `root` is edited. */
export function bindSettingControls(root: HTMLElement, onChange: (patch: Partial<Settings>) => void): void {
  root.querySelectorAll<SettingElement>('[data-setting]').forEach((element) => {
    element.addEventListener('change', () => {
      const key = element.dataset.setting as keyof Settings;
      if (element instanceof HTMLInputElement && element.type === 'checkbox') return onChange({ [key]: element.checked } as Partial<Settings>);
      const raw = element.value;
      const value = element.hasAttribute('data-number') ? Number(raw) : raw;
      if (typeof value === 'number' && !Number.isFinite(value)) return;
      onChange({ [key]: value } as Partial<Settings>);
    });
  });
}

/** Puts the settings' values into the controls inside `root`. */
export function showSettingValues(root: HTMLElement, settings: Settings): void {
  root.querySelectorAll<SettingElement>('[data-setting]').forEach((element) => {
    const current = settings[element.dataset.setting as keyof Settings];
    if (element instanceof HTMLInputElement && element.type === 'checkbox') {
      element.checked = current === true;
      return;
    }
    const value = String(current);
    if (element instanceof HTMLSelectElement && ![...element.options].some((o) => o.value === value)) {
      element.append(new Option(value, value));
    }
    element.value = value;
  });
}

/** The header's tabs: clicking one shows its panel; the shown tab is marked for sight and for screen readers. */
export function bindTabs(root: HTMLElement, onChange: (tab: Settings['tab']) => void): (settings: Settings) => void {
  const tabs = [...root.querySelectorAll<HTMLButtonElement>('[data-tab]')];
  tabs.forEach((button) => button.addEventListener('click', () => onChange(button.dataset.tab as Settings['tab'])));
  return (settings) => {
    for (const tab of tabs) {
      const on = tab.dataset.tab === settings.tab;
      tab.classList.toggle('active', on);
      tab.setAttribute('aria-pressed', String(on));
    }
    root.querySelectorAll<HTMLElement>('.panel').forEach((p) => (p.hidden = p.id !== `panel-${settings.tab}`));
  };
}
