/** The inbox and the outbox: the requests received and sent, each with its stage, its time at both sites, and a way to open it. */
import { api } from './api.js';
import type { Dashboard } from './dashboard.js';
import { atSites, h } from './dom.js';
import { stageOf } from './record-codes.js';
import { t } from './words.js';

function whenOf(r: any): HTMLElement | string {
  if (r.slot) return atSites(r.slot);
  if (r.proposedWindows[0]) return h('span', {}, `${t('coord.proposed')} `, atSites(r.proposedWindows[0]));
  return '—';
}

export async function renderBox(dashboard: Dashboard, box: 'inbox' | 'outbox'): Promise<void> {
  const lists = await api('GET', '/api/requests');
  const rows = lists[box] as any[];
  const title = t(box === 'inbox' ? 'coord.inbox.title' : 'coord.outbox.title');
  dashboard.content.replaceChildren(
    h('h1', { tabindex: '-1' }, title),
    rows.length === 0
      ? h('p', {}, t('coord.empty'))
      : h(
          'table',
          { class: 'requests' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                t('coord.col.case'),
                t('coord.col.title'),
                t(box === 'inbox' ? 'coord.col.from' : 'coord.col.to'),
                t('coord.col.stage'),
                t('coord.col.when'),
                '',
              ].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h(
            'tbody',
            {},
            ...rows.map((r) => {
              const open = h('button', { type: 'button', 'aria-label': t('coord.openCase', { caseReference: r.caseReference }) }, t('coord.open'));
              open.addEventListener('click', () => void dashboard.openRequest(r.id));
              return h(
                'tr',
                {},
                h('td', {}, r.caseReference),
                h('td', {}, r.title),
                h('td', {}, box === 'inbox' ? r.requesting.name : r.requested.name),
                h('td', {}, stageOf(r)),
                h('td', {}, whenOf(r)),
                h('td', {}, open),
              );
            }),
          ),
        ),
  );
}
