/**
 * Consent to surrender and renunciation of the rule of speciality (CETS 209, the Fourth Additional
 * Protocol to the European Convention on Extradition, Arts 3–4), taken in the hearing before the
 * requested state's judge: the rules of each step and the state they leave.
 *
 * One declaration goes: informed (the text in a version and language, and how she understood it) →
 * counsel's attestation (unless she declined a lawyer) and the interpreter's (when she understood
 * through one) → her own answer from her own device (signed there where the law asks) → the judge's
 * finding that it was voluntary and informed. Once found, a consent is immutable: revoked only where
 * the information recorded that the requested state's law allows it (Art. 4(5)), never re-taken.
 * Pure: the rules read the state and the command and say which entries to record.
 */
import { createHash } from 'node:crypto';
import type { HearingEventData } from '../model/events.js';
import type { Participant } from '../model/hearing.js';
import { sameLanguage } from '../language/index.js';
import type { CourtCommand } from './commands.js';
import { channelOf } from './interpretation.js';
import { CourtError, target, type CourtContext, type Decided } from './outcome.js';
import type { CourtroomState } from './state.js';
import { missingGates } from './readiness.js';
import { textUnderstood } from './understanding.js';
import type { DeclarationCourse, ExtraditionDeclaration } from './extradition-record.js';

export type { DeclarationCourse, ExtraditionDeclaration, ExtraditionState } from './extradition-record.js';

const TEXT_OF: Record<ExtraditionDeclaration, 'extradition-consent' | 'speciality-renunciation'> = {
  consent_to_surrender: 'extradition-consent',
  speciality_renunciation: 'speciality-renunciation',
};

const NAME_OF: Record<ExtraditionDeclaration, string> = {
  consent_to_surrender: 'consent to surrender',
  speciality_renunciation: 'renunciation of speciality',
};

const event = <
  T extends
    | 'extradition.informed'
    | 'extradition.counsel_attested'
    | 'extradition.interpreter_attested'
    | 'extradition.declared'
    | 'extradition.confirmed'
    | 'extradition.revoked',
>(
  type: T,
  data: HearingEventData<T>,
): Decided => ({ type, data }) as Decided;

/** The SHA-256 the record names a drawn signature by: its strokes exactly as drawn. */
export function signatureHash(strokes: readonly (readonly (readonly [number, number])[])[]): string {
  return createHash('sha256').update(JSON.stringify(strokes), 'utf8').digest('hex');
}

export function courseOf(state: CourtroomState, participantId: string, declaration: ExtraditionDeclaration): DeclarationCourse | undefined {
  return state.extradition.get(participantId)?.get(declaration);
}

/** A declaration given and found voluntary, not revoked: it binds, and nothing re-opens it. */
export function standing(course: DeclarationCourse | undefined): boolean {
  return course?.declared?.answer === 'given' && course.confirmed?.accepted === true && !course.revoked;
}

/** The attestations still missing before she may answer; none when she may. */
export function missingBeforeAnswer(course: DeclarationCourse): ('counsel' | 'interpreter')[] {
  const missing: ('counsel' | 'interpreter')[] = [];
  if (!course.informed.counselWaived && !course.counsel) missing.push('counsel');
  if (course.informed.understanding.via === 'interpreter' && !course.interpreter) missing.push('interpreter');
  return missing;
}

const MISSING_WORDS = { counsel: 'your lawyer’s attestation', interpreter: 'the interpreter’s attestation' } as const;

function personSought(ctx: CourtContext, id: string): Participant {
  const person = target(ctx, id);
  if (person.role !== 'person_heard' || person.capacity !== 'person_sought')
    throw new CourtError('not_person_sought', `${person.displayName} is not the person sought: only a person sought consents to surrender.`);
  return person;
}

function before(state: CourtroomState, ctx: CourtContext, person: Participant, inConsultation: (id: string) => boolean): void {
  if (state.phase !== 'live' || state.pauses.size > 0)
    throw new CourtError('not_running', 'A declaration is taken only while the hearing is live and not paused: before the judge.');
  if (!state.admitted.has(person.id)) throw new CourtError('not_admitted', `${person.displayName} has not been admitted.`);
  if (!ctx.present.has(person.id)) throw new CourtError('not_connected', `${person.displayName} is not connected.`);
  if (inConsultation(person.id)) throw new CourtError('in_consultation', `${person.displayName} is consulting her lawyer.`);
  // Her identity established, her rights put to her and understood, her consent to the video hearing:
  // nothing binding is taken from someone the court has not identified and informed.
  const missing = missingGates(state, person);
  if (missing.length > 0) throw new CourtError('gates_missing', `A declaration can be taken once these are done: ${missing.join('; ')}.`);
}

function openCourse(state: CourtroomState, person: Participant, declaration: ExtraditionDeclaration): DeclarationCourse {
  const course = courseOf(state, person.id, declaration);
  if (!course) throw new CourtError('not_informed', `The ${NAME_OF[declaration]} has not been put before ${person.displayName}.`);
  if (course.confirmed)
    throw new CourtError('already_confirmed', `The judge has already ruled on this ${NAME_OF[declaration]}. Put it before her again to take a new one.`);
  return course;
}

export type ExtraditionRequest =
  | { name: 'extradition:inform'; command: CourtCommand<'extradition:inform'> }
  | { name: 'extradition:attest'; command: CourtCommand<'extradition:attest'> }
  | { name: 'extradition:declare'; command: CourtCommand<'extradition:declare'> }
  | { name: 'extradition:confirm'; command: CourtCommand<'extradition:confirm'> }
  | { name: 'extradition:revoke'; command: CourtCommand<'extradition:revoke'> };

export function decideExtradition(
  state: CourtroomState,
  request: ExtraditionRequest,
  actor: Participant,
  ctx: CourtContext,
  inConsultation: (id: string) => boolean,
): Decided[] {
  switch (request.name) {
    case 'extradition:inform': {
      const c = request.command;
      const person = personSought(ctx, c.participantId);
      before(state, ctx, person, inConsultation);
      const current = courseOf(state, person.id, c.declaration);
      if (standing(current))
        throw new CourtError('irrevocable', `${person.displayName}’s ${NAME_OF[c.declaration]} stands on the record and cannot be taken again.`);
      // A course under way is ruled on first: putting it again would silently set aside what she and her lawyer did.
      if (current && !current.confirmed)
        throw new CourtError(
          'course_open',
          `The ${NAME_OF[c.declaration]} is already before ${person.displayName}: rule on it (or do not accept it, with the reason) first.`,
        );
      const { text, understanding } = textUnderstood(state, ctx, person, TEXT_OF[c.declaration], c.language);
      return [
        event('extradition.informed', {
          participantId: person.id,
          declaration: c.declaration,
          text: { id: text.id, version: text.version, language: text.language, sha256: text.sha256, source: text.source },
          understanding,
          revocable: c.revocable,
          ...(c.revocable && c.revocationBasis ? { revocationBasis: c.revocationBasis } : {}),
          signatureRequired: c.signatureRequired,
          counselWaived: c.counselWaived,
        }),
      ];
    }
    case 'extradition:attest': {
      const c = request.command;
      const person = personSought(ctx, c.participantId);
      const course = openCourse(state, person, c.declaration);
      if (course.declared) throw new CourtError('already_declared', `${person.displayName} has already answered: attest before she does.`);
      if (!state.admitted.has(actor.id) || !ctx.present.has(actor.id)) throw new CourtError('not_admitted', 'You must be in the hearing to attest.');
      if (actor.role === 'counsel') {
        return [event('extradition.counsel_attested', { participantId: person.id, declaration: c.declaration, counselId: actor.id })];
      }
      const language = channelOf(actor);
      if (actor.role !== 'interpreter' || language === null || !sameLanguage(language, course.informed.understanding.language))
        throw new CourtError('not_her_interpreter', `Only an interpreter into ${person.displayName}’s language attests the interpretation.`);
      return [event('extradition.interpreter_attested', { participantId: person.id, declaration: c.declaration, interpreterId: actor.id, language })];
    }
    case 'extradition:declare': {
      const c = request.command;
      const person = personSought(ctx, actor.id);
      before(state, ctx, person, inConsultation);
      const course = openCourse(state, person, c.declaration);
      if (course.declared) throw new CourtError('already_declared', 'You have already given your answer; the judge will now rule on it.');
      // Her answer is to the words on her screen: an answer to other words than the ones put before her is refused.
      if (c.textSha256 !== course.informed.text.sha256)
        throw new CourtError('text_changed', 'The text before you is not the one the judge put to you. Read the text on your screen now, then answer.');
      const missing = missingBeforeAnswer(course);
      if (missing.length > 0)
        throw new CourtError('attestation_missing', `You can answer once the court has ${missing.map((m) => MISSING_WORDS[m]).join(' and ')}.`);
      if (c.answer === 'given' && course.informed.signatureRequired && !c.signature)
        throw new CourtError('signature_required', 'The law asks for your signature: sign in the box, then confirm.');
      const signature = c.answer === 'given' && c.signature ? { strokes: c.signature.strokes, sha256: signatureHash(c.signature.strokes) } : undefined;
      return [
        event('extradition.declared', {
          participantId: person.id,
          declaration: c.declaration,
          answer: c.answer,
          text: course.informed.text,
          ...(signature ? { signature } : {}),
        }),
      ];
    }
    case 'extradition:confirm': {
      const c = request.command;
      const person = personSought(ctx, c.participantId);
      const course = openCourse(state, person, c.declaration);
      if (!course.declared) throw new CourtError('not_declared', `${person.displayName} has not answered yet.`);
      if (state.phase !== 'live' || state.pauses.size > 0) throw new CourtError('not_running', 'The judge rules while the hearing is live and not paused.');
      return [
        event('extradition.confirmed', {
          participantId: person.id,
          declaration: c.declaration,
          answer: course.declared.answer,
          accepted: c.accepted,
          ...(c.reason ? { reason: c.reason } : {}),
        }),
      ];
    }
    case 'extradition:revoke': {
      const c = request.command;
      const person = personSought(ctx, actor.id);
      // Revoked as given: before the judge, in a running hearing.
      before(state, ctx, person, inConsultation);
      const course = courseOf(state, person.id, c.declaration);
      if (!standing(course)) throw new CourtError('nothing_to_revoke', `There is no ${NAME_OF[c.declaration]} of yours on the record to revoke.`);
      if (!course!.informed.revocable)
        throw new CourtError(
          'irrevocable',
          `Your ${NAME_OF[c.declaration]} was given before the judge and cannot be revoked: the law of the state where you are does not allow it.`,
        );
      return [event('extradition.revoked', { participantId: person.id, declaration: c.declaration })];
    }
  }
}

/** One declaration as a console or the person's page shows it. */
export interface ExtraditionView {
  participantId: string;
  declaration: ExtraditionDeclaration;
  informedAt: string;
  /** The SHA-256 the record names the text by: her answer carries it back. */
  textSha256: string;
  /** The exact words put before her (found by the hash the record names). */
  text: { title: string; body: string; language: string; version: string; model: boolean } | null;
  /** She understood it through the interpreter (who reads it to her) rather than in her own language's text. */
  interpreted: boolean;
  /** Her language, in which she understood it. */
  understoodIn: string;
  revocable: boolean;
  revocationBasis: string | null;
  signatureRequired: boolean;
  counselWaived: boolean;
  counselAttestedAt: string | null;
  interpreterAttestedAt: string | null;
  /** The attestations that must come before she may answer. */
  missing: ('counsel' | 'interpreter')[];
  answer: { given: boolean; at: string } | null;
  ruling: { accepted: boolean; at: string; reason: string | null } | null;
  timestamped: boolean;
  revokedAt: string | null;
  /** Given, found voluntary and not revoked: it binds. */
  standing: boolean;
}

/**
 * The declarations a viewer may see: the two judicial authorities, her lawyer and the interpreters
 * see every one (they act on them); the person sought sees her own; nobody else any.
 */
export function extraditionView(
  state: CourtroomState,
  viewer: Participant,
  texts: { byHash(sha256: string): { title: string; body: string; language: string; version: string; source: 'model' | 'authority' } | null },
): ExtraditionView[] {
  const sees = (participantId: string) =>
    ['presiding_judge', 'requested_officer', 'counsel', 'interpreter'].includes(viewer.role) || viewer.id === participantId;
  return [...state.extradition].flatMap(([participantId, courses]) =>
    !sees(participantId)
      ? []
      : [...courses].map(([declaration, c]) => {
          const text = texts.byHash(c.informed.text.sha256);
          return {
            participantId,
            declaration,
            informedAt: c.informed.at,
            textSha256: c.informed.text.sha256,
            text: text ? { title: text.title, body: text.body, language: text.language, version: text.version, model: text.source === 'model' } : null,
            interpreted: c.informed.understanding.via === 'interpreter',
            understoodIn: c.informed.understanding.language,
            revocable: c.informed.revocable,
            revocationBasis: c.informed.revocationBasis ?? null,
            signatureRequired: c.informed.signatureRequired,
            counselWaived: c.informed.counselWaived,
            counselAttestedAt: c.counsel?.at ?? null,
            interpreterAttestedAt: c.interpreter?.at ?? null,
            missing: missingBeforeAnswer(c),
            answer: c.declared ? { given: c.declared.answer === 'given', at: c.declared.at } : null,
            ruling: c.confirmed ? { accepted: c.confirmed.accepted, at: c.confirmed.at, reason: c.confirmed.reason ?? null } : null,
            timestamped: c.timestamped !== undefined,
            revokedAt: c.revoked?.at ?? null,
            standing: standing(c),
          };
        }),
  );
}
