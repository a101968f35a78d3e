/**
 * The interpretation as the court's consoles show it: the mode (the judge switches it), who is live
 * on each channel and from which language, and the latest requests to slow down and problems raised.
 */
import type { InterpretationView } from '../../signaling/protocol.js';
import { time, type ConsoleWriting } from './console-writing.js';
import { h } from './dom.js';

export function interpretationState(w: ConsoleWriting, view: InterpretationView | null, presiding: boolean): HTMLElement | null {
  if (!view || view.channels.length === 0) return null;
  const name = (id: string) => view.channels.flatMap((c) => c.interpreters).find((i) => i.id === id)?.displayName ?? w.t('console.anInterpreter');
  const modeButton = (mode: 'simultaneous' | 'consecutive', label: string) =>
    w.button(label, 'interpretation:mode', { mode }, { 'aria-pressed': String(view.mode === mode), ...(view.mode === mode ? { disabled: '' } : {}) });
  const slowDowns = (view.slowDowns ?? []).slice(-3).reverse();
  const problems = (view.problems ?? []).slice(-3).reverse();
  return h(
    'section',
    { class: 'console-section interpretation-state', 'aria-labelledby': 'interpretation-heading' },
    h('h2', { id: 'interpretation-heading' }, w.t('picker.heading')),
    presiding
      ? h(
          'div',
          { class: 'button-row', role: 'group', 'aria-label': w.t('console.mode') },
          modeButton('simultaneous', w.t('console.simultaneous')),
          modeButton('consecutive', w.t('console.consecutive')),
        )
      : h('p', {}, w.t(view.mode === 'consecutive' ? 'console.consecutiveMode' : 'console.simultaneousMode')),
    h(
      'ul',
      { class: 'people' },
      ...view.channels.map((c) =>
        h(
          'li',
          { class: 'channel', 'data-channel': c.language },
          h('span', { class: 'who' }, w.t('booth.channelMeter', { channel: w.language(c.language) })),
          h(
            'span',
            { 'data-live': c.live ?? '' },
            c.live
              ? c.relayFrom
                ? w.t('console.liveRelay', { name: name(c.live), language: w.language(c.relayFrom) })
                : w.t('console.live', { name: name(c.live) })
              : w.t('console.silent'),
          ),
        ),
      ),
    ),
    slowDowns.length > 0
      ? h(
          'ul',
          { class: 'checklist', 'aria-label': w.t('console.slowDowns') },
          ...slowDowns.map((s) =>
            h('li', { class: 'slow-down' }, w.t('console.slowDown', { time: time(s.at), name: s.displayName, language: w.language(s.channel) })),
          ),
        )
      : null,
    problems.length > 0
      ? h(
          'ul',
          { class: 'checklist', 'aria-label': w.t('console.problems') },
          ...problems.map((p) => h('li', {}, `${time(p.at)} — ${p.displayName}: ${p.text}`)),
        )
      : null,
  );
}
