/**
 * Whether the person heard is ready for what rests on her understanding: the gates her capacity
 * requires (gates.ts) that she has not passed yet, in words. Testimony waits for them, and so does a
 * declaration of a person sought.
 */
import type { Participant } from '../model/hearing.js';
import { GATE_LABELS, requiredGates } from './gates.js';
import type { CourtroomState } from './state.js';

export function missingGates(state: CourtroomState, person: Participant): string[] {
  const passed = state.gates.get(person.id);
  return requiredGates(person.capacity)
    .filter((gate) => !passed?.has(gate))
    .map((gate) => GATE_LABELS[gate]);
}
