/**
 * The people in a hearing and what each is called on screen.
 *
 * Kept free of runtime dependencies: the browser bundle imports these labels, and the server
 * builds its zod enums and its permission table from the same lists.
 */

export const ROLES = [
  'presiding_judge',
  'requested_officer',
  'person_heard',
  'counsel',
  'prosecutor',
  'interpreter',
  'clerk',
  'observer',
  'support_person',
  'captioner',
] as const;
export type Role = (typeof ROLES)[number];

/** The capacity in which the person heard gives evidence (safeguards row 1: status of the person). */
export const CAPACITIES = ['witness', 'expert', 'accused', 'person_sought'] as const;
export type Capacity = (typeof CAPACITIES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  presiding_judge: 'Presiding judge',
  requested_officer: 'Requested-state judicial officer',
  person_heard: 'Person heard',
  counsel: 'Counsel',
  prosecutor: 'Prosecutor',
  interpreter: 'Interpreter',
  clerk: 'Clerk',
  observer: 'Observer',
  support_person: 'Support person',
  captioner: 'Captioner',
};

/**
 * A person heard whom the court must hear with particular care (Directive 2012/29/EU Arts 22–24,
 * Directive 2016/800 for children): she is admitted only with a support person in the hearing, the
 * judge is offered breaks at set intervals, and protective settings apply by default.
 */
export const VULNERABILITIES = ['child', 'adult'] as const;
export type Vulnerability = (typeof VULNERABILITIES)[number];

export const CAPACITY_LABELS: Record<Capacity, string> = {
  witness: 'Witness',
  expert: 'Expert',
  accused: 'Accused',
  person_sought: 'Person sought',
};

/** What the court calls this participant: "Witness" rather than "Person heard" where the capacity is known. */
export function functionLabel(role: Role, capacity: Capacity | null): string {
  if (role === 'person_heard' && capacity) return CAPACITY_LABELS[capacity];
  return ROLE_LABELS[role];
}
