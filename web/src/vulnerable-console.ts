/**
 * The judge's view of a vulnerable person heard (courtroom/vulnerable.ts): why she is one, whether her
 * support person is in the hearing (the court admits her and hears her only then), and when her next
 * break is due, with the break itself one press away. Shown only where the hearing has such a person.
 */
import type { CourtView, ParticipantView } from '../../signaling/protocol.js';
import { time, type ConsoleWriting } from './console-writing.js';
import { h } from './dom.js';

/** Breaks the judge is offered, in minutes: a short one and a longer one. */
const BREAKS = [10, 20] as const;

/** `present`: who is connected and in the hearing on this page now (admitted is not enough: a dropped page is not beside her). */
export function vulnerableSection(w: ConsoleWriting, view: CourtView, present: ReadonlyMap<string, ParticipantView>, now = Date.now()): HTMLElement | null {
  const vulnerable = view.personsHeard.filter((p) => p.vulnerable);
  if (vulnerable.length === 0) return null;
  const due = vulnerable.some((p) => p.vulnerable?.breakDueAt && Date.parse(p.vulnerable.breakDueAt) <= now);
  return h(
    'section',
    { class: `console-section${due ? ' attention' : ''}`, 'aria-labelledby': 'vulnerable-heading' },
    h('h2', { id: 'vulnerable-heading' }, w.t('console.vulnerableHeading')),
    ...vulnerable.map((person) => {
      const v = person.vulnerable!;
      const breakDue = v.breakDueAt && Date.parse(v.breakDueAt) <= now;
      return h(
        'div',
        { class: 'vulnerable-person', 'data-participant-id': person.id },
        h('p', {}, w.t(v.vulnerability === 'child' ? 'console.vulnerableChild' : 'console.vulnerableAdult', { name: person.displayName })),
        v.support.length === 0
          ? h('p', { class: 'gate-status missing' }, w.t('console.noSupport'))
          : h(
              'ul',
              { class: 'checklist' },
              ...v.support.map((s) => {
                const beside = s.inHearing && present.has(s.id);
                return h('li', { class: beside ? 'passed' : 'missing' }, w.t(beside ? 'console.supportIn' : 'console.supportOut', { name: s.displayName }));
              }),
            ),
        v.breakDueAt
          ? h('p', { class: 'gate-status', role: 'status' }, w.t(breakDue ? 'console.breakDue' : 'console.nextBreak', { time: time(v.breakDueAt) }))
          : null,
        view.phase === 'live' && !view.pauses.some((p) => p.cause === 'break')
          ? h('div', { class: 'button-row' }, ...BREAKS.map((minutes) => w.button(w.t('console.giveBreak', { minutes }), 'court:break', { minutes })))
          : null,
      );
    }),
  );
}
