/** The steps open to this coordinator on one request now, each a form: send, accept or refuse, propose and agree a slot, the test, scheduling, and the end. */
import { api } from './api.js';
import type { Dashboard } from './dashboard.js';
import { field, h, input, select } from './dom.js';
import { resourceBox } from './new-request.js';
import { GROUNDS } from './record-codes.js';
import { slotFinder } from './slot-finder.js';
import { actionForm, localInstant, timeFields } from './step-forms.js';
import { t } from './words.js';

export async function actionsFor(dashboard: Dashboard, r: any): Promise<HTMLElement[]> {
  const out: HTMLElement[] = [];
  const types = new Set(r.actions.map((a: any) => a.type));
  const s = (d: FormData, n: string) => String(d.get(n) ?? '');
  if (types.has('send')) out.push(actionForm(dashboard, r, 'send', t('coord.action.send'), [], () => ({})));
  if (types.has('accept')) {
    const resources = await api<any[]>('GET', '/api/resources');
    out.push(
      actionForm(
        dashboard,
        r,
        'accept',
        t('coord.action.accept'),
        [
          field(t('coord.action.officer'), input('officerName', { required: true })),
          field(t('coord.action.officerEmail'), input('officerEmail', { type: 'email' })),
          h('fieldset', {}, h('legend', {}, t('coord.action.resources')), ...resources.map(resourceBox)),
        ],
        (d) => ({ officer: { name: s(d, 'officerName'), email: s(d, 'officerEmail') || undefined }, resourceIds: d.getAll('resource').map(String) }),
      ),
    );
  }
  if (types.has('refuse')) {
    out.push(
      actionForm(
        dashboard,
        r,
        'refuse',
        t('coord.action.refuse'),
        [
          field(
            t('coord.action.ground'),
            select(
              'ground',
              Object.entries(GROUNDS).map(([code, key]) => [code, t(key)]),
            ),
          ),
          field(t('coord.action.explanation'), h('textarea', { name: 'explanation', id: 'f-explanation', required: true, rows: '2' })),
        ],
        (d) => ({ ground: s(d, 'ground'), explanation: s(d, 'explanation') }),
      ),
    );
  }
  if (types.has('propose_slot')) out.push(slotFinder(dashboard, r));
  if (types.has('agree_slot')) out.push(actionForm(dashboard, r, 'agree_slot', t('coord.action.agree'), [], () => ({})));
  if (types.has('book_test')) {
    out.push(
      actionForm(
        dashboard,
        r,
        'book_test',
        t('coord.action.bookTest'),
        [...timeFields(dashboard, 'test'), field(t('coord.new.duration'), input('testDuration', { type: 'number', value: '30', min: '15', max: '180' }))],
        (d) => ({
          start: localInstant(dashboard, s(d, 'testStart'), s(d, 'testDisambiguation')),
          durationMinutes: Number(s(d, 'testDuration')),
        }),
      ),
    );
  }
  if (types.has('record_test')) {
    out.push(
      actionForm(
        dashboard,
        r,
        'record_test',
        t('coord.action.recordTest'),
        [
          field(
            t('coord.action.result'),
            select('result', [
              ['go', t('coord.go')],
              ['no_go', t('coord.noGo')],
            ]),
          ),
          h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'audio', checked: true }), ` ${t('coord.action.sound')}`),
          h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'video', checked: true }), ` ${t('coord.action.picture')}`),
          field(t('coord.action.network'), input('network')),
          field(t('coord.action.encryption'), input('encryption', { value: 'DTLS-SRTP' })),
          field(t('coord.action.contactAt', { authority: r.requesting.name }), input('contactRequesting', { required: true })),
          field(t('coord.action.contactAt', { authority: r.requested.name }), input('contactRequested', { required: true })),
        ],
        (d) => ({
          result: s(d, 'result'),
          audio: d.get('audio') !== null,
          video: d.get('video') !== null,
          network: s(d, 'network'),
          encryption: s(d, 'encryption'),
          contacts: { requesting: s(d, 'contactRequesting'), requested: s(d, 'contactRequested') },
        }),
      ),
    );
  }
  if (types.has('schedule')) out.push(actionForm(dashboard, r, 'schedule', t('coord.action.schedule'), [], () => ({})));
  if (types.has('reschedule'))
    out.push(
      actionForm(
        dashboard,
        r,
        'reschedule',
        t(r.stage === 'adjourned' ? 'coord.action.fixNewDate' : 'coord.action.reschedule'),
        timeFields(dashboard, 're'),
        (d) => ({
          start: localInstant(dashboard, s(d, 'reStart'), s(d, 'reDisambiguation')),
        }),
      ),
    );
  if (types.has('record_held')) out.push(actionForm(dashboard, r, 'record_held', t('coord.action.held'), [], () => ({})));
  if (types.has('close')) out.push(actionForm(dashboard, r, 'close', t('coord.action.close'), [], () => ({})));
  if (types.has('cancel'))
    out.push(
      actionForm(dashboard, r, 'cancel', t('coord.action.cancel'), [field(t('coord.action.reason'), input('reason', { required: true }))], (d) => ({
        reason: s(d, 'reason'),
      })),
    );
  return out;
}
