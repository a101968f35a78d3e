/**
 * Documents shared in a private consultation, over HTTP (the caller presents their link's token, as
 * for the bundle):
 *   PUT /hearings/:id/consultations/:consultationId/documents/:documentId   the sealed bytes
 *   GET /hearings/:id/consultations/:consultationId/documents/:documentId   the same bytes back
 *   GET /hearings/:id/consultations/:consultationId/documents               what it holds: ids, who, when
 * The sender's browser seals a document under a key only the consultation's members hold
 * (web/src/consultation-crypto.ts) and tells them its id through the key relay; each fetches and
 * opens it. The server stores ciphertext it cannot open, never learns a title or a type, and writes
 * nothing of it into the record: what passes between a lawyer and his client is not the court's.
 * Only a member of the consultation, while it lasts (read from the record, so any server answers
 * alike), may put or get; the documents go when it ends.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { CourtSession, consultationOf } from '../courtroom/index.js';
import { MAX_DOCUMENT_BYTES } from '../recording/index.js';
import { rolesThatCan } from '../signaling/index.js';
import type { Store } from '../store/index.js';
import { HttpError, Params, parsed } from './record-http-common.js';
import type { Caller, Handle } from './recordings-http.js';

const CONSULTERS = rolesThatCan('court.consult');
/** What sealing adds to a document: the IV, the tag, and the title and type sealed with it. */
const SEAL_OVERHEAD_BYTES = 4 * 1024;
const MAX_SEALED_BYTES = MAX_DOCUMENT_BYTES + SEAL_OVERHEAD_BYTES;
/** A consultation is a conversation, not a data room: enough for the papers of one case. */
export const MAX_DOCUMENTS_PER_CONSULTATION = 20;
const MAX_BYTES_PER_CONSULTATION = 4 * MAX_SEALED_BYTES;
/** AES-GCM's IV and tag: nothing sealed is shorter. */
const MIN_SEALED_BYTES = 12 + 16 + 1;

const ConsultationParams = Params.extend({ consultationId: z.uuid('must be a consultation id') });
const DocumentParams = ConsultationParams.extend({ documentId: z.uuid('must be a document id') });
interface Member {
  hearingId: string;
  participantId: string;
  consultationId: string;
}
const SealedBody = z
  .instanceof(Buffer, { message: 'send the sealed document as application/octet-stream' })
  .refine((bytes) => bytes.length >= MIN_SEALED_BYTES, 'is not a sealed document');

export function mountConsultationDocumentRoutes(router: Router, deps: { store: Store }, caller: Caller, handle: Handle): void {
  /** Whether this participant is in this consultation now, as the hearing's record has it. */
  const isMember = async (hearingId: string, participantId: string, consultationId: string) => {
    const court = CourtSession.fromRecord(await deps.store.events.list(hearingId));
    return court.state.phase !== 'ended' && consultationOf(court.state, participantId) === consultationId;
  };
  /**
   * The caller, a member of this consultation while it lasts — checked before a byte of the body is
   * read; anything else is "not found", so nobody learns that the consultation or a document exists.
   */
  const member = (what: string) => (req: Request, res: Response, next: NextFunction) => {
    void (async () => {
      const { hearingId, participant } = await caller(req, CONSULTERS, what);
      const { consultationId } = parsed(ConsultationParams, req.params, 'path');
      if (!(await isMember(hearingId, participant.id, consultationId)))
        throw new HttpError(404, 'not_found', 'You are not in that consultation: its documents are for its members only, while it lasts.');
      res.locals.member = { hearingId, participantId: participant.id, consultationId } satisfies Member;
    })().then(() => next(), next);
  };
  const memberOf = (res: Response) => res.locals.member as Member;

  router.get(
    '/hearings/:id/consultations/:consultationId/documents',
    member('open documents shared in a consultation'),
    handle(async (_req, res) => {
      const { hearingId, consultationId } = memberOf(res);
      res.set('Cache-Control', 'no-store').json({ documents: await deps.store.consultationDocuments.list(hearingId, consultationId) });
    }),
  );

  router.put(
    '/hearings/:id/consultations/:consultationId/documents/:documentId',
    member('share documents in a consultation'),
    express.raw({ type: 'application/octet-stream', limit: MAX_SEALED_BYTES }),
    handle(async (req, res) => {
      const { hearingId, participantId, consultationId } = memberOf(res);
      const { documentId } = parsed(DocumentParams, req.params, 'path');
      const content = parsed(SealedBody, req.body, 'body');
      const added = await deps.store.consultationDocuments.add(
        { id: documentId, hearingId, consultationId, sharedBy: participantId, sharedAt: new Date().toISOString(), content },
        { documents: MAX_DOCUMENTS_PER_CONSULTATION, bytes: MAX_BYTES_PER_CONSULTATION },
      );
      if (added === 'exists')
        throw new HttpError(409, 'document_exists', 'A document with that id was shared already: a shared document is never replaced.', 'path.documentId');
      if (added === 'full')
        throw new HttpError(413, 'too_many_documents', 'This consultation holds as many documents as it can: end it and begin another to share more.');
      // The consultation may have ended while the document was on its way, its documents removed
      // before this one was stored: read the record again, so none outlives its consultation.
      if (!(await isMember(hearingId, participantId, consultationId))) {
        await deps.store.consultationDocuments.remove(hearingId, documentId);
        throw new HttpError(404, 'not_found', 'The consultation ended before the document arrived: it was not kept.');
      }
      res.status(201).json({ id: documentId, size: content.length });
    }),
  );

  router.get(
    '/hearings/:id/consultations/:consultationId/documents/:documentId',
    member('open documents shared in a consultation'),
    handle(async (req, res) => {
      const { hearingId, consultationId } = memberOf(res);
      const { documentId } = parsed(DocumentParams, req.params, 'path');
      const document = await deps.store.consultationDocuments.get(hearingId, consultationId, documentId);
      if (!document) throw new HttpError(404, 'not_found', 'That document is not in your consultation.');
      res
        .set({ 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'X-Shared-By': document.sharedBy })
        .type('application/octet-stream')
        .send(document.content);
    }),
  );
}
