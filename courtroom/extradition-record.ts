/**
 * What the record holds of each declaration of a person sought (CETS 209 Arts 3–4), folded from its
 * entries: the court's state keeps the latest course of each, and its rules (extradition.ts) read it.
 */
import type { HearingEventData } from '../model/events.js';

export type ExtraditionDeclaration = HearingEventData<'extradition.informed'>['declaration'];

/** One declaration's course so far, as the record gives it. */
export interface DeclarationCourse {
  informed: Omit<HearingEventData<'extradition.informed'>, 'participantId' | 'declaration'> & { at: string; by: string | null };
  counsel?: { id: string; at: string };
  interpreter?: { id: string; language: string; at: string };
  declared?: { answer: 'given' | 'refused'; at: string; signatureSha256?: string };
  confirmed?: { accepted: boolean; at: string; by: string | null; reason?: string };
  timestamped?: { entrySha256: string; at: string };
  revoked?: { at: string };
}

/** Per person sought, per declaration: the latest course (an earlier one that did not stand is in the record). */
export type ExtraditionState = Map<string, Map<ExtraditionDeclaration, DeclarationCourse>>;

/** Folds one extradition entry into the state. */
export function applyExtradition(
  state: { extradition: ExtraditionState },
  type: string,
  data: Record<string, unknown>,
  at: string,
  actorId: string | null,
): void {
  const d = data as { participantId: string; declaration: ExtraditionDeclaration };
  const course = () => state.extradition.get(d.participantId)?.get(d.declaration);
  switch (type) {
    case 'extradition.informed': {
      const { participantId: _p, declaration: _d, ...informed } = data as HearingEventData<'extradition.informed'>;
      let courses = state.extradition.get(d.participantId);
      if (!courses) state.extradition.set(d.participantId, (courses = new Map()));
      courses.set(d.declaration, { informed: { ...informed, at, by: actorId } });
      return;
    }
    case 'extradition.counsel_attested': {
      const c = course();
      if (c) c.counsel = { id: (data as HearingEventData<'extradition.counsel_attested'>).counselId, at };
      return;
    }
    case 'extradition.interpreter_attested': {
      const c = course();
      const a = data as HearingEventData<'extradition.interpreter_attested'>;
      if (c) c.interpreter = { id: a.interpreterId, language: a.language, at };
      return;
    }
    case 'extradition.declared': {
      const c = course();
      const a = data as HearingEventData<'extradition.declared'>;
      if (c) c.declared = { answer: a.answer, at, ...(a.signature ? { signatureSha256: a.signature.sha256 } : {}) };
      return;
    }
    case 'extradition.confirmed': {
      const c = course();
      const a = data as HearingEventData<'extradition.confirmed'>;
      if (c) c.confirmed = { accepted: a.accepted, at, by: actorId, ...(a.reason ? { reason: a.reason } : {}) };
      return;
    }
    case 'extradition.timestamped': {
      // The token dates the ruling it names, not whatever course came after it.
      const c = course();
      const stamp = data as HearingEventData<'extradition.timestamped'>;
      if (c?.confirmed && (stamp.rulingAt === undefined || stamp.rulingAt === c.confirmed.at)) c.timestamped = { entrySha256: stamp.entrySha256, at };
      return;
    }
    case 'extradition.revoked': {
      const c = course();
      if (c) c.revoked = { at };
      return;
    }
  }
}
