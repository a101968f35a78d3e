/**
 * Documents shared in a private consultation, on the server: only the consultation's members put and
 * get them, while it lasts; the server keeps the bytes it was given (the browsers seal them; it has no
 * key) and writes nothing of them into the record; they go when the consultation ends. The sealing
 * itself, and the pages that open the documents, are in test/browser/consultation.test.ts.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { COURTROOM_CAST } from '../support/people.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { ask, enterWith, type TestSocket } from '../support/socket-client.js';
import { until } from '../support/until.js';

describe('documents shared in a private consultation', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: TestSocket[] = [];
  let consultationId = '';
  /** The first document counsel shared, kept until the consultation ends. */
  let shared = '';
  let witness: TestSocket;
  let counsel: TestSocket;
  const id = (name: string) => court.people[name]!.id;
  const enter = (name: string, canSeal = false) => enterWith(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id }, sockets, canSeal);
  const address = (documentId: string, consultation = consultationId) =>
    `${server.url}/hearings/${court.hearing.id}/consultations/${consultation}/documents/${documentId}`;
  const put = (as: string, documentId: string, body: Buffer | string, type = 'application/octet-stream') =>
    fetch(address(documentId), {
      method: 'PUT',
      headers: { Authorization: `Bearer ${court.people[as]!.token}`, 'Content-Type': type },
      body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]),
    });
  const get = (as: string, documentId: string, consultation = consultationId) =>
    fetch(address(documentId, consultation), { headers: { Authorization: `Bearer ${court.people[as]!.token}` } });

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([...COURTROOM_CAST]);
    const judge = await enter('Judge');
    witness = await enter('Witness', true);
    counsel = await enter('Counsel', true);
    for (const name of ['Witness', 'Counsel']) assert.equal((await ask(judge, 'court:admit', { participantId: id(name) })).ok, true);
    assert.equal((await ask(counsel, 'court:consult', { withParticipantIds: [id('Witness')] })).ok, true);
    consultationId = (await server.store.events.list(court.hearing.id)).find((e) => e.type === 'consultation.started')!.data.consultationId as string;
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('counsel stores a sealed document, the person he assists gets the same bytes, and is told its id through the relay', async () => {
    const documentId = randomUUID();
    shared = documentId;
    const sealed = randomBytes(5000);
    const stored = await put('Counsel', documentId, sealed);
    assert.equal(stored.status, 201, await stored.clone().text());
    const told = new Promise<{ from: string; message: { kind: string; documentId?: string } }>((resolve) => witness.once('consultation:key', resolve));
    assert.equal((await ask(counsel, 'consultation:relay', { consultationId, to: id('Witness'), message: { kind: 'document', documentId } })).ok, true);
    const message = await told;
    assert.deepEqual(message.message, { kind: 'document', documentId });
    assert.equal(message.from, id('Counsel'));
    const fetched = await get('Witness', documentId);
    assert.equal(fetched.status, 200);
    assert.equal(fetched.headers.get('x-shared-by'), id('Counsel'));
    assert.equal(fetched.headers.get('cache-control'), 'no-store');
    assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), sealed);
    // A page that comes back (or got the key after the announcement) catches up from the list: ids and who shared, nothing else.
    const listed = await fetch(`${server.url}/hearings/${court.hearing.id}/consultations/${consultationId}/documents`, {
      headers: { Authorization: `Bearer ${court.people.Witness!.token}` },
    });
    assert.equal(listed.status, 200);
    const { documents } = (await listed.json()) as { documents: { id: string; sharedBy: string; sharedAt: string }[] };
    assert.deepEqual(
      documents.map(({ id, sharedBy }) => ({ id, sharedBy })),
      [{ id: documentId, sharedBy: id('Counsel') }],
    );
    assert.deepEqual(Object.keys(documents[0]!).sort(), ['id', 'sharedAt', 'sharedBy']);
  });

  it('nobody outside the consultation gets a document, nor learns that one exists', async () => {
    const documentId = randomUUID();
    assert.equal((await put('Witness', documentId, randomBytes(100))).status, 201);
    const judge = await get('Judge', documentId);
    assert.equal(judge.status, 403, 'the judge may not open a consultation’s documents');
    assert.match(((await judge.json()) as { message: string }).message, /person heard, counsel/);
    assert.equal((await get('Observer', documentId)).status, 403);
    assert.equal((await put('Judge', randomUUID(), randomBytes(100))).status, 403);
    // Counsel in no consultation asks about another one: "not found", as for a consultation that never was.
    assert.equal((await get('Counsel', documentId, randomUUID())).status, 404);
    assert.equal((await fetch(address(documentId))).status, 401, 'no link, nothing');
  });

  it('what is not a sealed document, or a second one under the same id, is refused naming the field', async () => {
    const answer = async (response: Response) => ({
      status: response.status,
      ...((await response.json()) as { code: string; field?: string; message: string }),
    });
    const wrongType = await answer(await put('Counsel', randomUUID(), '{"title":"x"}', 'application/json'));
    assert.deepEqual([wrongType.status, wrongType.field], [400, 'body']);
    assert.match(wrongType.message, /application\/octet-stream/);
    const tooShort = await answer(await put('Counsel', randomUUID(), randomBytes(10)));
    assert.deepEqual([tooShort.status, tooShort.field, tooShort.message], [400, 'body', 'body: is not a sealed document']);
    const badId = await answer(await put('Counsel', 'not-an-id', randomBytes(100)));
    assert.deepEqual([badId.status, badId.field], [400, 'path.documentId']);
    const documentId = randomUUID();
    assert.equal((await put('Counsel', documentId, randomBytes(100))).status, 201);
    const again = await answer(await put('Witness', documentId, randomBytes(100)));
    assert.deepEqual([again.status, again.code], [409, 'document_exists']);
    const relayed = await ask(counsel, 'consultation:relay', { consultationId, to: id('Witness'), message: { kind: 'document', documentId: 'x' } });
    assert.equal(relayed.error?.code, 'invalid_input');
  });

  it('a consultation holds twenty documents at most, however many are sent at once', async () => {
    const { documents } = await server.store.consultationDocuments.usage(court.hearing.id, consultationId);
    const answers = await Promise.all(Array.from({ length: 30 - documents }, () => put('Counsel', randomUUID(), randomBytes(64))));
    const statuses = answers.map((a) => a.status);
    assert.equal(statuses.filter((s) => s === 201).length, 20 - documents, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 413).length, 10, JSON.stringify(statuses));
    assert.equal((await server.store.consultationDocuments.usage(court.hearing.id, consultationId)).documents, 20);
    const refused = answers.find((a) => a.status === 413)!;
    assert.match(((await refused.json()) as { message: string }).message, /as many documents as it can/);
  });

  it('when the consultation ends its documents are gone, and the record never mentions them', async () => {
    const documentId = shared;
    assert.equal((await get('Witness', documentId)).status, 200);
    assert.equal((await ask(witness, 'court:end-consultation', { consultationId })).ok, true);
    await until('the documents removed', async () => (await server.store.consultationDocuments.usage(court.hearing.id, consultationId)).documents === 0);
    assert.equal((await get('Witness', documentId)).status, 404);
    assert.equal((await put('Counsel', randomUUID(), randomBytes(100))).status, 404, 'nothing is added to an ended consultation');
    const record = JSON.stringify(await server.store.events.list(court.hearing.id));
    assert.doesNotMatch(record, new RegExp(documentId));
    assert.deepEqual(
      (await server.store.events.list(court.hearing.id)).filter((e) => e.type.startsWith('consultation.')).map((e) => e.type),
      ['consultation.started', 'consultation.ended'],
    );
  });
});
