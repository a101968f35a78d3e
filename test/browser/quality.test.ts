/**
 * Quality of participation in real Chromium: each page reports its real WebRTC statistics, the
 * judge's tiles show each connection, the record and the minutes hold the real endpoint, codecs
 * and ciphers, and a bad connection reaches the judge's screen as an alert.
 *
 * Impairing a real network (loss, a frozen picture) needs traffic shaping, which these tests do not
 * do. The alert path is driven instead by a participant connected from the test with the very
 * request a page sends, `quality:report`, carrying 12 % loss: everything from the server's
 * decision to the judge's screen is real.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import type { HearingEventData } from '../../courtroom/index.js';
import { admit, assertReceivesFrom, enterHearing, launchChromium, screenshot, type ParticipantPage } from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';

type SummaryData = HearingEventData<'quality.summary'>;

describe('quality of participation in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let counsel: TestSocket | undefined;

  before(async () => {
    [server, browser] = await Promise.all([startTestServer(), launchChromium()]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Giulia Conti', role: 'requested_officer' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      { name: 'Tom Okafor', role: 'counsel' },
    ]);
  });
  after(async () => {
    counsel?.close();
    await browser?.close();
    await server?.close();
  });

  const idOf = (name: string) => court.people[name]!.id;
  const tile = (name: string) => judge.page.locator(`.tile[data-participant-id="${idOf(name)}"]`);
  const summaries = async () =>
    (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'quality.summary').map((e) => e.data as SummaryData);

  it('the judge sees the quality of the witness’s connection on her tile, in words', async () => {
    judge = await enterHearing(browser, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(browser, court.people['Maria Rossi']!.url);
    await admit(judge.page, 'Maria Rossi');
    await assertReceivesFrom(judge.page, idOf('Maria Rossi'));
    await judge.page.waitForSelector(`.tile[data-participant-id="${idOf('Maria Rossi')}"][data-quality]`, { timeout: 15_000 });
    const mark = tile('Maria Rossi').locator('.quality-mark');
    assert.match((await mark.textContent()) ?? '', /^(Good|Fair|Poor) connection$/);
    assert.equal(await mark.isVisible(), true);
    // Fake devices on one machine: nothing should be lost.
    assert.notEqual(await tile('Maria Rossi').getAttribute('data-quality'), 'poor');
  });

  it('the record holds each participant’s real endpoint, codecs and ciphers', async () => {
    const deadline = Date.now() + 15_000;
    let found: SummaryData[] = [];
    while (Date.now() < deadline) {
      found = await summaries();
      const codecs = new Set(found.flatMap((s) => s.codecs));
      if (
        found.some((s) => s.participantId === idOf('Maria Rossi')) &&
        found.some((s) => s.participantId === idOf('Judge Anna Berger')) &&
        codecs.has('opus') &&
        codecs.has('VP8')
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    for (const name of ['Maria Rossi', 'Judge Anna Berger']) {
      const summary = found.find((s) => s.participantId === idOf(name));
      assert.ok(summary, `figures recorded for ${name}: ${JSON.stringify(found)}`);
      assert.match(summary.endpoint.browser ?? '', /Chrom/);
      assert.equal(summary.endpoint.os, 'Linux');
      // The SRTP cipher that encrypted the media, as the browser negotiated it with mediasoup.
      assert.match(summary.encryption, /AES/);
      assert.ok(summary.codecs.length > 0);
    }
    assert.ok(new Set(found.flatMap((s) => s.codecs)).has('opus') && new Set(found.flatMap((s) => s.codecs)).has('VP8'), JSON.stringify(found));
  });

  it('a participant losing 12 % of packets: the judge is alerted on screen, and the tile says poor', async () => {
    const { socket } = await join(server.url, { token: court.people['Tom Okafor']!.token, hearingId: court.hearing.id });
    counsel = socket;
    const caps = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
    assert.equal((await ask(counsel, 'hearing:enter', { rtpCapabilities: caps })).ok, true);
    await admit(judge.page, 'Tom Okafor');
    await tile('Tom Okafor').waitFor();
    const bad = {
      intervalMs: 2000,
      bitrateKbps: { sendAudio: 30, sendVideo: 0, receiveAudio: 60, receiveVideo: 900 },
      lossPercent: { audioIn: 12 },
      roundTripMs: 60,
      codecs: ['opus'],
      encryption: { srtpCipher: 'AEAD_AES_128_GCM' },
      endpoint: { browser: 'Firefox 125', os: 'Windows' },
    };
    assert.deepEqual(await ask(counsel, 'quality:report', bad), { ok: true, data: { accepted: true } });

    const alerts = judge.page.getByRole('status', { name: 'Alerts for the court' });
    await alerts.getByText('Tom Okafor: 12 % of received audio packets lost').waitFor({ timeout: 5_000 });
    await judge.page.waitForSelector(`.tile[data-participant-id="${idOf('Tom Okafor')}"][data-quality="poor"]`, { timeout: 10_000 });
    assert.equal(await tile('Tom Okafor').locator('.quality-mark').textContent(), 'Poor connection');
    assert.equal(await witness.page.locator('#quality-alerts').isVisible(), false, 'the witness is not shown the court’s alerts');
    await screenshot(judge.page, 'quality-alert-at-judge');
    // The judge dismisses the alert once read: it leaves the screen, the tile keeps its mark.
    await alerts.getByRole('button', { name: /^Dismiss the alert: Tom Okafor: 12 % of received audio packets lost/ }).click();
    await alerts.getByText('Tom Okafor: 12 % of received audio packets lost').waitFor({ state: 'detached' });
    assert.equal(await tile('Tom Okafor').locator('.quality-mark').textContent(), 'Poor connection');

    const incidents = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'quality.incident');
    assert.deepEqual(
      incidents.map((e) => e.data),
      [{ participantId: idOf('Tom Okafor'), metric: 'packet_loss', value: 12, threshold: 5 }],
    );
  });

  it('the minutes list the endpoints from the record', async () => {
    const response = await fetch(`${server.url}/hearings/${court.hearing.id}/minutes.json`, {
      headers: { authorization: `Bearer ${court.people['Officer Giulia Conti']!.token}` },
    });
    assert.equal(response.status, 200);
    const minutes = (await response.json()) as {
      technical: {
        endpoints: { name: string; browser: string | null; os: string | null; encryption: string }[];
        incidents: { name: string; metric: string }[];
      };
    };
    const witnessEndpoint = minutes.technical.endpoints.find((e) => e.name === 'Maria Rossi');
    assert.ok(witnessEndpoint, JSON.stringify(minutes.technical.endpoints));
    assert.match(witnessEndpoint.browser ?? '', /Chrom/);
    assert.equal(witnessEndpoint.os, 'Linux');
    assert.ok(minutes.technical.endpoints.some((e) => e.name === 'Tom Okafor' && e.browser === 'Firefox 125'));
    assert.deepEqual(
      minutes.technical.incidents.map((i) => [i.name, i.metric]),
      [['Tom Okafor', 'packet loss']],
    );
  });
});
