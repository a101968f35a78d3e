/**
 * The formalities before testimony, as rules: the officer verifies identity, puts the rights and
 * caution, the consent form and the oath before the person heard in a language she understands
 * (understanding.ts), records her consent and oath; she acknowledges her rights and may withdraw her
 * consent, which pauses the hearing. Pure, as every rule of the court.
 */
import type { Participant } from '../model/hearing.js';
import type { HearingEventData, HearingEventType } from '../model/events.js';
import type { CourtCommand } from './commands.js';
import { CourtError, personHeard, target, type CourtContext, type Decided } from './outcome.js';
import type { CourtroomState } from './state.js';
import type { CourtText } from './texts.js';
import { textUnderstood } from './understanding.js';

const event = <T extends HearingEventType>(type: T, data: HearingEventData<T>): Decided => ({ type, data }) as Decided;

export type FormalityRequest =
  | { name: 'court:verify-identity'; command: CourtCommand<'court:verify-identity'> }
  | { name: 'court:show-rights'; command: CourtCommand<'court:show-rights'> }
  | { name: 'court:acknowledge-rights'; command: CourtCommand<'court:acknowledge-rights'> }
  | { name: 'court:record-consent'; command: CourtCommand<'court:record-consent'> }
  | { name: 'court:withdraw-consent'; command: CourtCommand<'court:withdraw-consent'> }
  | { name: 'court:record-oath'; command: CourtCommand<'court:record-oath'> };

export function decideFormality(state: CourtroomState, request: FormalityRequest, actor: Participant, ctx: CourtContext): Decided[] {
  if (state.phase === 'ended') throw new CourtError('hearing_ended', 'The hearing has ended.');
  switch (request.name) {
    case 'court:verify-identity': {
      const v = request.command;
      const person = target(ctx, v.participantId);
      const normalised = v.documentNumber?.replace(/[\s-]/g, '').toUpperCase();
      return [
        event('identity.verified', {
          participantId: person.id,
          method: v.method,
          ...(v.documentType ? { documentType: v.documentType } : {}),
          ...(v.issuingCountry ? { issuingCountry: v.issuingCountry } : {}),
          ...(normalised ? { documentNumberHash: ctx.hashDocumentNumber(normalised), documentNumberLast: normalised.slice(-3) } : {}),
          match: v.match,
          photoCompared: v.photoCompared,
        }),
      ];
    }
    case 'court:show-rights': {
      const { participantId, language } = request.command;
      const person = personHeard(ctx, participantId);
      const { text, understanding } = textUnderstood(state, ctx, person, 'rights-and-caution', language);
      return [event('rights.shown', { participantId: person.id, notice: reference(text), understanding })];
    }
    case 'court:acknowledge-rights': {
      const notice = state.rightsShown.get(actor.id);
      if (!notice) throw new CourtError('rights_not_shown', 'The officer has not shown you your rights yet.');
      const understanding = state.rightsUnderstanding.get(actor.id);
      return [event('rights.acknowledged', understanding ? { participantId: actor.id, notice, understanding } : { participantId: actor.id, notice })];
    }
    case 'court:record-consent': {
      const k = request.command;
      const person = personHeard(ctx, k.participantId);
      const { text, understanding } = textUnderstood(state, ctx, person, 'consent-video-hearing', k.language);
      const given = event('consent.given', {
        participantId: person.id,
        texts: [reference(text)],
        understanding,
        method: k.method,
        interpreterPresent: k.interpreterPresent,
        lawyerPresent: k.lawyerPresent,
      });
      return state.pauses.has('consent_withdrawn') ? [given, event('hearing.resumed', { cause: 'consent_withdrawn' })] : [given];
    }
    case 'court:withdraw-consent': {
      if (!state.gates.get(actor.id)?.has('consent')) throw new CourtError('no_consent', 'There is no consent of yours on record to withdraw.');
      const events: Decided[] = [event('consent.withdrawn', { participantId: actor.id })];
      if (state.testimony === actor.id) events.push(event('testimony.ended', { participantId: actor.id }));
      if (state.phase === 'live' && !state.pauses.has('consent_withdrawn')) events.push(event('hearing.paused', { cause: 'consent_withdrawn' }));
      return events;
    }
    case 'court:record-oath': {
      const o = request.command;
      const person = personHeard(ctx, o.participantId);
      const { text, understanding } = textUnderstood(state, ctx, person, o.form, o.language);
      // The oath is taken in the language she spoke it in: her own, read or interpreted.
      return [event('oath.taken', { participantId: person.id, form: o.form, language: understanding.language, text: reference(text), understanding })];
    }
  }
}

/** How the record names a text: exactly, by version and hash, and whether it was a model text. */
function reference(text: CourtText): HearingEventData<'rights.shown'>['notice'] {
  return { id: text.id, version: text.version, language: text.language, sha256: text.sha256, source: text.source };
}
