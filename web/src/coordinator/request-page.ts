/**
 * One request's page: its facts (stage, authorities, legal basis, the person heard, languages, times
 * at both sites, the test's result, a refusal or a cancellation), the steps open now, the
 * participants with their invitations, the summons, and the history of the exchange.
 */
import { api } from './api.js';
import type { Dashboard } from './dashboard.js';
import { atSites, h } from './dom.js';
import { showInvitationMessage, summonsPanel } from './letters.js';
import { actionsFor } from './next-steps.js';
import { CAPACITIES, EVENTS, GROUNDS, KINDS, said, stageOf } from './record-codes.js';
import { languageName, moment, page, t } from './words.js';

/** What an entry of the history says; a letter's entry names its person, and a problem its reason. */
function eventWhat(r: any, e: any): string {
  const key = EVENTS[e.type];
  if (!key) return e.type;
  const data = e.data ?? {};
  const person = r.people.find((p: any) => p.id === data.participantId);
  const name = person?.name ?? r.people.find((p: any) => p.role === 'person_heard')?.name ?? '—';
  const reason = typeof data.reason === 'string' ? t('coord.mail.reason', { reason: data.reason }) : '';
  const next = typeof data.nextAttemptAt === 'string' ? moment(data.nextAttemptAt, e.zones[0]) : '';
  // The court's reason for adjourning is its own words, not a mail server's.
  if (e.type === 'court.adjourned') return t(key, { reason: String(data.reason ?? '') });
  return t(key, { name, kind: String(data.kind ?? ''), reason, next });
}

/**
 * The letters the relay refused for good with nothing sent to that person since (a new time, a
 * summons again): the coordinator must send them another way, so the page opens with them.
 */
function lettersToSend(r: any): any[] {
  const letterOf = (e: any) => `${e.data?.participantId ?? 'person heard'} ${e.data?.kind === 'summons' ? 'summons' : 'invitation'}`;
  const open = new Map<string, any>();
  for (const e of r.events) {
    if (e.type === 'mail.failed') open.set(letterOf(e), e);
    else if (e.type === 'mail.sent') open.delete(letterOf(e));
  }
  return [...open.values()];
}

/** A participant's invitation: the .ics alone, or the e-mail to send with it. */
function invitationCell(dashboard: Dashboard, r: any, p: any, mail: HTMLElement): HTMLElement {
  const email = h('button', { type: 'button', 'aria-label': t('coord.invite.emailFor', { name: p.name }) }, t('coord.invite.email'));
  email.addEventListener('click', () => void dashboard.attempt(() => showInvitationMessage(r, p, mail)));
  return h(
    'span',
    { class: 'invitation' },
    h(
      'a',
      { href: `/api/requests/${r.id}/invitations/${p.id}`, download: '', 'aria-label': t('coord.invite.downloadOf', { name: p.name }) },
      t('coord.invite.download'),
    ),
    ' ',
    email,
  );
}

export async function openRequest(dashboard: Dashboard, id: string): Promise<void> {
  await dashboard.attempt(async () => {
    const r = await api('GET', `/api/requests/${id}`);
    dashboard.openId = id;
    const d = r.details;
    const capacity = said(CAPACITIES, d.person.capacity);
    const person = { name: d.person.name, capacity, language: languageName(d.person.language), nationality: d.person.nationality ?? '' };
    const facts: [string, Node | string][] = [
      [t('coord.request.stage'), stageOf(r)],
      [t('coord.request.requesting'), t('coord.request.authority', { name: r.requesting.name, timeZone: r.requesting.timeZone })],
      [t('coord.request.requested'), t('coord.request.authority', { name: r.requested.name, timeZone: r.requested.timeZone })],
      [t('coord.request.legalBasis'), `${d.legalBasis.instrument}, ${d.legalBasis.article}`],
      [t('coord.request.whyNotInPerson'), d.reasonsNotInPerson],
      [
        t('coord.request.conductedBy'),
        d.conductedBy.map((c: any) => `${c.name} (${c.role ? page.functionOf({ role: c.role, capacity: null }) : c.function})`).join(', '),
      ],
      [t('coord.request.personHeard'), t(d.person.nationality ? 'coord.request.personNationality' : 'coord.request.person', person)],
      // Both sides see that she is vulnerable and who is invited to be beside her.
      ...(d.person.vulnerability
        ? [
            [
              t('coord.new.vulnerability'),
              `${t(d.person.vulnerability === 'child' ? 'coord.new.vulnerableChild' : 'coord.new.vulnerableAdult')} · ${t('role.support_person')}: ${d.person.supportPerson ?? '—'}`,
            ] as [string, string],
          ]
        : []),
      [
        t('coord.request.languages'),
        d.interpretation
          ? t('coord.request.hearingInWith', { language: languageName(d.hearingLanguage), interpretation: d.interpretation })
          : t('coord.request.hearingIn', { language: languageName(d.hearingLanguage) }),
      ],
      [t('coord.request.duration'), t('coord.request.minutes', { minutes: r.durationMinutes })],
      [
        t('coord.request.windows'),
        h(
          'div',
          {},
          ...r.proposedWindows.map((w: any) => atSites(w)),
          r.windowsProposedBy ? h('p', { class: 'hint' }, t('coord.request.windowsBy', { authority: r.windowsProposedBy })) : null,
        ),
      ],
    ];
    if (r.slot)
      facts.push([
        r.stage === 'slot_proposed' ? t('coord.request.slotBy', { authority: r.slotProposedBy ?? '' }) : t('coord.request.hearing'),
        atSites(r.slot),
      ]);
    if (r.test) facts.push([t('coord.request.test'), atSites(r.test)]);
    if (r.testResult) {
      const works = (ok: boolean) => t(ok ? 'coord.ok' : 'coord.failed');
      facts.push([
        t('coord.request.testResult'),
        t('coord.request.testLine', {
          result: t(r.testResult.result === 'go' ? 'coord.go' : 'coord.noGo'),
          sound: works(r.testResult.audio),
          picture: works(r.testResult.video),
          encryption: r.testResult.encryption,
        }),
      ]);
    }
    if (r.decision?.outcome === 'refused')
      facts.push([
        t('coord.request.refused'),
        t('coord.request.refusedLine', { ground: said(GROUNDS, r.decision.ground ?? 'other'), explanation: r.decision.explanation }),
      ]);
    if (r.cancellationReason) facts.push([t('coord.request.cancelled'), r.cancellationReason]);
    if (r.resources.length > 0)
      facts.push([
        t('coord.request.resources'),
        r.resources.map((x: any) => t('coord.request.resource', { name: x.name, kind: said(KINDS, x.kind), authority: x.authority })).join('; '),
      ]);

    const invitable = r.stage === 'scheduled' || r.stage === 'cancelled';
    const mail = h('section', { class: 'letters', 'aria-label': t('coord.invite.mailSection'), hidden: true });
    const people = h(
      'table',
      { class: 'people' },
      h('caption', {}, t('coord.request.participants')),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[t('coord.col.name'), t('coord.col.function'), t('coord.col.site'), t('coord.col.timeZone'), invitable ? t('coord.col.invitation') : ''].map((c) =>
            h('th', { scope: 'col' }, c),
          ),
        ),
      ),
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
            h('td', {}, invitable ? invitationCell(dashboard, r, p, mail) : ''),
          ),
        ),
      ),
    );
    const summons = summonsPanel(r, dashboard.attempt);
    const events = h(
      'ol',
      { class: 'events' },
      ...r.events.map((e: any) => {
        // The court's own steps (an adjournment) are the court's, not the system's.
        const by = e.by ?? t(e.type.startsWith('court.') ? 'coord.request.court' : e.system ? 'coord.request.system' : 'coord.request.someoneElse');
        const when = (e.zones as string[]).map((zone) => moment(e.at, zone)).join(' · ');
        return h('li', { class: e.type === 'mail.failed' ? 'event-problem' : undefined }, t('coord.event.line', { what: eventWhat(r, e), by, when }));
      }),
    );
    const toSend = lettersToSend(r);
    const unsent = toSend.length
      ? [
          h(
            'section',
            { class: 'notice error', 'aria-labelledby': 'unsent-title' },
            h('strong', { id: 'unsent-title' }, t('coord.mail.toSend', { count: toSend.length })),
            h('ul', {}, ...toSend.map((e) => h('li', {}, eventWhat(r, e)))),
          ),
        ]
      : [];
    const back = h('button', { type: 'button' }, t('coord.request.back'));
    back.addEventListener('click', () => void dashboard.showTab(dashboard.tab === 'new' ? 'outbox' : dashboard.tab));
    dashboard.content.replaceChildren(
      back,
      h('h1', { tabindex: '-1' }, t('coord.request.heading', { caseReference: r.caseReference, title: r.title })),
      ...unsent,
      h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])),
      h(
        'section',
        { 'aria-labelledby': 'next-title', class: 'next-steps' },
        h('h2', { id: 'next-title' }, t('coord.request.next')),
        ...(r.actions.length ? await actionsFor(dashboard, r) : [h('p', {}, t('coord.request.nothing'))]),
      ),
      people,
      mail,
      summons,
      h('section', { 'aria-labelledby': 'log-title' }, h('h2', { id: 'log-title' }, t('coord.request.history')), events),
    );
    dashboard.focusHeading();
  });
}
