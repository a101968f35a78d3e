/**
 * scheduling — cross-border scheduling, re-exporting the hearing model (model/roles.ts, model/hearing.ts)
 * for its callers. Owns: authorities and their resources (authority.ts), the request and its stages
 * (request.ts), the workflow between two coordinators (workflow.ts, the one place that says which step
 * may follow which), time in IANA zones (time.ts), working hours and holidays (calendar.ts), the slot
 * finder (slots.ts), invitations and feeds in iCalendar (invitations.ts, vtimezone.ts), the letters to
 * participants — summons, rights notice and invitation message in nine languages (summons/) —
 * coordinator passwords, and the service that applies each step through the store (service.ts): what
 * a coordinator sends (coordinator-input.ts), the draft (drafting.ts), what each step changes
 * (workflow-steps.ts), what a request books (request-resources.ts), the two sites (sites.ts), what
 * stands against a time (conflicts.ts), the slot finder over the store (slot-search.ts), and the
 * documents handed out (documents.ts); and the letters e-mailed through the court's relay (mail/: each
 * step's letters are queued with it, composed once, sent with retries, their outcome in the history).
 *
 * authority.ts, request.ts and workflow.ts have no runtime dependencies, so the browser may import
 * their labels directly.
 */
export * from '../model/roles.js';
export * from '../model/hearing.js';
export * from './authority.js';
export * from './request.js';
export * from './workflow.js';
export * from './errors.js';
export * from './time.js';
export * from './calendar.js';
export * from './slots.js';
export * from './vtimezone.js';
export * from './invitations.js';
export * from './summons/templates.js';
export * from './summons/letters.js';
export * from './summons/when.js';
export * from './summons/render.js';
export * from './summons/invitation-message.js';
export * from './summons/style.js';
export * from './passwords.js';
export * from './words.js';
export * from './service.js';
export type { ActionInput, Actor, DraftInput, InstantInput } from './coordinator-input.js';
export * from './documents.js';
export { Postman, type DeliveryOutcome, type PostmanOptions } from './mail/postman.js';
export { smtpRelay, type MailRelay } from './mail/relay.js';
