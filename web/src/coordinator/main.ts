/**
 * The coordinator dashboard: sign in, the inbox and outbox of requests, an agenda in both zones, a
 * new-request form, and one request's page with the steps open to this coordinator now, the slot
 * finder, invitations and the summons; and the authority's texts of rights and oath (`texts.ts`).
 * Every time is shown at both sites, the coordinator's first. Plain DOM, no framework; focus moves
 * to each new view's heading so screen readers follow.
 */
import { ApiError, api } from './api.js';
import { atSites, field, h, input, select } from './dom.js';
import { renderTexts } from './texts.js';
import { chosenLanguage, languageChoice, languageName, showInvitationMessage, summonsPanel } from './letters.js';

interface Session {
  coordinator: { displayName: string; email: string };
  authority: { id: string; name: string; timeZone: string };
}

let session: Session | null = null;
let tab: 'inbox' | 'outbox' | 'agenda' | 'new' | 'texts' = 'inbox';

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
    alert.append(h('p', {}, 'The server could not be reached. Check the connection and try again.'));
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
  $('who').textContent = session ? `${session.coordinator.displayName} · ${session.authority.name} · ${session.authority.timeZone}` : '';
  if (session) await showTab(tab);
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
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-tab]')) {
    if (button.dataset.tab === next) button.setAttribute('aria-current', 'page');
    else button.removeAttribute('aria-current');
  }
  await attempt(async () => {
    if (next === 'new') await renderNewRequest();
    else if (next === 'texts') await renderTexts({ content: content(), attempt, announce });
    else if (next === 'agenda') await renderAgenda();
    else await renderBox(next);
    focusHeading();
  });
}

// ── lists ─────────────────────────────────────────────────────────────────────────────────────

function whenOf(r: any): HTMLElement | string {
  if (r.slot) return atSites(r.slot.atSites);
  if (r.proposedWindows[0]) return h('span', {}, 'Proposed: ', atSites(r.proposedWindows[0].atSites));
  return '—';
}

async function renderBox(box: 'inbox' | 'outbox'): Promise<void> {
  const lists = await api('GET', '/api/requests');
  const rows = lists[box] as any[];
  const title = box === 'inbox' ? 'Inbox: requests to your authority' : 'Outbox: requests from your authority';
  content().replaceChildren(
    h('h1', { tabindex: '-1' }, title),
    rows.length === 0
      ? h('p', {}, 'Nothing here yet.')
      : h(
          'table',
          { class: 'requests' },
          h('thead', {}, h('tr', {}, ...['Case', 'Title', box === 'inbox' ? 'From' : 'To', 'Stage', 'When (both sites)', ''].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...rows.map((r) => {
              const open = h('button', { type: 'button', 'aria-label': `Open ${r.caseReference}` }, 'Open');
              open.addEventListener('click', () => void openRequest(r.id));
              return h('tr', {}, h('td', {}, r.caseReference), h('td', {}, r.title), h('td', {}, box === 'inbox' ? r.requesting.name : r.requested.name), h('td', {}, r.stageLabel), h('td', {}, whenOf(r)), h('td', {}, open));
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
    if (r.slot) entries.push({ start: r.slot.start, label: `${r.stage === 'scheduled' ? 'Hearing' : 'Hearing (not yet scheduled)'} ${r.caseReference}`, r, times: r.slot.atSites });
    if (r.test) entries.push({ start: r.test.start, label: `Test connection ${r.caseReference}`, r, times: r.test.atSites });
    if (!r.slot) entries.push({ start: r.proposedWindows[0]?.start ?? '', label: `Pending: ${r.caseReference} (${r.stageLabel})`, r, times: r.proposedWindows[0]?.atSites });
  }
  entries.sort((a, b) => a.start.localeCompare(b.start));
  content().replaceChildren(
    h('h1', { tabindex: '-1' }, 'Agenda, at both sites'),
    entries.length === 0 ? h('p', {}, 'No hearings yet.') : h('ol', { class: 'agenda' }, ...entries.map((e) => h('li', {}, h('strong', {}, e.label), ` — ${e.r.title}`, atSites(e.times)))),
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
    field('Title', input('title', { required: true })),
    field('Case reference', input('caseReference', { required: true })),
    field('Requested authority', select('requestedAuthorityId', others.map((a) => [a.id, `${a.name} (${a.country}, ${a.timeZone})`]))),
    h('fieldset', {}, h('legend', {}, 'Legal basis'), field('Instrument', input('instrument', { required: true })), field('Article', input('article', { required: true }))),
    field('Why the person cannot or should not appear in person', h('textarea', { name: 'reasons', id: 'f-reasons', required: true, rows: '3' })),
    h('fieldset', {}, h('legend', {}, 'Who conducts the hearing'), field('Presiding judge', input('judgeName', { required: true })), field('Judge’s e-mail', input('judgeEmail', { type: 'email' }))),
    h(
      'fieldset',
      {},
      h('legend', {}, 'The person heard'),
      field('Name', input('personName', { required: true })),
      field('Nationality', input('nationality')),
      field('Status', select('capacity', [['witness', 'Witness'], ['expert', 'Expert'], ['accused', 'Suspect or accused'], ['person_sought', 'Person sought for extradition']])),
      ...languageChoice('personLanguage', 'Language'),
      field('E-mail', input('personEmail', { type: 'email' })),
    ),
    ...languageChoice('hearingLanguage', 'Language of the hearing'),
    field('Interpretation', input('interpretation')),
    field('Duration (minutes)', input('duration', { type: 'number', min: '15', max: '480', value: '90', required: true })),
    h(
      'fieldset',
      {},
      h('legend', {}, `Proposed window (your time, ${zone})`),
      field('From', input('windowStart', { type: 'datetime-local', required: true })),
      field('To', input('windowEnd', { type: 'datetime-local', required: true })),
    ),
    h('fieldset', {}, h('legend', {}, 'Your resources'), ...resources.map((r) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'resource', value: r.id }), ` ${r.name} (${r.kind})`))),
    h('button', { class: 'primary', type: 'submit' }, 'Save draft'),
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
      announce('Draft saved.');
      await openRequest(created.id);
    });
  });
  content().replaceChildren(h('h1', { tabindex: '-1' }, 'New request'), form);
}

// ── one request ───────────────────────────────────────────────────────────────────────────────

async function act(r: any, action: object): Promise<void> {
  await attempt(async () => {
    await api('POST', `/api/requests/${r.id}/actions`, { expectedVersion: r.version, action });
    announce('Done.');
    await openRequest(r.id);
  });
}

function localInstant(value: string, disambiguation: string) {
  return { local: value, zone: session!.authority.timeZone, ...(disambiguation ? { disambiguation } : {}) };
}

/** A time picker in the coordinator's zone, with the choice to make when a time happens twice. */
function timeFields(prefix: string): HTMLElement[] {
  return [
    field(`Start (your time, ${session!.authority.timeZone})`, input(`${prefix}Start`, { type: 'datetime-local', required: true })),
    field('If the clocks go back and this time happens twice', select(`${prefix}Disambiguation`, [['', 'refuse it'], ['earlier', 'the earlier one'], ['later', 'the later one']])),
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
  if (types.has('send')) out.push(actionForm(r, 'send', 'Send the request', [], () => ({})));
  if (types.has('accept')) {
    const resources = await api<any[]>('GET', '/api/resources');
    out.push(
      actionForm(
        r,
        'accept',
        'Accept the request',
        [
          field('Judicial officer present at your site', input('officerName', { required: true })),
          field('Officer’s e-mail', input('officerEmail', { type: 'email' })),
          h('fieldset', {}, h('legend', {}, 'Your resources for this hearing'), ...resources.map((x) => h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'resource', value: x.id }), ` ${x.name} (${x.kind})`))),
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
        'Refuse the request',
        [
          field('Ground', select('ground', [['fundamental_principles', 'Contrary to fundamental principles of our law'], ['no_technical_means', 'No technical means'], ['suspect_refuses', 'The suspect or accused does not consent'], ['other', 'Other']])),
          field('Explanation', h('textarea', { name: 'explanation', id: 'f-explanation', required: true, rows: '2' })),
        ],
        (d) => ({ ground: s(d, 'ground'), explanation: s(d, 'explanation') }),
      ),
    );
  }
  if (types.has('propose_slot')) out.push(slotFinder(r));
  if (types.has('agree_slot')) out.push(actionForm(r, 'agree_slot', 'Agree the proposed slot', [], () => ({})));
  if (types.has('book_test')) {
    out.push(
      actionForm(r, 'book_test', 'Book the test connection', [...timeFields('test'), field('Duration (minutes)', input('testDuration', { type: 'number', value: '30', min: '15', max: '180' }))], (d) => ({
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
        'Record the test result',
        [
          field('Result', select('result', [['go', 'Go'], ['no_go', 'No-go']])),
          h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'audio', checked: true }), ' Sound works both ways'),
          h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'video', checked: true }), ' Picture works both ways'),
          field('Network', input('network')),
          field('Encryption negotiated', input('encryption', { value: 'DTLS-SRTP' })),
          field(`Contact at ${r.requesting.name}`, input('contactRequesting', { required: true })),
          field(`Contact at ${r.requested.name}`, input('contactRequested', { required: true })),
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
  if (types.has('schedule')) out.push(actionForm(r, 'schedule', 'Schedule the hearing', [], () => ({})));
  if (types.has('reschedule')) out.push(actionForm(r, 'reschedule', 'Reschedule the hearing', timeFields('re'), (d) => ({ start: localInstant(s(d, 'reStart'), s(d, 'reDisambiguation')) })));
  if (types.has('record_held')) out.push(actionForm(r, 'record_held', 'Record that the hearing was held', [], () => ({})));
  if (types.has('close')) out.push(actionForm(r, 'close', 'Close the file', [], () => ({})));
  if (types.has('cancel')) out.push(actionForm(r, 'cancel', 'Cancel', [field('Reason', input('reason', { required: true }))], (d) => ({ reason: s(d, 'reason') })));
  return out;
}

function slotFinder(r: any): HTMLElement {
  const results = h('div', { class: 'slots', 'aria-live': 'polite' });
  const find = h('button', { type: 'button', class: 'primary' }, 'Find the earliest slots');
  find.addEventListener('click', () =>
    void attempt(async () => {
      const slots = await api<any[]>('GET', `/api/requests/${r.id}/slots?limit=5`);
      if (slots.length === 0) {
        results.replaceChildren(h('p', {}, 'No free slot in the proposed windows. Check a time below to see why, or propose other times.'));
        return;
      }
      results.replaceChildren(
        h(
          'ol',
          { class: 'slot-list' },
          ...slots.map((slot, i) => {
            const propose = h('button', { type: 'button' }, `Propose slot ${i + 1}`);
            propose.addEventListener('click', () => void act(r, { type: 'propose_slot', start: { utc: slot.start }, ...(slot.interpreterId ? { interpreterId: slot.interpreterId } : {}) }));
            return h('li', {}, atSites(slot.atSites), slot.interpreter ? h('p', {}, `Interpreter: ${slot.interpreter}`) : null, propose);
          }),
        ),
      );
      announce(`${slots.length} slots found.`);
    }),
  );
  const check = h(
    'form',
    { class: 'form', 'aria-label': 'Check a time' },
    ...timeFields('check'),
    h('button', { type: 'submit' }, 'Check this time'),
  );
  const verdict = h('div', { 'aria-live': 'polite' });
  check.addEventListener('submit', (event) => {
    event.preventDefault();
    const d = new FormData(check);
    void attempt(async () => {
      const result = await api('POST', `/api/requests/${r.id}/slot-check`, { start: localInstant(String(d.get('checkStart')), String(d.get('checkDisambiguation') ?? '')) });
      verdict.replaceChildren(
        result.problems.length === 0 ? h('p', { class: 'notice' }, 'This time works for both sites and every resource.') : h('ul', { class: 'problems' }, ...result.problems.map((p: string) => h('li', {}, p))),
      );
    });
  });
  return h('section', { class: 'finder', 'aria-labelledby': 'finder-title' }, h('h3', { id: 'finder-title' }, 'Slot finder'), find, results, check, verdict);
}

/** A participant's invitation: the .ics alone, or the e-mail to send with it. */
function invitationCell(r: any, p: any, mail: HTMLElement): HTMLElement {
  const email = h('button', { type: 'button', 'aria-label': `E-mail for ${p.name}` }, 'E-mail text');
  email.addEventListener('click', () => void attempt(() => showInvitationMessage(r, p, mail)));
  return h('span', { class: 'invitation' }, h('a', { href: `/api/requests/${r.id}/invitations/${p.id}`, download: '', 'aria-label': `Download the invitation of ${p.name}` }, 'Download .ics'), ' ', email);
}

async function openRequest(id: string): Promise<void> {
  await attempt(async () => {
    const r = await api('GET', `/api/requests/${id}`);
    const d = r.details;
    const facts: [string, Node | string][] = [
      ['Stage', r.stageLabel],
      ['Requesting authority', `${r.requesting.name} (${r.requesting.timeZone})`],
      ['Requested authority', `${r.requested.name} (${r.requested.timeZone})`],
      ['Legal basis', `${d.legalBasis.instrument}, ${d.legalBasis.article}`],
      ['Why not in person', d.reasonsNotInPerson],
      ['Conducted by', d.conductedBy.map((c: any) => `${c.name} (${c.function})`).join(', ')],
      ['Person heard', `${d.person.name}, ${d.person.capacity.replace('_', ' ')}, speaks ${languageName(d.person.language)} (${d.person.language})${d.person.nationality ? `, nationality ${d.person.nationality}` : ''}`],
      ['Languages', `hearing in ${languageName(d.hearingLanguage)}${d.interpretation ? `; ${d.interpretation}` : ''}`],
      ['Duration', `${r.durationMinutes} minutes`],
      ['Proposed windows', h('div', {}, ...r.proposedWindows.map((w: any) => atSites(w.atSites)), r.windowsProposedBy ? h('p', { class: 'hint' }, `proposed by ${r.windowsProposedBy}`) : null)],
    ];
    if (r.slot) facts.push([r.stage === 'slot_proposed' ? `Slot proposed by ${r.slotProposedBy}` : 'Hearing', atSites(r.slot.atSites)]);
    if (r.test) facts.push(['Test connection', atSites(r.test.atSites)]);
    if (r.testResult) facts.push(['Test result', `${r.testResult.result === 'go' ? 'Go' : 'No-go'} — sound ${r.testResult.audio ? 'ok' : 'failed'}, picture ${r.testResult.video ? 'ok' : 'failed'}; ${r.testResult.encryption}`]);
    if (r.decision?.outcome === 'refused') facts.push(['Refused', `${r.decision.groundLabel}: ${r.decision.explanation}`]);
    if (r.cancellationReason) facts.push(['Cancelled', r.cancellationReason]);
    if (r.resources.length > 0) facts.push(['Resources', r.resources.map((x: any) => `${x.name} (${x.kindLabel}, ${x.authority})`).join('; ')]);

    const invitable = r.stage === 'scheduled' || r.stage === 'cancelled';
    const mail = h('section', { class: 'letters', 'aria-label': 'E-mail to send', hidden: true });
    const people = h(
      'table',
      { class: 'people' },
      h('caption', {}, 'Participants'),
      h('thead', {}, h('tr', {}, ...['Name', 'Function', 'Site', 'Time zone', invitable ? 'Invitation' : ''].map((c) => h('th', { scope: 'col' }, c)))),
      h(
        'tbody',
        {},
        ...r.people.map((p: any) =>
          h(
            'tr',
            {},
            h('td', {}, p.name),
            h('td', {}, p.function),
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
      ...r.events.map((e: any) => h('li', {}, h('strong', {}, e.type.replace('request.', '').replace('_', ' ')), ` by ${e.by} — `, e.atSites.join(' · '))),
    );
    const back = h('button', { type: 'button' }, '← Back to the list');
    back.addEventListener('click', () => void showTab(tab === 'new' ? 'outbox' : tab));
    content().replaceChildren(
      back,
      h('h1', { tabindex: '-1' }, `${r.caseReference}: ${r.title}`),
      h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h('section', { 'aria-labelledby': 'next-title', class: 'next-steps' }, h('h2', { id: 'next-title' }, 'What you can do now'), ...(r.actions.length ? await actionsFor(r) : [h('p', {}, 'Nothing: the other authority has the next step.')])),
      people,
      mail,
      summons,
      h('section', { 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title' }, 'History'), events),
    );
    focusHeading();
  });
}

void start();
