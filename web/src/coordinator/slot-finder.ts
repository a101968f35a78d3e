/**
 * The slot finder: the next times that suit both authorities, their rooms and an interpreter, each
 * to propose with one press, and a check of a time the coordinator has in mind, with what is wrong
 * with it in words.
 */
import { api } from './api.js';
import type { Dashboard } from './dashboard.js';
import { atSites, h } from './dom.js';
import { act, localInstant, timeFields } from './step-forms.js';
import { t } from './words.js';

export function slotFinder(dashboard: Dashboard, r: any): HTMLElement {
  const results = h('div', { class: 'slots', 'aria-live': 'polite' });
  const find = h('button', { type: 'button', class: 'primary' }, t('coord.finder.find'));
  find.addEventListener(
    'click',
    () =>
      void dashboard.attempt(async () => {
        const slots = await api<any[]>('GET', `/api/requests/${r.id}/slots?limit=5`);
        if (slots.length === 0) {
          results.replaceChildren(h('p', {}, t('coord.finder.none')));
          return;
        }
        results.replaceChildren(
          h(
            'ol',
            { class: 'slot-list' },
            ...slots.map((slot, i) => {
              const propose = h('button', { type: 'button' }, t('coord.finder.propose', { number: i + 1 }));
              propose.addEventListener(
                'click',
                () =>
                  void act(dashboard, r, {
                    type: 'propose_slot',
                    start: { utc: slot.start },
                    ...(slot.interpreterId ? { interpreterId: slot.interpreterId } : {}),
                  }),
              );
              return h('li', {}, atSites(slot), slot.interpreter ? h('p', {}, t('coord.finder.interpreter', { name: slot.interpreter })) : null, propose);
            }),
          ),
        );
        dashboard.announce(t('coord.finder.found', { count: slots.length }));
      }),
  );
  const check = h(
    'form',
    { class: 'form', 'aria-label': t('coord.finder.check') },
    ...timeFields(dashboard, 'check'),
    h('button', { type: 'submit' }, t('coord.finder.checkButton')),
  );
  const verdict = h('div', { 'aria-live': 'polite' });
  check.addEventListener('submit', (event) => {
    event.preventDefault();
    const d = new FormData(check);
    void dashboard.attempt(async () => {
      const result = await api('POST', `/api/requests/${r.id}/slot-check`, {
        start: localInstant(dashboard, String(d.get('checkStart')), String(d.get('checkDisambiguation') ?? '')),
      });
      verdict.replaceChildren(
        result.problems.length === 0
          ? h('p', { class: 'notice' }, t('coord.finder.works'))
          : h('ul', { class: 'problems' }, ...result.problems.map((p: string) => h('li', {}, p))),
      );
    });
  });
  return h(
    'section',
    { class: 'finder', 'aria-labelledby': 'finder-title' },
    h('h3', { id: 'finder-title' }, t('coord.finder.title')),
    find,
    results,
    check,
    verdict,
  );
}
