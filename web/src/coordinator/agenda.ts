/**
 * What is coming: the agenda, every hearing, test and pending request in order with its time at both
 * sites, and the week's calendar in the coordinator's zone (`calendar.ts` draws it).
 */
import { api } from './api.js';
import { mondayOf, localDate, weekCalendar, type CalendarEntry } from './calendar.js';
import type { Dashboard } from './dashboard.js';
import { atSites, h } from './dom.js';
import { stageOf } from './record-codes.js';
import { t } from './words.js';

/** The Monday of the week the calendar shows; this week's until the coordinator moves. */
let calendarWeek: string | null = null;

export async function renderAgenda(dashboard: Dashboard): Promise<void> {
  const { inbox, outbox } = await api('GET', '/api/requests');
  const entries: { start: string; label: string; r: any; times: any }[] = [];
  for (const r of [...inbox, ...outbox]) {
    if (r.stage === 'cancelled' || r.stage === 'refused') continue;
    const caseReference = r.caseReference;
    if (r.slot)
      entries.push({
        start: r.slot.start,
        label: t(r.stage === 'scheduled' ? 'coord.agenda.hearing' : 'coord.agenda.hearingNotScheduled', { caseReference }),
        r,
        times: r.slot,
      });
    if (r.test) entries.push({ start: r.test.start, label: t('coord.agenda.test', { caseReference }), r, times: r.test });
    if (!r.slot)
      entries.push({
        start: r.proposedWindows[0]?.start ?? '',
        label: t('coord.agenda.pending', { caseReference, stage: stageOf(r) }),
        r,
        times: r.proposedWindows[0],
      });
  }
  entries.sort((a, b) => a.start.localeCompare(b.start));
  dashboard.content.replaceChildren(
    h('h1', { tabindex: '-1' }, t('coord.agenda.title')),
    entries.length === 0
      ? h('p', {}, t('coord.agenda.empty'))
      : h('ol', { class: 'agenda' }, ...entries.map((e) => h('li', {}, h('strong', {}, e.label), ` — ${e.r.title}`, atSites(e.times)))),
  );
}

export async function renderCalendar(dashboard: Dashboard): Promise<void> {
  const { inbox, outbox } = await api('GET', '/api/requests');
  const zone = dashboard.session.authority.timeZone;
  const monday = calendarWeek ?? mondayOf(localDate(new Date(), zone));
  const entries: CalendarEntry[] = [];
  for (const r of [...inbox, ...outbox]) {
    if (r.stage === 'cancelled' || r.stage === 'refused') continue;
    const entry = (times: any, label: string): CalendarEntry => ({
      start: times.start,
      end: times.end,
      label,
      title: r.title,
      otherSite: times.atSites[1] ?? null,
      open: () => void dashboard.openRequest(r.id),
    });
    if (r.slot)
      entries.push(entry(r.slot, t(r.stage === 'scheduled' ? 'coord.agenda.hearing' : 'coord.agenda.hearingNotScheduled', { caseReference: r.caseReference })));
    if (r.test) entries.push(entry(r.test, t('coord.agenda.test', { caseReference: r.caseReference })));
  }
  dashboard.content.replaceChildren(
    h('h1', { tabindex: '-1' }, t('coord.calendar.title', { zone })),
    ...weekCalendar(entries, zone, monday, (week) => {
      calendarWeek = week;
      void dashboard.attempt(async () => {
        await renderCalendar(dashboard);
        dashboard.content.querySelector<HTMLElement>('.week')?.focus();
      });
    }),
  );
}
