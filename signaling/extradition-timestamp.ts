/**
 * A trusted time on the judge's ruling on a declaration of the person sought (CETS 209 Art. 4): an
 * RFC 3161 token from the court's time-stamping authority on the hash of the ruling's record entry,
 * which chains every entry before it — the information, the attestations, her answer. The token goes
 * into the record itself. The same authority as the recordings' (HEARING_ROOM_RECORDING_TSA_URL).
 */
import type { HearingEvent } from '../store/index.js';
import type { SignalingContext } from './context.js';
import type { LiveHearing } from './live-hearing.js';
import { writeToRecord } from './record-writer.js';

const ATTEMPTS = 3;

/** Whether this entry is a ruling that takes a declaration on the record (the one that binds). */
export function rulingToDate(entry: HearingEvent): boolean {
  return entry.type === 'extradition.confirmed' && (entry.data as { accepted?: boolean }).accepted === true;
}

/** Asks for the token and writes it; a time-stamping authority that cannot be reached costs the token, never the ruling. */
export async function dateRuling(ctx: SignalingContext, live: LiveHearing, ruling: HearingEvent): Promise<void> {
  const authority = ctx.recordingSetup?.timestampAuthority;
  if (!authority) return;
  const { participantId, declaration } = ruling.data as { participantId: string; declaration: 'consent_to_surrender' | 'speciality_renunciation' };
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const token = await authority.stamp(ruling.hash);
      await writeToRecord(ctx, live, null, [
        {
          type: 'extradition.timestamped',
          data: { participantId, declaration, entrySha256: ruling.hash, rulingAt: ruling.at, token: token.toString('base64') },
        },
      ]);
      return;
    } catch (error) {
      ctx.log.warn({ err: error, hearingId: live.id, seq: ruling.seq, attempt }, 'the ruling on an extradition declaration could not be time-stamped');
      if (attempt < ATTEMPTS) await new Promise((resolve) => setTimeout(resolve, 1000 * attempt));
    }
  }
}

/** Dates every accepted ruling of the hearing the record holds no token for (a server stopped before its authority answered). */
export async function dateUndatedRulings(ctx: SignalingContext, live: LiveHearing, entries: readonly HearingEvent[]): Promise<void> {
  if (!ctx.recordingSetup?.timestampAuthority) return;
  const dated = new Set(entries.filter((e) => e.type === 'extradition.timestamped').map((e) => (e.data as { entrySha256: string }).entrySha256));
  for (const ruling of entries.filter((e) => rulingToDate(e) && !dated.has(e.hash))) await dateRuling(ctx, live, ruling);
}
