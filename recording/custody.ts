/**
 * The custody log of a recording: every access, playback, export and verification is appended to the
 * hearing's record (catalogued as `recording.accessed`, `.played`, `.exported`, `.verified`), with who
 * — the participant whose link was presented, or for a command on the server the operating-system
 * account that ran it — and when (the entry's time). The record's chain makes the log as
 * tamper-evident as the rest of the record, and the minutes page lists it.
 */
import { userInfo } from 'node:os';
import type { HearingEventData } from '../courtroom/index.js';
import type { HearingEvent, Store } from '../store/index.js';

export const CUSTODY_EVENT_TYPES = ['recording.accessed', 'recording.played', 'recording.exported', 'recording.verified'] as const;
export type CustodyEventType = (typeof CUSTODY_EVENT_TYPES)[number];

/** Who acts: a participant of the hearing (through the page), or the account running a command. */
export type Custodian = { participantId: string } | { operator: string };

/** The account this process runs under, for entries made by a command. */
export function commandOperator(): Custodian {
  let name = 'unknown';
  try {
    name = userInfo().username || name;
  } catch {
    // No entry in the password database (a container's numeric user): the uid names it.
    name = `uid ${process.getuid?.() ?? '?'}`;
  }
  return { operator: name.slice(0, 100) };
}

type Detail<T extends CustodyEventType> = Omit<HearingEventData<T>, 'via' | 'operator'>;

export async function logCustody<T extends CustodyEventType>(
  store: Store,
  hearingId: string,
  type: T,
  by: Custodian,
  detail: Detail<T>,
): Promise<HearingEvent> {
  const participant = 'participantId' in by;
  return store.events.append(hearingId, {
    type,
    actorId: participant ? by.participantId : null,
    data: { ...detail, via: participant ? 'page' : 'command', ...(participant ? {} : { operator: by.operator }) },
  });
}
