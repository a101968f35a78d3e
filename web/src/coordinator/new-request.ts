/**
 * A new request to another authority: the case, the legal basis, why the person cannot come in
 * person, who conducts the hearing, the person to be heard and her language, the hearing's language
 * and interpretation, its length, the window proposed in the coordinator's zone, and the resources
 * to book. Saved as a draft, then opened.
 */
import { api } from './api.js';
import type { Dashboard } from './dashboard.js';
import { field, h, input, select } from './dom.js';
import { chosenLanguage, languageChoice } from './letters.js';
import { CAPACITIES, KINDS, said } from './record-codes.js';
import { t } from './words.js';

export async function renderNewRequest(dashboard: Dashboard): Promise<void> {
  const [authorities, resources] = await Promise.all([api<any[]>('GET', '/api/authorities'), api<any[]>('GET', '/api/resources')]);
  const zone = dashboard.session.authority.timeZone;
  const others = authorities.filter((a) => a.id !== dashboard.session.authority.id);
  const form = h(
    'form',
    { class: 'form', id: 'new-request-form' },
    field(t('coord.new.titleField'), input('title', { required: true })),
    field(t('coord.new.caseReference'), input('caseReference', { required: true })),
    field(
      t('coord.new.requestedAuthority'),
      select(
        'requestedAuthorityId',
        others.map((a) => [a.id, t('coord.new.authorityOption', { name: a.name, country: a.country, timeZone: a.timeZone })]),
      ),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.new.legalBasis')),
      field(t('coord.new.instrument'), input('instrument', { required: true })),
      field(t('coord.new.article'), input('article', { required: true })),
    ),
    field(t('coord.new.reasons'), h('textarea', { name: 'reasons', id: 'f-reasons', required: true, rows: '3' })),
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.new.conductedBy')),
      field(t('coord.new.judge'), input('judgeName', { required: true })),
      field(t('coord.new.judgeEmail'), input('judgeEmail', { type: 'email' })),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.new.person')),
      field(t('coord.new.name'), input('personName', { required: true })),
      field(t('coord.new.nationality'), input('nationality')),
      field(
        t('coord.new.status'),
        select(
          'capacity',
          Object.entries(CAPACITIES).map(([code, key]) => [code, t(key)]),
        ),
      ),
      ...languageChoice('personLanguage', t('coord.new.personLanguage')),
      field(t('coord.new.personEmail'), input('personEmail', { type: 'email' })),
      field(
        t('coord.new.vulnerability'),
        select('vulnerability', [
          ['', t('coord.new.notVulnerable')],
          ['child', t('coord.new.vulnerableChild')],
          ['adult', t('coord.new.vulnerableAdult')],
        ]),
      ),
      field(t('coord.new.supportName'), input('supportName')),
      field(t('coord.new.supportEmail'), input('supportEmail', { type: 'email' })),
    ),
    ...languageChoice('hearingLanguage', t('coord.new.hearingLanguage')),
    field(t('coord.new.interpretation'), input('interpretation')),
    field(t('coord.new.duration'), input('duration', { type: 'number', min: '15', max: '480', value: '90', required: true })),
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.new.window', { timeZone: zone })),
      field(t('coord.new.windowFrom'), input('windowStart', { type: 'datetime-local', required: true })),
      field(t('coord.new.windowTo'), input('windowEnd', { type: 'datetime-local', required: true })),
    ),
    h('fieldset', {}, h('legend', {}, t('coord.new.resources')), ...resources.map(resourceBox)),
    h('button', { class: 'primary', type: 'submit' }, t('coord.new.save')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const v = (name: string) => String(data.get(name) ?? '').trim();
    const optional = (name: string) => v(name) || undefined;
    void dashboard.attempt(async () => {
      const created = await api('POST', '/api/requests', {
        title: v('title'),
        caseReference: v('caseReference'),
        requestedAuthorityId: v('requestedAuthorityId'),
        legalBasis: { instrument: v('instrument'), article: v('article') },
        reasonsNotInPerson: v('reasons'),
        conductedBy: [{ name: v('judgeName'), role: 'presiding_judge', email: optional('judgeEmail') }],
        person: {
          name: v('personName'),
          nationality: optional('nationality'),
          capacity: v('capacity'),
          language: chosenLanguage(data, 'personLanguage'),
          email: optional('personEmail'),
          vulnerability: optional('vulnerability'),
          // The server says, naming the field, when a vulnerable person has no support person.
          supportPerson: v('supportName') ? { name: v('supportName'), email: optional('supportEmail') } : undefined,
        },
        hearingLanguage: chosenLanguage(data, 'hearingLanguage'),
        interpretation: v('interpretation'),
        durationMinutes: Number(v('duration')),
        proposedWindows: [{ start: { local: v('windowStart'), zone }, end: { local: v('windowEnd'), zone } }],
        resourceIds: data.getAll('resource').map(String),
      });
      dashboard.announce(t('coord.new.saved'));
      await dashboard.openRequest(created.id);
    });
  });
  dashboard.content.replaceChildren(h('h1', { tabindex: '-1' }, t('coord.new.title')), form);
}

/** One of the authority's resources to tick: its name and kind. */
export function resourceBox(r: any): HTMLElement {
  return h(
    'label',
    { class: 'check' },
    h('input', { type: 'checkbox', name: 'resource', value: r.id }),
    ` ${t('coord.resource', { name: r.name, kind: said(KINDS, r.kind) })}`,
  );
}
