/**
 * The recordings over HTTP, beside the minutes (`minutes-http.ts`, which mounts them and checks the
 * caller's link the same way):
 *   GET  /hearings/:id/recordings/verification
 *                                         every recording of the hearing verified now, decrypted with
 *                                         the installation's key (HTML, or JSON when asked for), each
 *                                         check recorded in the hearing's record (custody)
 *
 *   GET  /hearings/:id/recordings/playback
 *                                         the recordings laid out for playback (JSON: each track's
 *                                         segments, where they sit in its file and on the recording's clock)
 *   POST /hearings/:id/recordings/:recordingId/tracks/:trackId/ticket?channel=floor|<language>
 *                                         a media address for a media element, with a ticket valid
 *                                         10 minutes for that track and channel (playback-tickets.ts)
 *   GET  /hearings/:id/recordings/:recordingId/tracks/:trackId/media?channel=…[&ticket=…]
 *                                         one track as one playable file, served by byte range (made
 *                                         once and kept encrypted: playback-cache.ts); each viewing is
 *                                         recorded (recording.played, with who, which track and what
 *                                         was being listened to)
 *
 * The presiding judge, the requested-state officer and the clerk may verify the recordings; only the
 * presiding judge and the requested-state officer may play them — the clerk keeps the record and may
 * check that the recording holds, but hearing or watching the testimony is for those who weigh it or
 * answer for its taking. Where the court's protective order reserves a person's recording to the
 * presiding judge, her tracks are left out of the officer's playback and refused to him.
 */
import { once } from 'node:events';
import type { NextFunction, Request, Response, Router } from 'express';
import { z } from 'zod';
import type { Role } from '../scheduling/index.js';
import { logCustody } from '../recording/index.js';
import { rolesThatCan } from '../signaling/index.js';
import { HttpError, Params, parsed } from './record-http-common.js';
import { hearingRecordings, renderRecordingChecks, verifyHearingRecordings, type RecordingsDeps } from './recordings-page.js';
import { mediaType, playbackPlan, remuxTrack } from './recordings-playback.js';
import type { Participant } from '../scheduling/index.js';

const READERS = rolesThatCan('minutes.read');
const PLAYERS: ReadonlySet<Role> = new Set(['presiding_judge', 'requested_officer']);
const Name = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be letters, digits, - or _');
const MediaParams = Params.extend({ recordingId: z.string().min(1).max(100), trackId: Name });
const MediaQuery = z.object({
  channel: z
    .string()
    .regex(/^(floor|[a-z]{2,3}(-[A-Z]{2})?)$/, 'must be "floor" or a language code')
    .default('floor'),
  /** From POST …/ticket, for a media element, which cannot send the token as a header. */
  ticket: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{20,2000}$/, 'must be a ticket from …/ticket')
    .optional(),
});

/** The hearing from the address, and the participant whose link the caller presents, allowed to do this. */
export type Caller = (req: Request, allowed: ReadonlySet<Role>, what: string) => Promise<{ hearingId: string; participant: Participant }>;
export type Handle = (work: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => void;

export function mountRecordingRoutes(router: Router, deps: { recordings?: RecordingsDeps }, caller: Caller, handle: Handle): void {
  /** The participant a playback ticket was issued to, for exactly this track and channel, still allowed to play. */
  const ticketHolder = async (req: Request, ticket: string, asked: { recordingId: string; trackId: string; channel: string }) => {
    const { id } = parsed(Params, req.params, 'path');
    const claims = deps.recordings?.tickets.verify(ticket);
    if (
      !claims ||
      claims.hearingId !== id ||
      claims.recordingId !== asked.recordingId ||
      claims.trackId !== asked.trackId ||
      claims.channel !== asked.channel
    ) {
      throw new HttpError(401, 'unauthenticated', 'query.ticket: not a valid ticket for this track (they last 10 minutes): reload the page.', 'query.ticket');
    }
    const participant = await deps.recordings!.store.participants.get(claims.participantId);
    if (!participant || participant.hearingId !== id || !PLAYERS.has(participant.role))
      throw new HttpError(403, 'forbidden', "This ticket's holder may no longer play the recordings.");
    return { hearingId: id, participant, segments: claims.segments };
  };

  router.get(
    '/hearings/:id/recordings/verification',
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, READERS, 'verify the recordings');
      if (!deps.recordings) throw new HttpError(404, 'not_found', 'Recordings are not kept on this server.');
      const checks = await verifyHearingRecordings(deps.recordings, hearingId, participant.id);
      res.setHeader('Cache-Control', 'no-store');
      if (req.accepts(['html', 'json']) === 'json') {
        res.json({ recordings: checks.map((c) => ({ recordingId: c.recordingId, holds: c.report.ok, text: c.text, report: c.report })) });
      } else {
        res.type('html').send(renderRecordingChecks(hearingId, checks));
      }
    }),
  );

  router.get(
    '/hearings/:id/recordings/playback',
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, PLAYERS, 'play the recordings');
      if (!deps.recordings) throw new HttpError(404, 'not_found', 'Recordings are not kept on this server.');
      const found = await hearingRecordings(deps.recordings.dir, hearingId);
      const withheld = await withheldFrom(deps.recordings.store, hearingId, participant);
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        recordings: found.map((r) => {
          const plan = playbackPlan(r.signed.manifest);
          return { ...plan, tracks: plan.tracks.filter((t) => !withheld.has(t.participantId)) };
        }),
      });
    }),
  );

  /** A recorded track of the hearing this participant may play, or 404 naming the path, or 403 where the court reserved it. */
  const recordedTrack = async (hearingId: string, recordingId: string, trackId: string, player: Participant) => {
    if (!deps.recordings) throw new HttpError(404, 'not_found', 'Recordings are not kept on this server.');
    const recording = (await hearingRecordings(deps.recordings.dir, hearingId)).find((r) => r.signed.manifest.recordingId === recordingId);
    const track = recording?.signed.manifest.tracks.find((t) => t.trackId === trackId && t.segments.length > 0);
    if (!recording || !track) throw new HttpError(404, 'not_found', 'This hearing has no such recorded track.', 'path.trackId');
    if ((await withheldFrom(deps.recordings.store, hearingId, player)).has(track.participantId))
      throw new HttpError(403, 'forbidden', 'By a protective measure of the court, this person’s recording may be played by the presiding judge only.');
    return { ...deps.recordings, recording, track };
  };

  // The page's token, as a header, for a ticket the media element can carry in its address (playback-tickets.ts).
  router.post(
    '/hearings/:id/recordings/:recordingId/tracks/:trackId/ticket',
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, PLAYERS, 'play the recordings');
      const { recordingId, trackId } = parsed(MediaParams, req.params, 'path');
      const { channel } = parsed(MediaQuery, req.query, 'query');
      const { tickets, track } = await recordedTrack(hearingId, recordingId, trackId, participant);
      const { ticket, expiresAt } = tickets.issue({ participantId: participant.id, hearingId, recordingId, trackId, channel, segments: track.segments.length });
      const path = `/hearings/${hearingId}/recordings/${encodeURIComponent(recordingId)}/tracks/${encodeURIComponent(trackId)}/media`;
      res.setHeader('Cache-Control', 'no-store');
      res.json({ url: `${path}?${new URLSearchParams({ channel, ticket })}`, expiresAt });
    }),
  );

  router.get(
    '/hearings/:id/recordings/:recordingId/tracks/:trackId/media',
    handle(async (req, res) => {
      const { recordingId, trackId } = parsed(MediaParams, req.params, 'path');
      const { channel, ticket } = parsed(MediaQuery, req.query, 'query');
      const { hearingId, participant, segments } =
        ticket === undefined
          ? { ...(await caller(req, PLAYERS, 'play the recordings')), segments: undefined }
          : await ticketHolder(req, ticket, { recordingId, trackId, channel });
      const found = await recordedTrack(hearingId, recordingId, trackId, participant);
      const { recordingKey, store, playback, recording } = found;
      // With a ticket, the track as it was when the ticket was issued: one file for all its ranges.
      const track = segments === undefined ? found.track : { ...found.track, segments: found.track.segments.slice(0, segments) };
      const media = await playback.track(recording.signed.manifest, track, (target) =>
        remuxTrack(recording.folder, recording.signed.manifest, track, recordingKey, target),
      );
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Accept-Ranges', 'bytes');
      res.type(mediaType(track));
      // One range, as media elements ask; several, or none, get the whole file.
      const ranges = req.range(media.size, { combine: true });
      if (ranges === -1) {
        res.setHeader('Content-Range', `bytes */${media.size}`);
        throw new HttpError(416, 'range_not_satisfiable', `header.range: the track holds ${media.size} bytes`, 'header.range');
      }
      const single = Array.isArray(ranges) && ranges.type === 'bytes' && ranges.length === 1 ? ranges[0]! : undefined;
      const [start, end] = single ? [single.start, single.end] : [0, media.size - 1];
      if (single) {
        res.status(206);
        res.setHeader('Content-Range', `bytes ${start}-${end}/${media.size}`);
      }
      res.setHeader('Content-Length', String(end - start + 1));
      if (req.method === 'HEAD' || media.size === 0) return void res.end();
      // Recorded before the bytes leave, once per viewing (not per byte range): a playback that fails half-way was still an access.
      await playback.viewing(participant.id, recordingId, trackId, () =>
        logCustody(store, hearingId, 'recording.played', { participantId: participant.id }, { recordingId, trackId, channel }),
      );
      const gone = new AbortController();
      res.once('close', () => gone.abort());
      await media
        .read(start, end, async (bytes) => {
          if (res.destroyed) throw new Error('the player went away');
          if (!res.write(bytes)) await once(res, 'drain', { signal: gone.signal });
        })
        .catch((error: unknown) => {
          if (!res.destroyed) throw error;
        });
      res.end();
    }),
  );
}

/**
 * The persons whose recorded voice and picture this player may not have: where the court's latest
 * protective order for a person reserves her recording to the presiding judge, everyone else. Read
 * from the record on each request, so an order made after a ticket was issued holds at once.
 */
async function withheldFrom(store: RecordingsDeps['store'], hearingId: string, player: Participant): Promise<Set<string>> {
  if (player.role === 'presiding_judge') return new Set();
  const latest = new Map<string, boolean>();
  for (const event of await store.events.list(hearingId)) {
    if (event.type !== 'protection.set') continue;
    const order = ProtectionOrder.safeParse(event.data);
    if (order.success) latest.set(order.data.participantId, order.data.restrictRecording ?? false);
  }
  return new Set([...latest].flatMap(([id, reserved]) => (reserved ? [id] : [])));
}

const ProtectionOrder = z.object({ participantId: z.string(), restrictRecording: z.boolean().optional() });
