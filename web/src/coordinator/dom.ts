/** Small helpers to build accessible markup without innerHTML (nothing from the server is parsed as HTML). */
import { interval } from './words.js';

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
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

/** An interval at both sites, the viewer's first, each in its own zone, as a list a screen reader reads in order. */
export function atSites(window: { start: string; end: string; atSites: { site: string; zone: string }[] } | null | undefined): HTMLElement {
  return h(
    'ul',
    { class: 'at-sites' },
    ...(window?.atSites ?? []).map((s) => h('li', {}, h('span', { class: 'site' }, `${s.site}: `), interval(window!.start, window!.end, s.zone))),
  );
}
