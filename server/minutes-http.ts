/**
 * The minutes over HTTP (the recordings beside them: `recordings-http.ts`):
 *   GET  /hearings/:id/minutes            the printable page (HTML)
 *   GET  /hearings/:id/minutes/progress   where the minutes stand (statement, signatures, transmissions), for the consoles
 *   GET  /hearings/:id/minutes.json       the minutes' canonical JSON, exactly the signed bytes once
 *                                         signed (headers X-Minutes-SHA256, and when signed
 *                                         X-Minutes-Signature and X-Minutes-Key-Id)
 *   POST /hearings/:id/minutes/statement  the officer's statement for the minutes (Art. 10(5)(a) MLA 2000):
 *                                         { identityEstablished, principlesRespected, remarks? }
 *   POST /hearings/:id/minutes/sign       the presiding judge signs with the court's key (minutes.signed)
 *   POST /hearings/:id/minutes/countersign
 *                                         the officer countersigns with her authority's key (minutes.countersigned)
 *   POST /hearings/:id/minutes/transmit   { "to": "…" } the officer records minutes.transmitted, once both signed
 *   GET  /minutes-public-keys             both public keys (JSON: court and requested, key id and PEM)
 *   GET  /minutes-public-key              the court's public key, which verifies X-Minutes-Signature (PEM)
 * The caller presents their join link's token as `Authorization: Bearer <token>`. The presiding
 * judge, the requested-state officer and the clerk may read; the officer states, the judge signs, the
 * officer countersigns and transmits. The same three may verify the recordings; only the presiding judge
 * and the requested-state officer may play them — the clerk keeps the record and may check that the
 * recording holds, but hearing or watching the testimony is for those who weigh it or answer for
 * its taking, so the clerk is not given the content. Errors are `{ code, message, field? }`.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MinutesError, renderMinutesHtml, sha256Hex, type MinutesService, type Sites } from '../record/index.js';
import type { Role } from '../scheduling/index.js';
import { OUTAGE_BODIES, PERMISSIONS, rolesThatCan, UserError, type JoinTokens } from '../signaling/index.js';
import { storeOutage, type Store } from '../store/index.js';
import type { RecordingsDeps } from './recordings-page.js';
import { HttpError, Params, parsed } from './record-http-common.js';
import { type Handle, mountRecordingRoutes } from './recordings-http.js';
import { mountConsultationDocumentRoutes } from './consultation-documents-http.js';
import { type ExhibitsDeps, mountExhibitRoutes } from './exhibits-http.js';
import { type GalleryDeps, mountGalleryRoutes } from './gallery-http.js';

const READERS = rolesThatCan('minutes.read');
const OFFICER = rolesThatCan('minutes.countersign');
const JUDGE = rolesThatCan('minutes.sign');

const Bearer = z.string().regex(/^Bearer [A-Za-z0-9_.-]+$/, 'must be "Bearer <token from your personal link>"');
const StatementBody = z
  .object({
    identityEstablished: z.boolean({ error: 'say whether you established the identity of the person heard (true or false)' }),
    principlesRespected: z.boolean({ error: 'say whether the fundamental principles of your law were respected (true or false)' }),
    remarks: z
      .string()
      .trim()
      .max(2000)
      .optional()
      .transform((r) => (r ? r : null)),
  })
  .strict()
  .refine((b) => (b.identityEstablished && b.principlesRespected) || b.remarks !== null, {
    message: 'say why, where the identity was not established or a principle was not respected',
    path: ['remarks'],
  });
/** What the judge read: the SHA-256 and the last record entry of the minutes page she opened; she signs nothing else. */
const SignBody = z
  .object({
    read: z.string().regex(/^[0-9a-f]{64}$/, 'must be the SHA-256 of the minutes you read (X-Minutes-SHA256 of the page)'),
    throughSeq: z.number().int().min(0, 'must be the last record entry of the minutes you read (X-Minutes-Through-Seq)'),
  })
  .strict();
const TransmitBody = z.object({ to: z.string().trim().min(1, 'name the requesting authority the minutes go to').max(200) }).strict();

const STATUS_OF_TOKEN_ERROR: Record<string, number> = {
  token_expired: 401,
  token_not_yet_valid: 401,
  token_invalid: 401,
  token_revoked: 401,
  wrong_hearing: 403,
  hearing_not_open: 403,
};

const STATUS_OF_MINUTES_ERROR: Record<MinutesError['code'], number> = {
  hearing_not_found: 404,
  hearing_not_ended: 409,
  statement_missing: 409,
  already_signed: 409,
  not_signed: 409,
  not_countersigned: 409,
  minutes_changed: 409,
  minutes_copy_missing: 500,
  minutes_copy_invalid: 500,
};

export interface MinutesApiDeps {
  minutes: MinutesService;
  /** Where the hearing's recordings are and the key that opens them; without it there is no verifier page. */
  recordings?: RecordingsDeps;
  tokens: JoinTokens;
  log: Logger;
  /** The hearings' bundles: where documents are kept and the key that seals them. */
  exhibits?: ExhibitsDeps;
  /** The public gallery: its media and whether the court keeps it open. */
  gallery?: GalleryDeps;
  /** Where the documents shared in private consultations wait, sealed, while they last. */
  consultations: { store: Store };
}

/** A country's English name from its ISO 3166 code, as the minutes name places. */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames('en', { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

/** Where the two authorities of a hearing sit, from its cross-border request when it has one. */
export function sitesFromRequests(store: Store): (hearingId: string) => Promise<Sites | undefined> {
  return async (hearingId) => {
    const request = await store.requests.get(hearingId);
    if (!request) return undefined;
    const [requesting, requested, people] = await Promise.all([
      store.authorities.get(request.requestingAuthorityId),
      store.authorities.get(request.requestedAuthorityId),
      store.requests.people(hearingId),
    ]);
    const site = (a: typeof requesting) => (a ? { authority: a.name, place: countryName(a.country), timeZone: a.timeZone } : undefined);
    // Each participant was at the site of the authority that summoned them.
    const of: Record<string, 'requesting' | 'requested'> = {};
    for (const p of people) {
      if (p.authorityId === request.requestedAuthorityId) of[p.id] = 'requested';
      else if (p.authorityId === request.requestingAuthorityId) of[p.id] = 'requesting';
    }
    return { requesting: site(requesting), requested: site(requested), of } as Sites;
  };
}

export function mountMinutesApi(app: Express, deps: MinutesApiDeps): void {
  const router = express.Router();

  /** The hearing from the address, and the participant whose link the caller presents, allowed to do this. */
  const caller = async (req: Request, allowed: ReadonlySet<Role>, what: string) => {
    const { id } = parsed(Params, req.params, 'path');
    const header = req.get('authorization');
    if (header === undefined)
      throw new HttpError(401, 'unauthenticated', 'Present the token of your personal link as "Authorization: Bearer <token>".', 'header.authorization');
    const token = parsed(Bearer, header, 'header.authorization').slice('Bearer '.length);
    try {
      const { participant } = await deps.tokens.verify(token, id, { forRecord: true });
      if (!allowed.has(participant.role)) {
        throw new HttpError(403, 'forbidden', `Only ${[...allowed].map((r) => r.replace('_', ' ')).join(', ')} may ${what}.`);
      }
      return { hearingId: id, participant };
    } catch (error) {
      if (error instanceof UserError) throw new HttpError(STATUS_OF_TOKEN_ERROR[error.code] ?? 401, error.code, error.message);
      throw error;
    }
  };
  const handle: Handle = (work: (req: Request, res: Response) => Promise<void>) => (req: Request, res: Response, next: NextFunction) => {
    work(req, res).catch(next);
  };

  router.get('/minutes-public-key', (_req, res) => {
    // The key of X-Minutes-Signature, the judge's; both keys are at /minutes-public-keys.
    res.type('application/x-pem-file').send(deps.minutes.publicKeys.court.pem);
  });

  router.get('/minutes-public-keys', (_req, res) => {
    res.json(deps.minutes.publicKeys);
  });

  router.get(
    '/hearings/:id/minutes',
    handle(async (req, res) => {
      const { hearingId } = await caller(req, READERS, 'read the minutes');
      const current = await deps.minutes.current(hearingId);
      res.setHeader('Cache-Control', 'no-store');
      // Which bytes this page shows: the judge signs naming them, so she never signs minutes she has not seen.
      res.setHeader('X-Minutes-SHA256', sha256Hex(current.json));
      res.setHeader('X-Minutes-Through-Seq', String(current.minutes.record.throughSeq));
      res.type('html').send(renderMinutesHtml(current.minutes, current.status));
    }),
  );

  /** Where the minutes stand, for the consoles: statement, signature, countersignature, transmissions. */
  router.get(
    '/hearings/:id/minutes/progress',
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, READERS, 'read the minutes');
      const { status, minutes } = await deps.minutes.current(hearingId);
      res.setHeader('Cache-Control', 'no-store');
      res.json({
        // Who reads, so a page reopened after the hearing closed knows which steps are hers, and in which language.
        reader: { permissions: PERMISSIONS[participant.role], language: participant.language ?? null },
        hearing: { title: minutes.hearing.title, caseReference: minutes.hearing.caseReference },
        statementSeq: status.statementSeq ?? null,
        signed: status.signed ? { at: status.signed.at, by: status.signed.by } : null,
        countersigned: status.countersigned ? { at: status.countersigned.at, by: status.countersigned.by } : null,
        transmissions: status.transmissions.map((t) => ({ at: t.at, to: t.to })),
        requestingAuthority: minutes.sites.requesting?.authority ?? null,
      });
    }),
  );

  router.get(
    '/hearings/:id/minutes.json',
    handle(async (req, res) => {
      const { hearingId } = await caller(req, READERS, 'read the minutes');
      const current = await deps.minutes.current(hearingId);
      res.setHeader('Cache-Control', 'no-store');
      if (current.signature) {
        res.setHeader('X-Minutes-SHA256', current.signature.sha256);
        res.setHeader('X-Minutes-Signature', current.signature.signature);
        res.setHeader('X-Minutes-Key-Id', current.signature.keyId);
      }
      if (current.status.countersigned) {
        res.setHeader('X-Minutes-Countersignature', current.status.countersigned.signature);
        res.setHeader('X-Minutes-Countersignature-Key-Id', current.status.countersigned.keyId);
      }
      res.type('application/json').send(current.json);
    }),
  );

  mountRecordingRoutes(router, deps, caller, handle);
  if (deps.exhibits) mountExhibitRoutes(router, deps.exhibits, caller, handle);
  mountConsultationDocumentRoutes(router, deps.consultations, caller, handle);
  if (deps.gallery) mountGalleryRoutes(router, deps.gallery, caller, handle);

  router.post(
    '/hearings/:id/minutes/statement',
    express.json({ limit: '8kb' }),
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, OFFICER, 'make the statement for the minutes');
      const statement = parsed(StatementBody, req.body ?? {}, 'body');
      const entry = await deps.minutes.state(hearingId, participant.id, statement);
      res.json({ seq: entry.seq, at: entry.at });
    }),
  );

  router.post(
    '/hearings/:id/minutes/sign',
    express.json({ limit: '1kb' }),
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, JUDGE, 'sign the minutes');
      const { read, throughSeq } = parsed(SignBody, req.body ?? {}, 'body');
      res.json(await deps.minutes.sign(hearingId, participant.id, { sha256: read, throughSeq }));
    }),
  );

  router.post(
    '/hearings/:id/minutes/countersign',
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, OFFICER, 'countersign the minutes');
      res.json(await deps.minutes.countersign(hearingId, participant.id));
    }),
  );

  router.post(
    '/hearings/:id/minutes/transmit',
    express.json({ limit: '4kb' }),
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, OFFICER, 'transmit the minutes');
      const { to } = parsed(TransmitBody, req.body ?? {}, 'body');
      const { signature, countersignature, transmitted } = await deps.minutes.transmit(hearingId, participant.id, to);
      res.json({ signature, countersignature, transmitted: { seq: transmitted.seq, at: transmitted.at, to, sha256: signature.sha256 } });
    }),
  );

  router.use((error: unknown, req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    if (error instanceof HttpError) {
      return res
        .status(error.status)
        .json(error.field === undefined ? { code: error.code, message: error.message } : { code: error.code, message: error.message, field: error.field });
    }
    if (error instanceof MinutesError) return res.status(STATUS_OF_MINUTES_ERROR[error.code]).json({ code: error.code, message: error.message });
    const type = (error as { type?: unknown } | null)?.type;
    if (type === 'entity.parse.failed') return res.status(400).json({ code: 'invalid_input', message: 'body: is not valid JSON', field: 'body' });
    if (type === 'entity.too.large') return res.status(413).json({ code: 'invalid_input', message: 'body: is too large', field: 'body' });
    const outage = storeOutage(error);
    if (outage) {
      deps.log.error(
        { err: error, outage },
        `the court record cannot be written: ${outage === 'disk_full' ? 'the database disk is full' : 'the database is unreachable'}`,
      );
      return res.status(503).json(OUTAGE_BODIES[outage]);
    }
    deps.log.error({ err: error, path: req.path }, 'minutes request failed');
    return res.status(500).json({ code: 'internal_error', message: 'Something went wrong on the server. Try again; the operator has been told.' });
  });
  app.use(router);
}
