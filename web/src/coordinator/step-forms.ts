/**
 * How a coordinator takes a step of the exchange: a form whose times are in her zone (with the
 * choice to make when a time happens twice), posted with the version of the request she saw, so that
 * a step the other coordinator took meanwhile is refused rather than overwritten.
 */
import { api } from './api.js';
import type { Dashboard } from './dashboard.js';
import { field, h, input, select } from './dom.js';
import { t } from './words.js';

export async function act(dashboard: Dashboard, r: any, action: object): Promise<void> {
  await dashboard.attempt(async () => {
    await api('POST', `/api/requests/${r.id}/actions`, { expectedVersion: r.version, action });
    dashboard.announce(t('coord.done'));
    await dashboard.openRequest(r.id);
  });
}

export function localInstant(dashboard: Dashboard, value: string, disambiguation: string) {
  return { local: value, zone: dashboard.session.authority.timeZone, ...(disambiguation ? { disambiguation } : {}) };
}

/** A time picker in the coordinator's zone, with the choice to make when a time happens twice. */
export function timeFields(dashboard: Dashboard, prefix: string): HTMLElement[] {
  return [
    field(t('coord.start', { timeZone: dashboard.session.authority.timeZone }), input(`${prefix}Start`, { type: 'datetime-local', required: true })),
    field(
      t('coord.twice'),
      select(`${prefix}Disambiguation`, [
        ['', t('coord.twice.refuse')],
        ['earlier', t('coord.twice.earlier')],
        ['later', t('coord.twice.later')],
      ]),
    ),
  ];
}

export function actionForm(dashboard: Dashboard, r: any, type: string, label: string, fields: HTMLElement[], build: (data: FormData) => object): HTMLElement {
  const form = h('form', { class: 'form action', 'aria-label': label }, ...fields, h('button', { type: 'submit', class: 'primary' }, label));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(dashboard, r, { type, ...build(new FormData(form)) });
  });
  return form;
}
