/**
 * The hearing's bundle over HTTP, beside the minutes (the caller presents their link's token the
 * same way):
 *   POST /hearings/:id/exhibits                  { title, content: base64 } submit a document (PDF, PNG or JPEG)
 *   GET  /hearings/:id/exhibits                  the bundle: title, type, pages, size, SHA-256, who and when
 *   GET  /hearings/:id/exhibits/:exhibitId/pages/:page
 *                                                one page as a picture, to whom may see it now
 * The court (judge, officer, clerk), counsel and the prosecution submit and see the bundle. A page is
 * served to the two judicial authorities (who look before they show), to whoever submitted it, and to those the
 * presiding judge shows it to while it is shown — read from the hearing's record, so any server
 * answers alike. Pages are pictures, never the file: nobody downloads what the court only shows.
 * Each submission is an entry of the record with the document's hash.
 */
import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import { z } from 'zod';
import { CourtSession, seesExhibit } from '../courtroom/index.js';
import {
  DocumentRefused,
  documentKind,
  MAX_DOCUMENT_BYTES,
  openDocument,
  pageCount,
  renderPage,
  sealDocument,
  sha256Of,
  type RecordingKey,
} from '../recording/index.js';
import { rolesThatCan } from '../signaling/index.js';
import type { Store } from '../store/index.js';
import { HttpError, Params, parsed } from './record-http-common.js';
import type { Caller, Handle } from './recordings-http.js';

const SUBMITTERS = rolesThatCan('exhibits.submit');
const EVERYONE = rolesThatCan('media.receive');
const JUDGES = new Set([...rolesThatCan('court.preside'), ...rolesThatCan('court.intervene')]);

const Submission = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'give the document a title')
      .max(200, 'keep the title under 200 characters')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters, so it names them.
      .regex(/^[^\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]*$/, 'must be plain text on one line'),
    content: z
      .string()
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the document in base64')
      .min(4, 'the document is empty')
      .max(Math.ceil((MAX_DOCUMENT_BYTES * 4) / 3) + 4, `the document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`),
  })
  .strict();
const PageParams = Params.extend({
  exhibitId: z.uuid('must be a document id'),
  page: z.coerce.number().int('must be a page number').min(1, 'pages count from 1'),
});

export interface ExhibitsDeps {
  store: Store;
  /** Seals each document under a key of its own, which it wraps. */
  recordingKey: RecordingKey;
}

export function mountExhibitRoutes(router: Router, deps: ExhibitsDeps, caller: Caller, handle: Handle): void {
  router.post(
    '/hearings/:id/exhibits',
    express.json({ limit: `${Math.ceil(MAX_DOCUMENT_BYTES / 1024 / 1024) * 2}mb` }),
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, SUBMITTERS, 'submit documents');
      // The bundle closes with the hearing: nothing is added to a record whose minutes may be signed.
      if ((await deps.store.events.list(hearingId)).some((e) => e.type === 'hearing.ended'))
        throw new HttpError(409, 'hearing_ended', 'The hearing has ended: documents can no longer be added to its bundle.');
      const { title, content } = parsed(Submission, req.body ?? {}, 'body');
      const bytes = Buffer.from(content, 'base64');
      if (bytes.length > MAX_DOCUMENT_BYTES)
        throw new HttpError(413, 'invalid_input', `body.content: the document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB`, 'body.content');
      let mediaType: ReturnType<typeof documentKind>;
      let pages: number;
      try {
        mediaType = documentKind(bytes);
        pages = await pageCount(bytes, mediaType);
      } catch (error) {
        if (error instanceof DocumentRefused) throw new HttpError(400, 'invalid_input', `body.content: ${error.message}`, 'body.content');
        throw error;
      }
      const exhibit = {
        id: randomUUID(),
        hearingId,
        title,
        mediaType,
        sha256: sha256Of(bytes),
        size: bytes.length,
        pages,
        submittedBy: participant.id,
        submittedAt: new Date().toISOString(),
      };
      await deps.store.exhibits.add({ ...exhibit, ...sealDocument(deps.recordingKey, exhibit.id, bytes) });
      // In the record, as the minutes' service writes what the court's state does not read: a submission is not a decision.
      await deps.store.events.append(hearingId, {
        type: 'exhibit.submitted',
        actorId: participant.id,
        data: { exhibitId: exhibit.id, title, mediaType, sha256: exhibit.sha256, pages, size: exhibit.size },
      });
      res.status(201).json(exhibit);
    }),
  );

  router.get(
    '/hearings/:id/exhibits',
    handle(async (req, res) => {
      const { hearingId } = await caller(req, SUBMITTERS, 'see the bundle');
      res.set('Cache-Control', 'no-store').json({ exhibits: await deps.store.exhibits.list(hearingId) });
    }),
  );

  router.get(
    '/hearings/:id/exhibits/:exhibitId/pages/:page',
    handle(async (req, res) => {
      const { hearingId, participant } = await caller(req, EVERYONE, 'see a document');
      const { exhibitId, page } = parsed(PageParams, req.params, 'path');
      const sealed = await deps.store.exhibits.sealed(hearingId, exhibitId);
      const events = await deps.store.events.list(hearingId);
      // The document is the one the record names: its hash there, not the store's copy of it, is what the bytes must have.
      const named = events.find((e) => e.type === 'exhibit.submitted' && (e.data as { exhibitId?: string }).exhibitId === exhibitId);
      if (!sealed || !named) throw new HttpError(404, 'not_found', 'That document is not in this hearing’s bundle.');
      // The two judicial authorities may look at any document of the bundle, to decide whether to show it.
      const previews = JUDGES.has(participant.role) || sealed.submittedBy === participant.id;
      if (!previews && !shownTo(events, exhibitId, participant)) throw new HttpError(403, 'forbidden', 'That document is not being shown to you.');
      if (page > sealed.pages) throw new HttpError(404, 'not_found', `The document has ${sealed.pages} page(s).`, 'path.page');
      let bytes: Buffer;
      try {
        bytes = openDocument(deps.recordingKey, { ...sealed, sha256: (named.data as { sha256: string }).sha256 });
      } catch {
        // Sealed bytes that do not open, or open to other bytes than the record names, are never shown.
        throw new HttpError(409, 'document_altered', 'The stored document does not match what the record names; it is not shown. Tell the court’s operator.');
      }
      const picture = await renderPage(bytes, sealed.mediaType, page, sealed.sha256);
      res
        .set({ 'Cache-Control': 'no-store', 'Content-Disposition': 'inline', 'X-Content-Type-Options': 'nosniff', 'X-Exhibit-SHA256': sealed.sha256 })
        .type(picture.type)
        .send(picture.bytes);
    }),
  );
}

/** Whether the court shows this document to this person now, as the record has it. */
function shownTo(events: Parameters<typeof CourtSession.fromRecord>[0], exhibitId: string, participant: Parameters<typeof seesExhibit>[1]): boolean {
  const court = CourtSession.fromRecord(events);
  return court.state.exhibit?.id === exhibitId && seesExhibit(court.state, participant);
}
