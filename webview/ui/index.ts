// The seam around @vscode/webview-ui-toolkit: the only importer of it. Views ask for controls here, so
// the toolkit (archived upstream) can be swapped without touching them.
import {
  provideVSCodeDesignSystem,
  vsCodeButton,
  vsCodeCheckbox,
  vsCodeDropdown,
  vsCodeOption,
  vsCodeTextField,
} from '@vscode/webview-ui-toolkit';

let registered = false;

export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(
    vsCodeButton(),
    vsCodeCheckbox(),
    vsCodeDropdown(),
    vsCodeOption(),
    vsCodeTextField(),
  );
}

interface Common {
  id?: string;
  title?: string;
  className?: string;
}

function make(tag: string, o: Common): HTMLElement & { value: string } {
  const el = document.createElement(tag) as HTMLElement & { value: string };
  if (o.id) el.id = o.id;
  if (o.title) el.title = o.title;
  if (o.className) el.className = o.className;
  return el;
}

export function button(label: string, o: Common & { appearance?: 'primary' | 'secondary' | 'icon'; onClick: () => void }): HTMLElement {
  const el = make('vscode-button', o);
  if (o.appearance) el.setAttribute('appearance', o.appearance);
  el.textContent = label;
  if (o.appearance === 'icon' && o.title) el.setAttribute('aria-label', o.title);
  el.addEventListener('click', () => o.onClick());
  return el;
}

export interface TextField {
  readonly el: HTMLElement;
  value: string;
}

/** `onInput` fires on every keystroke, `onEnter` on Enter. */
export function textField(o: Common & { placeholder: string; label?: string; value?: string; onInput?: (v: string) => void; onEnter?: (v: string) => void }): TextField {
  const el = make('vscode-text-field', o);
  el.setAttribute('placeholder', o.placeholder);
  el.setAttribute('aria-label', o.label ?? o.placeholder);
  // The attribute is the initial value, the property the current one; set both so neither wins by timing.
  if (o.value) el.setAttribute('value', o.value);
  el.value = o.value ?? '';
  el.addEventListener('input', () => o.onInput?.(el.value));
  el.addEventListener('keydown', (e) => {
    if ((e as KeyboardEvent).key === 'Enter') o.onEnter?.(el.value);
  });
  return {
    el,
    get value() {
      return el.value;
    },
    set value(v: string) {
      if (el.value !== v) el.value = v;
    },
  };
}

export interface Choice {
  readonly value: string;
  readonly label: string;
}

export interface Dropdown {
  readonly el: HTMLElement;
  value: string;
}

export function dropdown(o: Common & { label: string; choices: readonly Choice[]; value: string; onChange: (v: string) => void }): Dropdown {
  const el = make('vscode-dropdown', o);
  el.setAttribute('aria-label', o.label);
  for (const c of o.choices) {
    const opt = document.createElement('vscode-option');
    opt.setAttribute('value', c.value);
    opt.textContent = c.label;
    if (c.value === o.value) opt.setAttribute('selected', '');
    el.appendChild(opt);
  }
  el.addEventListener('change', () => o.onChange(el.value));
  return {
    el,
    get value() {
      return el.value;
    },
    set value(v: string) {
      if (el.value !== v) el.value = v;
    },
  };
}

export interface Toggle {
  readonly el: HTMLElement;
  checked: boolean;
}

export function checkbox(label: string, o: Common & { checked: boolean; onChange: (checked: boolean) => void }): Toggle {
  const el = make('vscode-checkbox', o) as unknown as HTMLElement & { checked: boolean };
  el.textContent = label;
  el.checked = o.checked;
  el.addEventListener('change', () => o.onChange(el.checked));
  return {
    el,
    get checked() {
      return el.checked;
    },
    set checked(v: boolean) {
      if (el.checked !== v) el.checked = v;
    },
  };
}
