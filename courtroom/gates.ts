/**
 * Which gates the person heard must pass before testimony, by their capacity. Tagged as in the
 * safeguards brief: consent of a suspect or accused (EIO 24(2)(a), C‑760/22) and of a person sought
 * (CETS 209 Art. 4); an oath or affirmation for witnesses and experts (MLA 2000 Art. 10(6)); identity
 * (Art. 10(5)(a)) and rights with caution (Art. 10(5)(e)) for everyone heard. A court whose legal basis
 * differs changes this table, not the state machine.
 */
import type { Capacity } from '../model/roles.js';

export const GATES = ['identity', 'rights', 'consent', 'oath'] as const;
export type Gate = (typeof GATES)[number];

export const GATE_LABELS: Record<Gate, string> = {
  identity: 'identity verified by the requested-state officer',
  rights: 'rights and caution acknowledged',
  consent: 'consent to the video hearing recorded',
  oath: 'oath or affirmation taken',
};

export function requiredGates(capacity: Capacity | null): readonly Gate[] {
  switch (capacity) {
    case 'accused':
    case 'person_sought':
      return ['identity', 'rights', 'consent'];
    case 'witness':
    case 'expert':
    case null:
      return ['identity', 'rights', 'oath'];
  }
}
