/**
 * A demo hearing so that a fresh install shows something real: created once when the store is empty,
 * with fresh personal links printed at every start (links are short-lived, so old ones expire).
 */
import { ROLES, type Participant } from '../scheduling/index.js';
import type { JoinTokens } from '../signaling/index.js';
import type { Store } from '../store/index.js';

export const DEMO_CASE_REFERENCE = 'DEMO-2026-001';

export interface DemoLink {
  participant: Participant;
  url: string;
}

export async function ensureDemoHearing(store: Store): Promise<string> {
  const existing = (await store.hearings.list()).find((h) => h.caseReference === DEMO_CASE_REFERENCE);
  if (existing) return existing.id;
  const start = new Date();
  const hearing = await store.hearings.create({
    title: 'Demo: hearing of a witness abroad',
    caseReference: DEMO_CASE_REFERENCE,
    status: 'scheduled',
    scheduledStart: start.toISOString(),
    scheduledEnd: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    courtLanguage: 'de',
  });
  // The court speaks German and the witness Italian: one booth of two interprets the court into
  // Italian for her (and hands over), a third interpreter renders her answers into German.
  const people = [
    { displayName: 'Judge Anna Berger', role: 'presiding_judge', capacity: null, language: 'de' },
    { displayName: 'Officer Jean Dupont', role: 'requested_officer', capacity: null, language: 'fr' },
    { displayName: 'Maria Rossi', role: 'person_heard', capacity: 'witness', language: 'it' },
    { displayName: 'Tom Okafor', role: 'counsel', capacity: null, language: 'de' },
    { displayName: 'Lucia Bianchi', role: 'interpreter', capacity: null, language: 'it', interprets: { from: 'de', into: 'it' } },
    { displayName: 'Paolo Conti', role: 'interpreter', capacity: null, language: 'it', interprets: { from: 'de', into: 'it' } },
    { displayName: 'Klaus Weber', role: 'interpreter', capacity: null, language: 'de', interprets: { from: 'it', into: 'de' } },
  ] as const;
  for (const person of people) await store.participants.create({ hearingId: hearing.id, ...person });
  await store.events.append(hearing.id, { type: 'hearing.created', actorId: null, data: { source: 'demo' } });
  return hearing.id;
}

export async function issueDemoLinks(store: Store, tokens: JoinTokens, hearingId: string, publicUrl: string, ttlMinutes: number): Promise<DemoLink[]> {
  const notBefore = new Date(Date.now() - 60_000);
  const expiresAt = new Date(Date.now() + ttlMinutes * 60_000);
  const links: DemoLink[] = [];
  const participants = await store.participants.listByHearing(hearingId);
  participants.sort((a, b) => ROLES.indexOf(a.role) - ROLES.indexOf(b.role));
  for (const participant of participants) {
    const { token } = await tokens.issue(participant, { notBefore, expiresAt });
    links.push({ participant, url: joinUrl(publicUrl, hearingId, token) });
  }
  return links;
}

export function joinUrl(publicUrl: string, hearingId: string, token: string): string {
  return `${publicUrl}/join/${hearingId}#token=${token}`;
}
