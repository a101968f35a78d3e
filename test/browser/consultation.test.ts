/**
 * The private lawyer–client consultation in real Chromium: counsel and the witness see and hear
 * each other, sealed end to end between their browsers; the court receives nothing of it; a stream
 * tapped out of the SFU itself does not decode; the record holds only when it began and ended.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  accessibilityViolations,
  admit,
  assertReceivesFrom,
  enterHearing,
  launchChromium,
  receivedStreams,
  screenshot,
  type ParticipantPage,
} from '../support/browser.js';
import { pdfWithPages } from '../support/documents.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

describe('a private consultation', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: ParticipantPage;

  before(async () => {
    // The tap below plays a compromised media server: one that runs neither the server's re-sweep
    // (which would close the tapped stream within seconds) nor the test servers' watch over the SFU.
    [server, browser] = await Promise.all([startTestServer({ env: { HEARING_ROOM_MEDIA_RESWEEP_MS: '0' }, watchMedia: false }), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'accused' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url);
    counsel = await enterHearing(browser, court.people['Tom Okafor']!.url);
    await admit(judge.page, 'Maria Rossi');
    await admit(judge.page, 'Tom Okafor');
    await assertReceivesFrom(judge.page, idOf('Maria Rossi'));
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** The document counsel shared, which must be gone once the consultation ends. */
  let sharedDocument: { consultationId: string; documentId: string } | null = null;

  function idOf(name: string): string {
    return court.people[name]!.id;
  }
  const statusOf = (p: ParticipantPage) => p.page.locator('#court-status');

  it('counsel and the accused consult, encrypted between their browsers, and see and hear each other', async () => {
    await counsel.page.getByRole('button', { name: 'Consult privately' }).click();
    for (const p of [counsel, witness]) {
      await p.page.waitForFunction(() => /end-to-end encrypted/.test(document.getElementById('court-status')?.textContent ?? ''), undefined, {
        timeout: 15_000,
      });
    }
    await assertReceivesFrom(witness.page, idOf('Tom Okafor'), 30_000);
    await assertReceivesFrom(counsel.page, idOf('Maria Rossi'), 30_000);
    // Both see the same security code, derived from both public keys: nobody stands between them.
    const code = async (p: ParticipantPage) => /Security code (\d{3} \d{3})/.exec((await statusOf(p).textContent()) ?? '')?.[1];
    const [atCounsel, atWitness] = [await code(counsel), await code(witness)];
    assert.match(atCounsel ?? '', /^\d{3} \d{3}$/);
    assert.equal(atCounsel, atWitness);
    await screenshot(counsel.page, 'consultation-counsel');
    for (const p of [counsel, witness]) assert.deepEqual(await accessibilityViolations(p.page), [], 'the consultation meets WCAG 2.1 AA');
  });

  it('the court sees that they consult, and receives nothing of it', async () => {
    await judge.page.waitForFunction(() => /in private consultation/.test(document.getElementById('court-status')?.textContent ?? ''));
    assert.match((await statusOf(judge).textContent()) ?? '', /Tom Okafor and Maria Rossi in private consultation/);
    await judge.page.locator(`.tile[data-participant-id="${idOf('Maria Rossi')}"][data-consulting="true"]`).waitFor();
    const fromMembers = async () =>
      (await receivedStreams(judge.page)).filter((s) => s.participantId === idOf('Maria Rossi') || s.participantId === idOf('Tom Okafor'));
    for (let i = 0; i < 20 && (await fromMembers()).length > 0; i++) await judge.page.waitForTimeout(250);
    assert.deepEqual(await fromMembers(), [], 'the judge holds no stream of the consultation');
    await screenshot(judge.page, 'consultation-seen-by-the-court');
    assert.deepEqual(await accessibilityViolations(judge.page), [], 'the judge’s console during a consultation meets WCAG 2.1 AA');
  });

  it('counsel shares a document sealed end to end: the accused reads it on her page, the server holds only ciphertext, the court nothing', async () => {
    const panel = (p: ParticipantPage) => p.page.locator('#consultation-documents');
    await panel(counsel).waitFor();
    assert.match((await panel(counsel).textContent()) ?? '', /The court and the server cannot read them/);
    const notes = pdfWithPages('PRIVILEGED: the defence strategy', 'Second page of the defence notes');
    await panel(counsel).locator('input[type=file]').setInputFiles({ name: 'defence-notes.pdf', mimeType: 'application/pdf', buffer: notes });
    await panel(counsel).getByRole('button', { name: 'Share privately' }).click();
    await panel(counsel).getByText('You shared').waitFor();

    // Her page fetches it, opens it with the consultation's key and lists it with who shared it.
    await panel(witness).getByText('Tom Okafor shared a document').waitFor({ timeout: 15_000 });
    const item = panel(witness).locator('li', { hasText: 'defence-notes.pdf' });
    assert.match((await item.textContent()) ?? '', /shared by Tom Okafor/);
    const documentId = (await item.getAttribute('data-document-id'))!;
    await item.getByRole('button', { name: 'Open' }).click();
    // pdf.js draws the page on her page itself: dark text on white, the first of two pages.
    const canvas = panel(witness).locator('canvas.consultation-document-page[data-page="1"]');
    await canvas.waitFor({ timeout: 20_000 });
    const inked = () =>
      canvas.evaluate((c: HTMLCanvasElement) => {
        const { data } = c.getContext('2d')!.getImageData(0, 0, c.width, c.height);
        let dark = 0;
        for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++;
        return { dark, width: c.width, height: c.height };
      });
    const first = await inked();
    assert.ok(first.width >= 240 && first.height > first.width, `an A4 page in portrait: ${JSON.stringify(first)}`);
    assert.ok(first.dark > 500, `the page's text is drawn: ${JSON.stringify(first)}`);
    assert.match((await panel(witness).textContent()) ?? '', /Page 1 of 2/);
    await panel(witness).getByRole('button', { name: 'Next page' }).click();
    await panel(witness).locator('canvas.consultation-document-page[data-page="2"]').waitFor();
    assert.equal(await panel(witness).getByRole('link').count(), 0, 'nothing to download');
    await panel(witness)
      .locator('.consultation-document-viewer')
      .evaluate((v) => v.scrollIntoView({ block: 'start' }));
    await screenshot(witness.page, 'consultation-document-accused');
    // On her phone, the page fits its width.
    const laptop = witness.page.viewportSize()!;
    await witness.page.setViewportSize({ width: 390, height: 844 });
    await panel(witness)
      .locator('.consultation-document-viewer')
      .evaluate((v) => v.scrollIntoView({ block: 'start' }));
    await screenshot(witness.page, 'consultation-document-accused-phone');
    await witness.page.setViewportSize(laptop);
    for (const p of [counsel, witness]) assert.deepEqual(await accessibilityViolations(p.page), [], 'the shared documents meet WCAG 2.1 AA');

    // What the server holds is ciphertext: neither the title, nor the text, nor even the PDF's header.
    const held = await server.store.consultationDocuments.get(
      court.hearing.id,
      (await server.store.events.list(court.hearing.id)).findLast((e) => e.type === 'consultation.started')!.data.consultationId as string,
      documentId,
    );
    assert.ok(held, 'the server holds the sealed document while the consultation lasts');
    assert.equal(held.sharedBy, idOf('Tom Okafor'));
    assert.ok(held.content.length > notes.length, 'sealed, with its title');
    for (const plain of ['%PDF', 'PRIVILEGED', 'defence', 'application/pdf'])
      assert.equal(held.content.includes(plain), false, `the server does not hold "${plain}"`);
    // The court is not offered it, and cannot fetch it.
    assert.equal(await judge.page.locator('#consultation-documents').isVisible(), false);
    const fromTheBench = await judge.page.evaluate(async (address) => {
      const token = new URLSearchParams(location.hash.slice(1)).get('token');
      return (await fetch(address, { headers: { Authorization: `Bearer ${token}` } })).status;
    }, `/hearings/${court.hearing.id}/consultations/${held.consultationId}/documents/${documentId}`);
    assert.equal(fromTheBench, 403);
    sharedDocument = { consultationId: held.consultationId, documentId };
  });

  it('a stream tapped out of the SFU does not decode', async () => {
    // What a compromised media server could do: hand the consultation's video to someone else.
    const media = await server.sfu.hearing(court.hearing.id);
    const tapper = server.signaling.presence.get(court.hearing.id, idOf('Judge Anna Berger'))!;
    const camera = media.producers().find((p) => p.participantId === idOf('Maria Rossi') && p.source === 'camera')!;
    const tapped = await media.consume(tapper.participant.id, camera.producerId, tapper.rtpCapabilities!);
    await tapper.socket.timeout(5000).emitWithAck('consumer:new', tapped);
    await media.resumeConsumer(tapper.participant.id, tapped.consumerId);

    const sample = async () => (await receivedStreams(judge.page)).find((s) => s.participantId === idOf('Maria Rossi') && s.kind === 'video');
    await judge.page.waitForTimeout(1000);
    const first = await sample();
    await judge.page.waitForTimeout(3000);
    const second = await sample();
    assert.ok(first && second, 'the tapped stream arrived');
    assert.ok(second.bytesReceived > first.bytesReceived, 'its packets flow');
    // The frames arrive whole, and the decoder can make nothing of them. (Each sealed frame keeps
    // its few codec header bytes in the clear, so a decoder may now and then emit one frame of
    // noise; what it cannot do is show the picture.)
    const received = second.framesReceived;
    assert.ok(received >= 20, `frames kept arriving: ${JSON.stringify(second)}`);
    assert.ok(second.framesDecoded <= received * 0.05, `the tapped frames do not decode: ${second.framesDecoded} of ${received}`);
    const control = (await receivedStreams(counsel.page)).find((s) => s.participantId === idOf('Maria Rossi') && s.kind === 'video');
    assert.ok(control && control.framesDecoded >= control.framesReceived * 0.8, `counsel, holding the key, decodes them: ${JSON.stringify(control)}`);
    media.closeConsumer(tapper.participant.id, tapped.consumerId);
    tapper.socket.emit('consumer:closed', { consumerId: tapped.consumerId });
  });

  it('when the consultation ends, the court sees and hears them again, and the record holds only its times', async () => {
    await witness.page.getByRole('button', { name: 'End consultation' }).click();
    // Words meant for the lawyer never reach the court mid-sentence: both come back muted.
    for (const p of [witness, counsel]) {
      await p.page.getByRole('button', { name: 'Unmute' }).waitFor();
      await p.page.getByRole('button', { name: 'Unmute' }).click();
    }
    await assertReceivesFrom(judge.page, idOf('Maria Rossi'), 30_000);
    await assertReceivesFrom(judge.page, idOf('Tom Okafor'), 30_000);
    const entries = (await server.store.events.list(court.hearing.id)).filter((e) => e.type.startsWith('consultation.'));
    assert.deepEqual(
      entries.map((e) => e.type),
      ['consultation.started', 'consultation.ended'],
    );
    assert.deepEqual(Object.keys(entries[0]!.data).sort(), ['consultationId', 'participantIds']);
    assert.deepEqual(Object.keys(entries[1]!.data), ['consultationId']);
    // The shared document went with the consultation, from the server and from both pages.
    assert.ok(sharedDocument);
    assert.equal(await server.store.consultationDocuments.get(court.hearing.id, sharedDocument.consultationId, sharedDocument.documentId), undefined);
    for (const p of [witness, counsel]) await p.page.locator('#consultation-documents').waitFor({ state: 'hidden' });
    assert.equal(await witness.page.locator('canvas.consultation-document-page').evaluate((c: HTMLCanvasElement) => c.width), 0, 'nothing of it left drawn');
  });
});
