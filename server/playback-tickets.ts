/**
 * Short-lived tickets for a recorded track's media address. A media element fetches its `src` itself,
 * byte range by byte range, and cannot send the link's token as a header; so the page exchanges its
 * token (presented as a header) for a ticket bound to one person, hearing, recording, track and channel,
 * valid TICKET_SECONDS, signed under a key that exists only in this process's memory, and gives the
 * element the media address with the ticket. A ticket opens nothing else, and nothing after it expires
 * or the server restarts (the page asks again).
 */
import { randomBytes } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';

export const TICKET_SECONDS = 600;
const AUDIENCE = 'hearing-room.playback';

export interface TicketClaims {
  participantId: string;
  hearingId: string;
  recordingId: string;
  trackId: string;
  channel: string;
  /**
   * The segments the track had when the ticket was issued: a recording still running gains segments,
   * and every range asked with one ticket must come from one and the same file.
   */
  segments: number;
}

const Claims = z.object({
  sub: z.string().min(1),
  hearing: z.string().min(1),
  recording: z.string().min(1),
  track: z.string().min(1),
  channel: z.string().min(1),
  segments: z.number().int().min(1),
});

export class PlaybackTickets {
  private readonly key = randomBytes(32);

  issue(claims: TicketClaims): { ticket: string; expiresAt: string } {
    const ticket = jwt.sign(
      { hearing: claims.hearingId, recording: claims.recordingId, track: claims.trackId, channel: claims.channel, segments: claims.segments },
      this.key,
      { algorithm: 'HS256', subject: claims.participantId, audience: AUDIENCE, expiresIn: TICKET_SECONDS },
    );
    return { ticket, expiresAt: new Date(Date.now() + TICKET_SECONDS * 1000).toISOString() };
  }

  /** The claims of a ticket this process issued and that has not expired; undefined otherwise. */
  verify(ticket: string): TicketClaims | undefined {
    try {
      const payload = Claims.parse(jwt.verify(ticket, this.key, { algorithms: ['HS256'], audience: AUDIENCE }));
      return {
        participantId: payload.sub,
        hearingId: payload.hearing,
        recordingId: payload.recording,
        trackId: payload.track,
        channel: payload.channel,
        segments: payload.segments,
      };
    } catch {
      return undefined;
    }
  }
}
