/**
 * The hearing's bundle over real connections: counsel submits a two-page PDF, the court keeps it
 * sealed (no readable byte in the database) and names it in the record by its hash; documents that
 * are not what they claim, or too large, or from someone who may not submit, are refused naming the
 * field; the presiding judge shows it to everyone and then to counsel alone, and each page is served
 * as a picture exactly to those it is shown to; altered bytes are never shown; the minutes list the
 * bundle and each showing with the same hash.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { join as joinPath } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Minutes } from '../../record/index.js';
import { driverFor } from '../../store/index.js';
import { pdfWithPages, solidPng } from '../support/documents.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';
import { COURTROOM_CAST } from '../support/people.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
const PDF = pdfWithPages('Exhibit A: the contract, page one', 'Exhibit A: the contract, page two');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe('documents and exhibits', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets = new Map<string, TestSocket>();
  let exhibitId: string;
  const id = (name: string) => court.people[name]!.id;
  const bearer = (name: string) => ({ authorization: `Bearer ${court.people[name]!.token}` });
  const url = (path: string) => `${server.url}/hearings/${court.hearing.id}${path}`;
  const submit = (name: string, body: unknown) =>
    fetch(url('/exhibits'), { method: 'POST', headers: { ...bearer(name), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const page = (name: string, n = 1) => fetch(url(`/exhibits/${exhibitId}/pages/${n}`), { headers: bearer(name) });
  const as = async (name: string, command: string, payload: Record<string, unknown>) =>
    (await ask(sockets.get(name)!, command as never, payload as never)) as { ok: boolean; error?: { code: string } };

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([...COURTROOM_CAST]);
  });
  after(async () => {
    for (const socket of sockets.values()) socket.close();
    await server?.close();
  });

  it('counsel submits a PDF: it is counted, hashed, sealed in the database and named in the record', async () => {
    const response = await submit('Counsel', { title: 'Exhibit A — the contract', content: PDF.toString('base64') });
    assert.equal(response.status, 201, await response.clone().text());
    const exhibit = (await response.json()) as { id: string; sha256: string; pages: number; mediaType: string; size: number };
    exhibitId = exhibit.id;
    assert.equal(exhibit.mediaType, 'application/pdf');
    assert.equal(exhibit.pages, 2);
    assert.equal(exhibit.sha256, sha256(PDF));
    const sealed = await server.store.exhibits.sealed(court.hearing.id, exhibitId);
    const stored = Buffer.from(sealed!.content, 'base64');
    assert.equal(stored.includes(Buffer.from('%PDF')), false, 'the database holds no readable PDF');
    assert.equal(stored.includes(Buffer.from('the contract')), false, 'nor a word of it');
    const entry = (await server.store.events.list(court.hearing.id)).find((e) => e.type === 'exhibit.submitted')!;
    assert.equal(entry.actorId, id('Counsel'));
    assert.equal((entry.data as { sha256: string }).sha256, sha256(PDF));
    const list = (await (await fetch(url('/exhibits'), { headers: bearer('Judge') })).json()) as { exhibits: { id: string }[] };
    assert.deepEqual(
      list.exhibits.map((e) => e.id),
      [exhibitId],
    );
  });

  it('refuses what is not a PDF or an image whatever it claims, an empty title, the person heard, and no link — naming the field', async () => {
    const text = await submit('Counsel', { title: 'Statement', content: Buffer.from('I am a PDF, honestly').toString('base64') });
    assert.equal(text.status, 400);
    assert.match(((await text.json()) as { message: string }).message, /^body\.content: The document is not a PDF, PNG or JPEG/);
    const untitled = await submit('Counsel', { title: '  ', content: PDF.toString('base64') });
    assert.equal(((await untitled.json()) as { field: string }).field, 'body.title');
    const spoofed = await submit('Counsel', { title: 'Exhibit \u202eB', content: PDF.toString('base64') });
    assert.equal(((await spoofed.json()) as { field: string }).field, 'body.title', 'a title cannot reverse the text around it');
    assert.equal((await submit('Witness', { title: 'Mine', content: PDF.toString('base64') })).status, 403);
    const anonymous = await fetch(url('/exhibits'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    assert.equal(anonymous.status, 401);
    const huge = await submit('Counsel', { title: 'Too large', content: Buffer.alloc(16 * 1024 * 1024, 1).toString('base64') });
    assert.equal(huge.status, 400);
    assert.match(((await huge.json()) as { message: string }).message, /larger than 15 MB/);
    const png = await submit('Judge', { title: 'Photograph 1', content: (await solidPng('red')).toString('base64') });
    assert.equal(((await png.json()) as { mediaType: string; pages: number }).mediaType, 'image/png');
  });

  it('a page is a picture: the judge may look before showing; the witness sees nothing until it is shown to her', async () => {
    const preview = await page('Judge');
    assert.equal(preview.status, 200);
    assert.equal(preview.headers.get('content-type'), 'image/png');
    assert.equal(preview.headers.get('cache-control'), 'no-store');
    assert.equal(preview.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(preview.headers.get('x-exhibit-sha256'), sha256(PDF));
    const picture = Buffer.from(await preview.arrayBuffer());
    assert.equal(picture.subarray(1, 4).toString('latin1'), 'PNG', 'the page as an image, not the PDF');
    assert.equal((await page('Witness')).status, 403);
  });

  it('shown to everyone in the courtroom: the witness sees both pages, the observer in the waiting room does not; to counsel alone: the witness no longer', async () => {
    for (const name of ['Judge', 'Officer', 'Witness', 'Counsel', 'Observer']) {
      const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
      sockets.set(name, socket);
      assert.equal((await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false })).ok, true);
    }
    for (const name of ['Witness', 'Counsel']) assert.equal((await as('Judge', 'court:admit', { participantId: id(name) })).ok, true);
    assert.equal((await as('Counsel', 'court:show-exhibit', { exhibitId, to: null })).error?.code, 'forbidden');
    assert.equal((await as('Judge', 'court:show-exhibit', { exhibitId: crypto.randomUUID(), to: null })).error?.code, 'unknown_exhibit');
    assert.equal((await as('Judge', 'court:show-exhibit', { exhibitId, to: null })).ok, true);
    assert.equal((await page('Witness', 1)).status, 200);
    assert.equal((await page('Witness', 2)).status, 200);
    assert.equal((await page('Witness', 3)).status, 404);
    assert.equal((await page('Observer')).status, 403, 'someone still in the waiting room is not shown it');

    assert.equal((await as('Judge', 'court:show-exhibit', { exhibitId, to: [id('Counsel')] })).ok, true);
    assert.equal((await page('Witness')).status, 403);
    assert.equal((await page('Counsel')).status, 200);
    assert.equal((await as('Judge', 'court:stop-exhibit', {})).ok, true);
    assert.equal((await page('Counsel')).status, 200, 'counsel submitted it: his own document');
    assert.equal(
      (await as('Judge', 'court:show-exhibit', { exhibitId, to: [id('Observer')] })).error?.code,
      'not_admitted',
      'nobody in the waiting room is named',
    );
    assert.equal((await as('Judge', 'court:show-exhibit', { exhibitId, to: [id('Witness')] })).ok, true);
    assert.equal((await page('Witness')).status, 200);
    assert.equal((await as('Judge', 'court:send-back', { participantId: id('Witness') })).ok, true);
    assert.equal((await page('Witness')).status, 403, 'named, but sent back to the waiting room: not shown');
    assert.equal((await as('Judge', 'court:admit', { participantId: id('Witness') })).ok, true);
    assert.equal((await as('Judge', 'court:stop-exhibit', {})).ok, true);
    assert.equal((await page('Witness')).status, 403, 'no longer shown');
  });

  it('a document whose hash in the database was changed to match other bytes is not the one the record names, and is not shown', async () => {
    const database = driverFor(`sqlite:${joinPath(server.dataDir, 'hearing-room.sqlite')}`);
    await database.run('UPDATE exhibits SET sha256 = ? WHERE id = ?', ['b'.repeat(64), exhibitId]);
    await database.close();
    const swapped = await page('Judge');
    assert.equal(swapped.status, 200, 'the bytes still have the hash the record names');
    assert.equal(swapped.headers.get('x-exhibit-sha256'), 'b'.repeat(64), 'the header says what the store claims');
    const database2 = driverFor(`sqlite:${joinPath(server.dataDir, 'hearing-room.sqlite')}`);
    await database2.run('UPDATE exhibits SET sha256 = ? WHERE id = ?', [sha256(PDF), exhibitId]);
    await database2.close();
  });

  it('bytes altered in the database are never shown', async () => {
    const sealed = (await server.store.exhibits.sealed(court.hearing.id, exhibitId))!;
    const bytes = Buffer.from(sealed.content, 'base64');
    bytes[bytes.length - 1]! ^= 0x01;
    // Someone with the database's file changes one byte of the sealed document, behind the server's back.
    const database = driverFor(`sqlite:${joinPath(server.dataDir, 'hearing-room.sqlite')}`);
    await database.run('UPDATE exhibits SET content = ? WHERE id = ?', [bytes.toString('base64'), exhibitId]);
    await database.close();
    const altered = await page('Judge');
    assert.equal(altered.status, 409);
    assert.equal(((await altered.json()) as { code: string }).code, 'document_altered');
  });

  it('the minutes list the bundle and each showing, with the hash a reader can compare', async () => {
    const response = await fetch(url('/minutes.json'), { headers: bearer('Judge') });
    const minutes = (await response.json()) as Minutes;
    const [submitted] = minutes.exhibits!.bundle;
    assert.equal(submitted!.title, 'Exhibit A — the contract');
    assert.equal(submitted!.sha256, sha256(PDF));
    assert.equal(submitted!.by, 'Counsel');
    assert.equal(minutes.exhibits!.bundle.length, 2);
    const shown = minutes.exhibits!.shown;
    assert.equal(shown.length, 3);
    assert.equal(shown[0]!.to, 'everyone in the courtroom');
    assert.match(shown[1]!.to, /Counsel/);
    assert.ok(shown.every((s) => s.sha256 === sha256(PDF) && s.until !== null));
    const html = await (await fetch(url('/minutes'), { headers: bearer('Judge') })).text();
    assert.match(html, /Documents submitted/);
    assert.match(html, new RegExp(sha256(PDF)));
  });

  it('once the hearing has ended, nothing is added to its bundle', async () => {
    assert.equal((await as('Judge', 'court:end', {})).ok, true);
    const late = await submit('Counsel', { title: 'Afterthought', content: PDF.toString('base64') });
    assert.equal(late.status, 409);
    assert.equal(((await late.json()) as { code: string }).code, 'hearing_ended');
  });
});
