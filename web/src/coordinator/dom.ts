/** Small helpers to build accessible markup without innerHTML (nothing from the server is parsed as HTML). */

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null && child !== undefined && child !== false) element.append(child);
  return element;
}

export function field(label: string, control: HTMLElement, hint?: string): HTMLLabelElement {
  return h('label', {}, label, control, hint ? h('span', { class: 'hint' }, hint) : null);
}

export function input(name: string, attrs: Record<string, string | boolean | undefined> = {}): HTMLInputElement {
  return h('input', { name, id: `f-${name}`, ...attrs });
}

export function select(name: string, options: [string, string][], attrs: Record<string, string | boolean | undefined> = {}): HTMLSelectElement {
  return h('select', { name, id: `f-${name}`, ...attrs }, ...options.map(([value, label]) => h('option', { value }, label)));
}

/** Times at both sites, the viewer's first, as a list a screen reader reads in order. */
export function atSites(times: { site: string; text: string }[] | undefined): HTMLElement {
  return h('ul', { class: 'at-sites' }, ...(times ?? []).map((t) => h('li', {}, h('span', { class: 'site' }, `${t.site}: `), t.text)));
}
