/**
 * The public gallery over HTTP, for observers without an account (courtroom/gallery.ts decides when
 * it is open, sfu/gallery.ts carries it):
 *   POST   /hearings/:id/gallery              the presiding judge or the requested-state officer: the
 *                                             gallery's address to publish, and how many watch now
 *   GET    /gallery/:ticket                   the gallery page
 *   POST   /gallery/:ticket/observers         a place in the gallery: the router's capabilities and
 *                                             a receiving transport
 *   POST   /gallery/:ticket/observers/:observerId/connect   {dtlsParameters}
 *   POST   /gallery/:ticket/observers/:observerId/streams   {rtpCapabilities}: the streams shown now,
 *                                             new consumers and those gone, and whose function each is;
 *                                             asked every few seconds, it is also the observer's sign of life
 *   DELETE /gallery/:ticket/observers/:observerId
 *
 * The ticket is the hearing's id with a keyed hash of it: an address nobody can make up for another
 * hearing, valid only while the court keeps the gallery open. Observers are counted, never named,
 * never recorded, and are shown each person's function, not her name.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import { functionLabel, type Participant, type Role } from '../scheduling/index.js';
import { MediaError, type Sfu } from '../sfu/index.js';
import type { Store } from '../store/index.js';
import { HttpError, parsed } from './record-http-common.js';
import type { Caller, Handle } from './recordings-http.js';

export interface GalleryDeps {
  sfu: Sfu;
  store: Store;
  /** The key the tickets are made with: the server's token secret. */
  secret: string;
  /** Whether the court holding this hearing on this server keeps its gallery open now. */
  isOpen(hearingId: string): boolean;
}

/** Observers who have not asked for their streams for this long are counted out. */
const IDLE_MS = 20_000;
const JUDGES: ReadonlySet<Role> = new Set(['presiding_judge', 'requested_officer']);
const Ticket = z.string().regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{22}$/, 'must be the gallery address the court published');
const ObserverParams = z.object({ ticket: Ticket, observerId: z.uuid() });
const Connect = z
  .object({
    dtlsParameters: z.object({
      role: z.enum(['auto', 'client', 'server']).optional(),
      fingerprints: z
        .array(z.object({ algorithm: z.string().max(20), value: z.string().max(200) }))
        .min(1)
        .max(8),
    }),
  })
  .strict();
const Streams = z
  .object({
    rtpCapabilities: z.object({
      codecs: z.array(z.record(z.string(), z.unknown())).max(50),
      headerExtensions: z.array(z.record(z.string(), z.unknown())).max(50).optional(),
    }),
  })
  .strict();

/** Places one address may take a minute. */
const PLACES_PER_MINUTE = 6;

/** A fixed window per address, forgotten after it: counts only, no address kept longer than a minute. */
class PlacesPerAddress {
  private window = 0;
  private readonly taken = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  take(address: string, now = Date.now()): boolean {
    const window = Math.floor(now / 60_000);
    if (window !== this.window) {
      this.window = window;
      this.taken.clear();
    }
    const count = (this.taken.get(address) ?? 0) + 1;
    this.taken.set(address, count);
    return count <= this.perMinute;
  }
}

export function galleryTicket(secret: string, hearingId: string): string {
  return `${hearingId}.${createHmac('sha256', secret).update(`gallery:${hearingId}`).digest('base64url').slice(0, 22)}`;
}

export function mountGalleryRoutes(router: Router, deps: GalleryDeps, caller: Caller, handle: Handle): void {
  const places = new PlacesPerAddress(PLACES_PER_MINUTE);
  /** The hearing a ticket opens, while its gallery is open; refused in words otherwise. */
  const openGallery = (ticket: string) => {
    const hearingId = ticket.slice(0, 36);
    const expected = Buffer.from(galleryTicket(deps.secret, hearingId));
    if (expected.length !== ticket.length || !timingSafeEqual(expected, Buffer.from(ticket))) {
      throw new HttpError(404, 'not_found', 'path.ticket: this is not the address of a public gallery.', 'path.ticket');
    }
    const gallery = deps.sfu.existingGallery(hearingId);
    if (!deps.isOpen(hearingId) || !gallery) throw new HttpError(409, 'gallery_closed', 'The public gallery of this hearing is closed.');
    gallery.sweep(IDLE_MS);
    return { hearingId, gallery };
  };
  const media = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      if (error instanceof MediaError) throw new HttpError(error.code === 'gallery_full' ? 503 : 409, error.code, error.message);
      throw error;
    }
  };

  router.post(
    '/hearings/:id/gallery',
    handle(async (req, res) => {
      const { hearingId } = await caller(req, JUDGES, 'publish the public gallery');
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        open: deps.isOpen(hearingId),
        path: `/gallery/${galleryTicket(deps.secret, hearingId)}`,
        observers: deps.sfu.existingGallery(hearingId)?.observerCount ?? 0,
      });
    }),
  );

  router.post(
    '/gallery/:ticket/observers',
    handle(async (req, res) => {
      const { gallery } = openGallery(parsed(z.object({ ticket: Ticket }), req.params, 'path').ticket);
      // One address does not fill the gallery: a few places a minute each, enough for a household's devices and reloads.
      if (!places.take(req.ip ?? 'unknown')) throw new HttpError(429, 'too_many_places', 'Too many places asked for from this address: wait a minute.');
      res.setHeader('Cache-Control', 'no-store');
      res.status(201).json(await media(() => gallery.admit()));
    }),
  );

  router.post(
    '/gallery/:ticket/observers/:observerId/connect',
    express.json({ limit: '2kb' }),
    handle(async (req, res) => {
      const { ticket, observerId } = parsed(ObserverParams, req.params, 'path');
      const { dtlsParameters } = parsed(Connect, req.body, 'body');
      const { gallery } = openGallery(ticket);
      await media(() => gallery.connect(observerId, dtlsParameters as Parameters<typeof gallery.connect>[1]));
      res.json({});
    }),
  );

  router.post(
    '/gallery/:ticket/observers/:observerId/streams',
    express.json({ limit: '16kb' }),
    handle(async (req, res) => {
      const { ticket, observerId } = parsed(ObserverParams, req.params, 'path');
      const { rtpCapabilities } = parsed(Streams, req.body, 'body');
      const { hearingId, gallery } = openGallery(ticket);
      const changes = await media(() => gallery.streams(observerId, rtpCapabilities as Parameters<typeof gallery.streams>[1]));
      const people = new Map((await deps.store.participants.listByHearing(hearingId)).map((p: Participant) => [p.id, p]));
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        ...changes,
        added: changes.added.map((s) => {
          const owner = people.get(s.ownerId);
          return { ...s, ownerFunction: owner ? functionLabel(owner.role, owner.capacity) : '' };
        }),
        observers: gallery.observerCount,
      });
    }),
  );

  router.delete(
    '/gallery/:ticket/observers/:observerId',
    handle(async (req, res) => {
      const { ticket, observerId } = parsed(ObserverParams, req.params, 'path');
      const hearingId = ticket.slice(0, 36);
      if (ticket === galleryTicket(deps.secret, hearingId)) deps.sfu.existingGallery(hearingId)?.leave(observerId);
      res.status(204).end();
    }),
  );
}
