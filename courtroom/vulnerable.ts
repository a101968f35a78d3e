/**
 * A vulnerable person heard (a child, or an adult the court found vulnerable): Directive 2012/29/EU
 * Arts 22–24 and, for children, Directive (EU) 2016/800 Art. 15 and the Council of Europe's
 * guidelines on child-friendly justice. The court
 * - admits her only once a support person is in the hearing, and starts her testimony only then;
 * - pauses the hearing by itself while she is in it and no support person is (`support_absent`),
 *   and goes on when one is back;
 * - is offered a break at set intervals of running time, which the judge gives as a pause of its own
 *   (`break`), and lifts;
 * - applies protective settings by default when she is admitted, where the judge has set none: her
 *   picture kept from observers, her recording for the presiding judge only.
 * Pure rules, like the rest of the court (decide.ts calls them).
 */
import type { Participant } from '../model/hearing.js';
import type { Vulnerability } from '../model/roles.js';
import type { HearingEventData, HearingEventType } from '../model/events.js';
import { CourtError, type CourtContext, type Decided } from './outcome.js';
import type { CourtroomState } from './state.js';

const event = <T extends HearingEventType>(type: T, data: HearingEventData<T>): Decided => ({ type, data }) as Decided;

/** After this long without a pause a break is offered: shorter for a child, whose attention span is shorter. */
export const BREAK_EVERY_MINUTES: Readonly<Record<Vulnerability, number>> = { child: 30, adult: 45 };

/** The vulnerable persons heard who are in the hearing now. */
function vulnerableInCourtroom(state: CourtroomState, ctx: CourtContext): Participant[] {
  return [...ctx.participants.values()].filter((p) => p.role === 'person_heard' && p.vulnerability && state.admitted.has(p.id));
}

/** Whether a support person is connected and in the hearing (not in the waiting room). */
export function supportPresent(state: CourtroomState, ctx: CourtContext): boolean {
  return [...ctx.present].some((id) => {
    const p = ctx.participants.get(id);
    return p?.role === 'support_person' && state.admitted.has(p.id);
  });
}

/** Refuses to admit a vulnerable person heard, or to start her testimony, without a support person in the hearing. */
export function requireSupport(state: CourtroomState, ctx: CourtContext, person: Participant, act: 'admit' | 'testimony'): void {
  if (person.role !== 'person_heard' || !person.vulnerability || supportPresent(state, ctx)) return;
  const who = person.vulnerability === 'child' ? 'a child' : 'a vulnerable person';
  throw new CourtError(
    'support_absent',
    act === 'admit'
      ? `Admit her support person first: ${person.displayName} is ${who} and is heard only with a support person in the hearing.`
      : `Her testimony cannot start: ${person.displayName} is ${who} and no support person is in the hearing.`,
  );
}

/** Whether this person may be admitted while the hearing is paused: a support person, when only her absence holds it. */
export function admissibleWhilePaused(state: CourtroomState, person: Participant): boolean {
  return person.role === 'support_person' && [...state.pauses.keys()].every((cause) => cause === 'support_absent');
}

/**
 * The hearing pauses itself when a support person leaves it (disconnected, sent back or removed) and
 * a vulnerable person heard is in it with no other support person.
 * `leaving` is the support person who goes.
 */
export function pauseWithoutSupport(state: CourtroomState, ctx: CourtContext, leaving: Participant): Decided[] {
  if (leaving.role !== 'support_person' || state.phase !== 'live' || state.pauses.has('support_absent')) return [];
  const others = { ...ctx, present: new Set([...ctx.present].filter((id) => id !== leaving.id)) };
  if (vulnerableInCourtroom(state, ctx).length === 0 || supportPresent(state, others)) return [];
  return [event('hearing.paused', { cause: 'support_absent', reason: 'no support person is in the hearing beside the vulnerable person heard' })];
}

/**
 * The pause for a missing support person ends when no vulnerable person is left in the hearing (the
 * judge sent her back, removed her): `leaving` is the person who goes.
 */
export function resumeWithoutVulnerable(state: CourtroomState, ctx: CourtContext, leaving: Participant): Decided[] {
  if (!state.pauses.has('support_absent') || leaving.role !== 'person_heard' || !leaving.vulnerability) return [];
  const others = vulnerableInCourtroom(state, ctx).filter((p) => p.id !== leaving.id);
  return others.length === 0 ? [event('hearing.resumed', { cause: 'support_absent' })] : [];
}

/** Going live with a vulnerable person in the hearing and no support person beside her: live, and paused at once for it. */
export function goLiveWithSupport(state: CourtroomState, ctx: CourtContext): Decided[] {
  if (vulnerableInCourtroom(state, ctx).length === 0 || supportPresent(state, ctx) || state.pauses.has('support_absent')) return [];
  return [event('hearing.paused', { cause: 'support_absent', reason: 'no support person is in the hearing beside the vulnerable person heard' })];
}

/** A support person is (back) in the hearing: the pause her absence caused is lifted. */
export function resumeWithSupport(state: CourtroomState, person: Participant): Decided[] {
  return person.role === 'support_person' && state.pauses.has('support_absent') ? [event('hearing.resumed', { cause: 'support_absent' })] : [];
}

/**
 * The protective settings a vulnerable person heard has by default when she is admitted, where the
 * court has ordered none: her picture kept from observers and her recording for the presiding judge
 * only. The judge may change them like any other measure.
 */
export function defaultProtection(state: CourtroomState, person: Participant): Decided[] {
  if (person.role !== 'person_heard' || !person.vulnerability || state.protections.has(person.id)) return [];
  return [
    event('protection.set', {
      participantId: person.id,
      pseudonym: null,
      hideVideoFromObservers: true,
      audioOnly: false,
      voiceMasking: false,
      faceMasking: 'none',
      hideLocation: false,
      restrictRecording: true,
    }),
  ];
}

/** The judge gives a vulnerable person heard a break: the hearing pauses for it until the judge resumes. */
export function giveBreak(state: CourtroomState, ctx: CourtContext, minutes: number): Decided[] {
  if (state.phase !== 'live') throw new CourtError('not_live', 'A break can be given only while the hearing is live.');
  if (state.pauses.has('break')) throw new CourtError('already_paused', 'The hearing is already on a break.');
  if (vulnerableInCourtroom(state, ctx).length === 0) throw new CourtError('no_vulnerable_person', 'No vulnerable person heard is in the hearing.');
  return [event('hearing.paused', { cause: 'break', reason: `a break of ${minutes} minutes for the vulnerable person heard` })];
}

/** When the next break is due for this person (ISO 8601), while the hearing runs; null otherwise. */
export function breakDueAt(state: CourtroomState, person: Participant): string | null {
  if (!person.vulnerability || !state.runningSince || !state.admitted.has(person.id)) return null;
  return new Date(Date.parse(state.runningSince) + BREAK_EVERY_MINUTES[person.vulnerability] * 60_000).toISOString();
}
