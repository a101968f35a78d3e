/**
 * The coordinator dashboard: sign in, the inbox and outbox of requests, an agenda in both zones, a
 * new-request form, and one request's page with the steps open to this coordinator now, the slot
 * finder, invitations and the summons; a week's calendar (`calendar.ts`); and the authority's texts
 * of rights and oath (`texts.ts`), its rooms, judges and interpreters (`resources.ts`) and its
 * working hours, rules and keys (`settings.ts`).
 * Every time is shown at both sites, the coordinator's first. Plain DOM, no framework; focus moves
 * to each new view's heading so screen readers follow.
 */
import type { MessageKey } from '../../../language/index.js';
import { ApiError, api } from './api.js';
import { atSites, field, h, input, select } from './dom.js';
import { mondayOf, localDate, weekCalendar, type CalendarEntry } from './calendar.js';
import { renderResources } from './resources.js';
import { renderSettings } from './settings.js';
import { renderTexts } from './texts.js';
import { chosenLanguage, languageChoice, showInvitationMessage, summonsPanel } from './letters.js';
import { dashboardLanguages, languageName, moment, page, startingLanguage, t, useLanguage } from './words.js';

interface Session {
  coordinator: { displayName: string; email: string };
  authority: { id: string; name: string; timeZone: string };
}

let session: Session | null = null;
let tab: 'inbox' | 'outbox' | 'agenda' | 'calendar' | 'new' | 'texts' | 'resources' | 'settings' = 'inbox';
/** The Monday of the week the calendar shows; this week's until the coordinator moves. */
let calendarWeek: string | null = null;
/** The request on screen, to draw again in another language. */
let openId: string | null = null;

/** The words of the record's codes: a stage, a kind of resource, a ground of refusal, a step of the exchange. */
const STAGES: Record<string, MessageKey> = {
  draft: 'coord.stage.draft', requested: 'coord.stage.requested', counter_proposed: 'coord.stage.counter_proposed', accepted: 'coord.stage.accepted',
  refused: 'coord.stage.refused', slot_proposed: 'coord.stage.slot_proposed', slot_agreed: 'coord.stage.slot_agreed', test_booked: 'coord.stage.test_booked',
  test_failed: 'coord.stage.test_failed', test_passed: 'coord.stage.test_passed', scheduled: 'coord.stage.scheduled', held: 'coord.stage.held',
  closed: 'coord.stage.closed', cancelled: 'coord.stage.cancelled',
};
const KINDS: Record<string, MessageKey> = { room: 'coord.kind.room', judge: 'coord.kind.judge', interpreter: 'coord.kind.interpreter', person: 'coord.kind.person' };
const GROUNDS: Record<string, MessageKey> = {
  fundamental_principles: 'coord.ground.fundamental_principles', no_technical_means: 'coord.ground.no_technical_means',
  suspect_refuses: 'coord.ground.suspect_refuses', other: 'coord.ground.other',
};
const EVENTS: Record<string, MessageKey> = {
  'request.drafted': 'coord.event.drafted', 'request.send': 'coord.event.send', 'request.accept': 'coord.event.accept', 'request.refuse': 'coord.event.refuse',
  'request.propose_times': 'coord.event.propose_times', 'request.propose_slot': 'coord.event.propose_slot', 'request.agree_slot': 'coord.event.agree_slot',
  'request.book_test': 'coord.event.book_test', 'request.record_test': 'coord.event.record_test', 'request.schedule': 'coord.event.schedule',
  'request.reschedule': 'coord.event.reschedule', 'request.cancel': 'coord.event.cancel', 'request.record_held': 'coord.event.record_held', 'request.close': 'coord.event.close',
};
const CAPACITIES: Record<string, MessageKey> = {
  witness: 'coord.capacity.witness', expert: 'coord.capacity.expert', accused: 'coord.capacity.accused', person_sought: 'coord.capacity.person_sought',
};
const said = (map: Record<string, MessageKey>, code: string) => (map[code] ? t(map[code]) : code);
const stageOf = (r: any) => said(STAGES, r.stage);

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const content = () => $('tab-content');

function announce(text: string): void {
  $('status').textContent = text;
}

function showError(error: unknown): void {
  const alert = $('alert');
  alert.replaceChildren();
  if (error instanceof ApiError) {
    alert.append(h('p', {}, error.message));
    if (error.details.length > 0) alert.append(h('ul', {}, ...error.details.map((d) => h('li', {}, d))));
    if (error.code === 'unauthenticated' && session) void start();
  } else {
    alert.append(h('p', {}, t('coord.unreachable')));
  }
  alert.hidden = false;
  alert.focus?.();
}

function clearError(): void {
  $('alert').hidden = true;
}

function focusHeading(): void {
  content().querySelector<HTMLElement>('h1, h2')?.focus();
}

/** Runs a step; shows a refusal in the alert region instead of throwing. */
async function attempt(work: () => Promise<void>): Promise<void> {
  clearError();
  try {
    await work();
  } catch (error) {
    showError(error);
  }
}

// ── sign-in ───────────────────────────────────────────────────────────────────────────────────

async function start(): Promise<void> {
  try {
    session = await api<Session>('GET', '/api/session');
  } catch {
    session = null;
  }
  $('sign-in-view').hidden = session !== null;
  $('dashboard-view').hidden = session === null;
  $('sign-out').hidden = session === null;
  $('who').textContent = session ? t('coord.who', { name: session.coordinator.displayName, authority: session.authority.name, timeZone: session.authority.timeZone }) : '';
  if (session) await (openId ? openRequest(openId) : showTab(tab));
  else $('email').focus();
}

$('sign-in-form').addEventListener('submit', (event) => {
  event.preventDefault();
  void attempt(async () => {
    await api('POST', '/api/session', { email: ($('email') as HTMLInputElement).value, password: ($('password') as HTMLInputElement).value });
    ($('password') as HTMLInputElement).value = '';
    await start();
  });
});

$('sign-out').addEventListener('click', () => void attempt(async () => {
  await api('DELETE', '/api/session');
  await start();
}));

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
  button.addEventListener('click', () => void showTab(button.dataset.tab as typeof tab));
}

async function showTab(next: typeof tab): Promise<void> {
  tab = next;
  openId = null;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    if (button.dataset.tab === next) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  await attempt(async () => {
    if (next === 'new') await renderNewRequest();
    else if (next === 'texts') await renderTexts({ content: content(), attempt, announce });
    else if (next === 'resources') await renderResources({ content: content(), attempt, announce });
    else if (next === 'settings') await renderSettings({ content: content(), attempt, announce });
    else if (next === 'calendar') await renderCalendar();
    else if (next === 'agenda') await renderAgenda();
    else await renderBox(next);
    focusHeading();
  });
}

// ── lists ─────────────────────────────────────────────────────────────────────────────────────

function whenOf(r: any): HTMLElement | string {
  if (r.slot) return atSites(r.slot);
  if (r.proposedWindows[0]) return h('span', {}, `${t('coord.proposed')} `, atSites(r.proposedWindows[0]));
  return '—';
}

async function renderBox(box: 'inbox' | 'outbox'): Promise<void> {
  const lists = await api('GET', '/api/requests');
  const rows = lists[box] as any[];
  const title = t(box === 'inbox' ? 'coord.inbox.title' : 'coord.outbox.title');
  content().replaceChildren(
    h('h1', { tabindex: '-1' }, title),
    rows.length === 0
      ? h('p', {}, t('coord.empty'))
      : h(
          'table',
          { class: 'requests' },
          h('thead', {}, h('tr', {}, ...[t('coord.col.case'), t('coord.col.title'), t(box === 'inbox' ? 'coord.col.from' : 'coord.col.to'), t('coord.col.stage'), t('coord.col.when'), ''].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...rows.map((r) => {
              const open = h('button', { type: 'button', 'aria-label': t('coord.openCase', { caseReference: r.caseReference }) }, t('coord.open'));
              open.addEventListener('click', () => void openRequest(r.id));
              return h('tr', {}, h('td', {}, r.caseReference), h('td', {}, r.title), h('td', {}, box === 'inbox' ? r.requesting.name : r.requested.name), h('td', {}, stageOf(r)), h('td', {}, whenOf(r)), h('td', {}, open));
            }),
          ),
        ),
  );
}

async function renderAgenda(): Promise<void> {
  const { inbox, outbox } = await api('GET', '/api/requests');
  const entries: { start: string; label: string; r: any; times: any }[] = [];
  for (const r of [...inbox, ...outbox]) {
    if (r.stage === 'cancelled' || r.stage === 'refused') continue;
    const caseReference = r.caseReference;
    if (r.slot) entries.push({ start: r.slot.start, label: t(r.stage === 'scheduled' ? 'coord.agenda.hearing' : 'coord.agenda.hearingNotScheduled', { caseReference }), r, times: r.slot });
    if (r.test) entries.push({ start: r.test.start, label: t('coord.agenda.test', { caseReference }), r, times: r.test });
    if (!r.slot) entries.push({ start: r.proposedWindows[0]?.start ?? '', label: t('coord.agenda.pending', { caseReference, stage: stageOf(r) }), r, times: r.proposedWindows[0] });
  }
  entries.sort((a, b) => a.start.localeCompare(b.start));
  content().replaceChildren(
    h('h1', { tabindex: '-1' }, t('coord.agenda.title')),
    entries.length === 0 ? h('p', {}, t('coord.agenda.empty')) : h('ol', { class: 'agenda' }, ...entries.map((e) => h('li', {}, h('strong', {}, e.label), ` — ${e.r.title}`, atSites(e.times)))),
  );
}

async function renderCalendar(): Promise<void> {
  const { inbox, outbox } = await api('GET', '/api/requests');
  const zone = session!.authority.timeZone;
  const monday = calendarWeek ?? mondayOf(localDate(new Date(), zone));
  const entries: CalendarEntry[] = [];
  for (const r of [...inbox, ...outbox]) {
    if (r.stage === 'cancelled' || r.stage === 'refused') continue;
    const entry = (times: any, label: string): CalendarEntry => ({
      start: times.start, end: times.end, label, title: r.title, otherSite: times.atSites[1] ?? null, open: () => void openRequest(r.id),
    });
    if (r.slot) entries.push(entry(r.slot, t(r.stage === 'scheduled' ? 'coord.agenda.hearing' : 'coord.agenda.hearingNotScheduled', { caseReference: r.caseReference })));
    if (r.test) entries.push(entry(r.test, t('coord.agenda.test', { caseReference: r.caseReference })));
  }
  content().replaceChildren(
    h('h1', { tabindex: '-1' }, t('coord.calendar.title', { zone })),
    ...weekCalendar(entries, zone, monday, (week) => {
      calendarWeek = week;
      void attempt(async () => {
        await renderCalendar();
        content().querySelector<HTMLElement>('.week')?.focus();
      });
    }),
  );
}

// ── a new request ─────────────────────────────────────────────────────────────────────────────

async function renderNewRequest(): Promise<void> {
  const [authorities, resources] = await Promise.all([api<any[]>('GET', '/api/authorities'), api<any[]>('GET', '/api/resources')]);
  const zone = session!.authority.timeZone;
  const others = authorities.filter((a) => a.id !== session!.authority.id);
  const form = h(
    'form',
    { class: 'form', id: 'new-request-form' },
    field(t('coord.new.titleField'), input('title', { required: true })),
    field(t('coord.new.caseReference'), input('caseReference', { required: true })),
    field(t('coord.new.requestedAuthority'), select('requestedAuthorityId', others.map((a) => [a.id, t('coord.new.authorityOption', { name: a.name, country: a.country, timeZone: a.timeZone })]))),
    h('fieldset', {}, h('legend', {}, t('coord.new.legalBasis')), field(t('coord.new.instrument'), input('instrument', { required: true })), field(t('coord.new.article'), input('article', { required: true }))),
    field(t('coord.new.reasons'), h('textarea', { name: 'reasons', id: 'f-reasons', required: true, rows: '3' })),
    h('fieldset', {}, h('legend', {}, t('coord.new.conductedBy')), field(t('coord.new.judge'), input('judgeName', { required: true })), field(t('coord.new.judgeEmail'), input('judgeEmail', { type: 'email' }))),
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.new.person')),
      field(t('coord.new.name'), input('personName', { required: true })),
      field(t('coord.new.nationality'), input('nationality')),
      field(t('coord.new.status'), select('capacity', Object.entries(CAPACITIES).map(([code, key]) => [code, t(key)]))),
      ...languageChoice('personLanguage', t('coord.new.personLanguage')),
      field(t('coord.new.personEmail'), input('personEmail', { type: 'email' })),
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
    void attempt(async () => {
      const created = await api('POST', '/api/requests', {
        title: v('title'),
        caseReference: v('caseReference'),
        requestedAuthorityId: v('requestedAuthorityId'),
        legalBasis: { instrument: v('instrument'), article: v('article') },
        reasonsNotInPerson: v('reasons'),
        conductedBy: [{ name: v('judgeName'), role: 'presiding_judge', email: optional('judgeEmail') }],
        person: { name: v('personName'), nationality: optional('nationality'), capacity: v('capacity'), language: chosenLanguage(data, 'personLanguage'), email: optional('personEmail') },
        hearingLanguage: chosenLanguage(data, 'hearingLanguage'),
        interpretation: v('interpretation'),
        durationMinutes: Number(v('duration')),
        proposedWindows: [{ start: { local: v('windowStart'), zone }, end: { local: v('windowEnd'), zone } }],
        resourceIds: data.getAll('resource').map(String),
      });
      announce(t('coord.new.saved'));
      await openRequest(created.id);
    });
  });
  content().replaceChildren(h('h1', { tabindex: '-1' }, t('coord.new.title')), form);
}

/** One of the authority's resources to tick: its name and kind. */
function resourceBox(r: any): HTMLElement {
  return h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'resource', value: r.id }), ` ${t('coord.resource', { name: r.name, kind: said(KINDS, r.kind) })}`);
}

// ── one request ───────────────────────────────────────────────────────────────────────────────

async function act(r: any, action: object): Promise<void> {
  await attempt(async () => {
    await api('POST', `/api/requests/${r.id}/actions`, { expectedVersion: r.version, action });
    announce(t('coord.done'));
    await openRequest(r.id);
  });
}

function localInstant(value: string, disambiguation: string) {
  return { local: value, zone: session!.authority.timeZone, ...(disambiguation ? { disambiguation } : {}) };
}

/** A time picker in the coordinator's zone, with the choice to make when a time happens twice. */
function timeFields(prefix: string): HTMLElement[] {
  return [
    field(t('coord.start', { timeZone: session!.authority.timeZone }), input(`${prefix}Start`, { type: 'datetime-local', required: true })),
    field(t('coord.twice'), select(`${prefix}Disambiguation`, [['', t('coord.twice.refuse')], ['earlier', t('coord.twice.earlier')], ['later', t('coord.twice.later')]])),
  ];
}

function actionForm(r: any, type: string, label: string, fields: HTMLElement[], build: (data: FormData) => object): HTMLElement {
  const form = h('form', { class: 'form action', 'aria-label': label }, ...fields, h('button', { type: 'submit', class: 'primary' }, label));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void act(r, { type, ...build(new FormData(form)) });
  });
  return form;
}

async function actionsFor(r: any): Promise<HTMLElement[]> {
  const out: HTMLElement[] = [];
  const types = new Set(r.actions.map((a: any) => a.type));
  const s = (d: FormData, n: string) => String(d.get(n) ?? '');
  if (types.has('send')) out.push(actionForm(r, 'send', t('coord.action.send'), [], () => ({})));
  if (types.has('accept')) {
    const resources = await api<any[]>('GET', '/api/resources');
    out.push(
      actionForm(
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
        r,
        'refuse',
        t('coord.action.refuse'),
        [
          field(t('coord.action.ground'), select('ground', Object.entries(GROUNDS).map(([code, key]) => [code, t(key)]))),
          field(t('coord.action.explanation'), h('textarea', { name: 'explanation', id: 'f-explanation', required: true, rows: '2' })),
        ],
        (d) => ({ ground: s(d, 'ground'), explanation: s(d, 'explanation') }),
      ),
    );
  }
  if (types.has('propose_slot')) out.push(slotFinder(r));
  if (types.has('agree_slot')) out.push(actionForm(r, 'agree_slot', t('coord.action.agree'), [], () => ({})));
  if (types.has('book_test')) {
    out.push(
      actionForm(r, 'book_test', t('coord.action.bookTest'), [...timeFields('test'), field(t('coord.new.duration'), input('testDuration', { type: 'number', value: '30', min: '15', max: '180' }))], (d) => ({
        start: localInstant(s(d, 'testStart'), s(d, 'testDisambiguation')),
        durationMinutes: Number(s(d, 'testDuration')),
      })),
    );
  }
  if (types.has('record_test')) {
    out.push(
      actionForm(
        r,
        'record_test',
        t('coord.action.recordTest'),
        [
          field(t('coord.action.result'), select('result', [['go', t('coord.go')], ['no_go', t('coord.noGo')]])),
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
  if (types.has('schedule')) out.push(actionForm(r, 'schedule', t('coord.action.schedule'), [], () => ({})));
  if (types.has('reschedule')) out.push(actionForm(r, 'reschedule', t('coord.action.reschedule'), timeFields('re'), (d) => ({ start: localInstant(s(d, 'reStart'), s(d, 'reDisambiguation')) })));
  if (types.has('record_held')) out.push(actionForm(r, 'record_held', t('coord.action.held'), [], () => ({})));
  if (types.has('close')) out.push(actionForm(r, 'close', t('coord.action.close'), [], () => ({})));
  if (types.has('cancel')) out.push(actionForm(r, 'cancel', t('coord.action.cancel'), [field(t('coord.action.reason'), input('reason', { required: true }))], (d) => ({ reason: s(d, 'reason') })));
  return out;
}

function slotFinder(r: any): HTMLElement {
  const results = h('div', { class: 'slots', 'aria-live': 'polite' });
  const find = h('button', { type: 'button', class: 'primary' }, t('coord.finder.find'));
  find.addEventListener('click', () =>
    void attempt(async () => {
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
            propose.addEventListener('click', () => void act(r, { type: 'propose_slot', start: { utc: slot.start }, ...(slot.interpreterId ? { interpreterId: slot.interpreterId } : {}) }));
            return h('li', {}, atSites(slot), slot.interpreter ? h('p', {}, t('coord.finder.interpreter', { name: slot.interpreter })) : null, propose);
          }),
        ),
      );
      announce(t('coord.finder.found', { count: slots.length }));
    }),
  );
  const check = h(
    'form',
    { class: 'form', 'aria-label': t('coord.finder.check') },
    ...timeFields('check'),
    h('button', { type: 'submit' }, t('coord.finder.checkButton')),
  );
  const verdict = h('div', { 'aria-live': 'polite' });
  check.addEventListener('submit', (event) => {
    event.preventDefault();
    const d = new FormData(check);
    void attempt(async () => {
      const result = await api('POST', `/api/requests/${r.id}/slot-check`, { start: localInstant(String(d.get('checkStart')), String(d.get('checkDisambiguation') ?? '')) });
      verdict.replaceChildren(
        result.problems.length === 0 ? h('p', { class: 'notice' }, t('coord.finder.works')) : h('ul', { class: 'problems' }, ...result.problems.map((p: string) => h('li', {}, p))),
      );
    });
  });
  return h('section', { class: 'finder', 'aria-labelledby': 'finder-title' }, h('h3', { id: 'finder-title' }, t('coord.finder.title')), find, results, check, verdict);
}

/** A participant's invitation: the .ics alone, or the e-mail to send with it. */
function invitationCell(r: any, p: any, mail: HTMLElement): HTMLElement {
  const email = h('button', { type: 'button', 'aria-label': t('coord.invite.emailFor', { name: p.name }) }, t('coord.invite.email'));
  email.addEventListener('click', () => void attempt(() => showInvitationMessage(r, p, mail)));
  return h('span', { class: 'invitation' }, h('a', { href: `/api/requests/${r.id}/invitations/${p.id}`, download: '', 'aria-label': t('coord.invite.downloadOf', { name: p.name }) }, t('coord.invite.download')), ' ', email);
}

async function openRequest(id: string): Promise<void> {
  await attempt(async () => {
    const r = await api('GET', `/api/requests/${id}`);
    openId = id;
    const d = r.details;
    const capacity = said(CAPACITIES, d.person.capacity);
    const person = { name: d.person.name, capacity, language: languageName(d.person.language), nationality: d.person.nationality ?? '' };
    const facts: [string, Node | string][] = [
      [t('coord.request.stage'), stageOf(r)],
      [t('coord.request.requesting'), t('coord.request.authority', { name: r.requesting.name, timeZone: r.requesting.timeZone })],
      [t('coord.request.requested'), t('coord.request.authority', { name: r.requested.name, timeZone: r.requested.timeZone })],
      [t('coord.request.legalBasis'), `${d.legalBasis.instrument}, ${d.legalBasis.article}`],
      [t('coord.request.whyNotInPerson'), d.reasonsNotInPerson],
      [t('coord.request.conductedBy'), d.conductedBy.map((c: any) => `${c.name} (${c.role ? page.functionOf({ role: c.role, capacity: null }) : c.function})`).join(', ')],
      [t('coord.request.personHeard'), t(d.person.nationality ? 'coord.request.personNationality' : 'coord.request.person', person)],
      [t('coord.request.languages'), d.interpretation ? t('coord.request.hearingInWith', { language: languageName(d.hearingLanguage), interpretation: d.interpretation }) : t('coord.request.hearingIn', { language: languageName(d.hearingLanguage) })],
      [t('coord.request.duration'), t('coord.request.minutes', { minutes: r.durationMinutes })],
      [t('coord.request.windows'), h('div', {}, ...r.proposedWindows.map((w: any) => atSites(w)), r.windowsProposedBy ? h('p', { class: 'hint' }, t('coord.request.windowsBy', { authority: r.windowsProposedBy })) : null)],
    ];
    if (r.slot) facts.push([r.stage === 'slot_proposed' ? t('coord.request.slotBy', { authority: r.slotProposedBy ?? '' }) : t('coord.request.hearing'), atSites(r.slot)]);
    if (r.test) facts.push([t('coord.request.test'), atSites(r.test)]);
    if (r.testResult) {
      const works = (ok: boolean) => t(ok ? 'coord.ok' : 'coord.failed');
      facts.push([t('coord.request.testResult'), t('coord.request.testLine', { result: t(r.testResult.result === 'go' ? 'coord.go' : 'coord.noGo'), sound: works(r.testResult.audio), picture: works(r.testResult.video), encryption: r.testResult.encryption })]);
    }
    if (r.decision?.outcome === 'refused') facts.push([t('coord.request.refused'), t('coord.request.refusedLine', { ground: said(GROUNDS, r.decision.ground ?? 'other'), explanation: r.decision.explanation })]);
    if (r.cancellationReason) facts.push([t('coord.request.cancelled'), r.cancellationReason]);
    if (r.resources.length > 0) facts.push([t('coord.request.resources'), r.resources.map((x: any) => t('coord.request.resource', { name: x.name, kind: said(KINDS, x.kind), authority: x.authority })).join('; ')]);

    const invitable = r.stage === 'scheduled' || r.stage === 'cancelled';
    const mail = h('section', { class: 'letters', 'aria-label': t('coord.invite.mailSection'), hidden: true });
    const people = h(
      'table',
      { class: 'people' },
      h('caption', {}, t('coord.request.participants')),
      h('thead', {}, h('tr', {}, ...[t('coord.col.name'), t('coord.col.function'), t('coord.col.site'), t('coord.col.timeZone'), invitable ? t('coord.col.invitation') : ''].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...r.people.map((p: any) =>
          h(
            'tr',
            {},
            h('td', {}, p.name),
            h('td', {}, p.role ? page.functionOf({ role: p.role, capacity: p.capacity ?? null }) : p.function),
            h('td', {}, p.authority),
            h('td', {}, p.timeZone),
            h('td', {}, invitable ? invitationCell(r, p, mail) : ''),
          ),
        ),
      ),
    );
    const summons = summonsPanel(r, attempt);
    const events = h(
      'ol',
      { class: 'events' },
      ...r.events.map((e: any) => {
        const by = e.by ?? t(e.system ? 'coord.request.system' : 'coord.request.someoneElse');
        const when = (e.zones as string[]).map((zone) => moment(e.at, zone)).join(' · ');
        return h('li', {}, t('coord.event.line', { what: said(EVENTS, e.type), by, when }));
      }),
    );
    const back = h('button', { type: 'button' }, t('coord.request.back'));
    back.addEventListener('click', () => void showTab(tab === 'new' ? 'outbox' : tab));
    content().replaceChildren(
      back,
      h('h1', { tabindex: '-1' }, t('coord.request.heading', { caseReference: r.caseReference, title: r.title })),
      h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('section', { 'aria-labelledby': 'next-title', class: 'next-steps' }, h('h2', { id: 'next-title' }, t('coord.request.next')), ...(r.actions.length ? await actionsFor(r) : [h('p', {}, t('coord.request.nothing'))])),
      people,
      mail,
      summons,
      h('section', { 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title' }, t('coord.request.history')), events),
    );
    focusHeading();
  });
}

/** The picker of the dashboard's language, in the bar: the choice is kept in this browser. */
function languagePicker(): void {
  const picker = select('page-language', dashboardLanguages(), { 'aria-label': t('coord.language') });
  picker.value = page.lang;
  picker.addEventListener('change', () => void useLanguage(picker.value));
  page.onChange(() => {
    picker.value = page.lang;
    picker.setAttribute('aria-label', t('coord.language'));
    document.title = t('coord.title');
    void start();
  });
  $('sign-out').before(picker);
}

void (async () => {
  await page.use(startingLanguage());
  document.title = t('coord.title');
  languagePicker();
  await start();
})();
