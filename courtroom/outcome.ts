/**
 * What a decision of the court comes to: the events it records, or a refusal in words (a CourtError
 * with a code). Shared by the rules of the hearing (`decide.ts`), of the interpretation and of what
 * the person heard understands, so that none of them imports another to say "no".
 */
import type { Participant } from '../model/hearing.js';
import type { HearingEventData, HearingEventType } from '../model/events.js';
import type { TextBook } from './texts.js';

export class CourtError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'CourtError';
  }
}

export interface Decided<T extends HearingEventType = HearingEventType> {
  type: T;
  data: HearingEventData<T>;
}

export interface CourtContext {
  participants: ReadonlyMap<string, Participant>;
  /** Who is connected and in the hearing now. */
  present: ReadonlySet<string>;
  /** Keyed hash of an identity document number: comparable later, unreadable. */
  hashDocumentNumber(normalised: string): string;
  /** A fresh identifier (for a consultation). */
  newId(): string;
  /** Participants whose browsers can seal a consultation end to end. */
  canSeal: ReadonlySet<string>;
  /** The time of the decision (ISO 8601), where a rule depends on it. */
  now?: string;
  /** The language the court conducts the hearing in (BCP 47). */
  courtLanguage: string;
  /** The texts this hearing can put before the person heard: the authority's approved ones, else the model texts. */
  texts: TextBook;
  /** Each connected person's link as their browser last measured it (round trip, audio loss), for the record of a sound check. */
  links?: ReadonlyMap<string, { roundTripMs?: number; audioLossPercent?: number }>;
  /** The documents submitted for this hearing (its bundle), by id; absent where none can be shown. */
  exhibits?: ReadonlyMap<string, ExhibitFact>;
}

/** A document of the bundle as the court names it when it shows it. */
export interface ExhibitFact {
  title: string;
  mediaType: 'application/pdf' | 'image/png' | 'image/jpeg';
  sha256: string;
  pages: number;
}

/** The participant a command names, or a refusal in words. */
export function target(ctx: CourtContext, id: string): Participant {
  const participant = ctx.participants.get(id);
  if (!participant) throw new CourtError('unknown_participant', 'That person is not a participant of this hearing.');
  return participant;
}

/** The person heard a command names, or a refusal in words. */
export function personHeard(ctx: CourtContext, id: string): Participant {
  const participant = target(ctx, id);
  if (participant.role !== 'person_heard') throw new CourtError('not_person_heard', `${participant.displayName} is not the person heard.`);
  return participant;
}
