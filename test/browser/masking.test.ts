/**
 * Voice and face masking, as the court hears and sees it. The witness's browser has a camera whose
 * every pixel is known (a checkerboard) and a microphone that plays a steady 440 Hz tone. Before any
 * measure the judge's page receives the board and the tone. The judge orders her voice masked and
 * her picture pixelated, in the middle of the hearing: what reaches the judge through the media
 * server is no longer her picture (an even grey where the board was) nor her voice (the tone lower,
 * at two thirds to three quarters of its pitch) — the masking happens in her browser, before the
 * media leaves her device. Her own tile shows her what the others see, and her page tells her, in
 * words, that she is masked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { admit, enterHearing, LAPTOP, launchChromium, PHONE, screenshot, type ParticipantPage } from '../support/browser.js';
import { checkerVideoFile, toneFile } from '../support/media-files.js';
import { loudestTone } from '../support/sound.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

/** How much of the checkerboard a tile's picture still holds: its correlation with the board, 0 (none) to 1. */
async function boardIn(page: Page, participantId: string): Promise<number> {
  return page.evaluate((id) => {
    const video = document.querySelector<HTMLVideoElement>(`.tile[data-participant-id="${id}"] video`);
    if (!video || video.videoWidth === 0) return -1;
    // 160×90 from a 640×360 board of 16-pixel squares: squares of 4 pixels here.
    const canvas = document.createElement('canvas');
    canvas.width = 160;
    canvas.height = 90;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(video, 0, 0, 160, 90);
    const { data } = context.getImageData(0, 0, 160, 90);
    const luma: number[] = [];
    for (let i = 0; i < data.length; i += 4) luma.push(0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!);
    const mean = luma.reduce((a, b) => a + b, 0) / luma.length;
    let dot = 0;
    let power = 0;
    luma.forEach((l, i) => {
      const x = i % 160;
      const y = Math.floor(i / 160);
      const board = (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0 ? 1 : -1;
      dot += (l - mean) * board;
      power += (l - mean) ** 2;
    });
    return power === 0 ? 0 : Math.abs(dot) / Math.sqrt(power * luma.length);
  }, participantId);
}

async function until<T>(what: string, probe: () => Promise<T>, ok: (value: T) => boolean, ms = 25_000): Promise<T> {
  const deadline = Date.now() + ms;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    value = await probe();
  }
  assert.ok(ok(value), `${what}: last ${JSON.stringify(value)}`);
  return value;
}

describe('voice and face masking, applied in her browser before the media leaves it', () => {
  let server: TestServer;
  let court: TestHearing;
  let judgeBrowser: Browser;
  let witnessBrowser: Browser;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  const id = (name: string) => court.people[name]!.id;

  before(async () => {
    [server, judgeBrowser, witnessBrowser] = await Promise.all([
      startTestServer(),
      launchChromium(),
      launchChromium({ audioFile: toneFile(440), videoFile: checkerVideoFile() }),
    ]);
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    judge = await enterHearing(judgeBrowser, court.people['Judge Anna Berger']!.url, undefined, LAPTOP);
    witness = await enterHearing(witnessBrowser, court.people['Maria Rossi']!.url, undefined, PHONE);
    await admit(judge.page, 'Maria Rossi');
  });
  after(async () => {
    await witness?.close();
    await judgeBrowser?.close();
    await witnessBrowser?.close();
    await server?.close();
  });

  it('before any measure the judge sees her picture and hears her voice as they are', async () => {
    const board = await until(
      'the judge sees the board',
      () => boardIn(judge.page, id('Maria Rossi')),
      (c) => c > 0.5,
    );
    assert.ok(board > 0.5, `the board, correlation ${board.toFixed(2)}`);
    const tone = await until(
      'the judge hears the tone',
      () => loudestTone(judge.page),
      (t) => Math.abs(t.hz - 440) < 15,
    );
    assert.ok(Math.abs(tone.hz - 440) < 15, `her tone at ${tone.hz.toFixed(0)} Hz`);
    console.log(`unmasked at the judge: board correlation ${board.toFixed(3)}, voice at ${tone.hz.toFixed(0)} Hz`);
  });

  it('ordered mid-hearing: the judge receives a grey picture and a lower voice, and sees the measures in force', async () => {
    const form = judge.page.getByRole('form', { name: /Protective measures for Maria Rossi/ });
    await form.getByLabel('Mask her voice').check();
    await form.getByLabel('Her picture').selectOption('pixelate');
    await form.getByRole('button', { name: 'Apply the measures' }).click();
    const board = await until(
      'her picture masked at the judge',
      () => boardIn(judge.page, id('Maria Rossi')),
      (c) => c >= 0 && c < 0.15,
    );
    assert.ok(board < 0.15, `nothing of the board reaches the judge (correlation ${board.toFixed(2)})`);
    const tone = await until(
      'her voice masked at the judge',
      () => loudestTone(judge.page),
      (t) => t.hz > 270 && t.hz < 370 && t.overOriginalDb > 15,
    );
    assert.ok(tone.hz > 270 && tone.hz < 370, `her voice lowered to ${tone.hz.toFixed(0)} Hz`);
    assert.ok(tone.overOriginalDb > 15, `her own pitch is gone: ${tone.overOriginalDb.toFixed(1)} dB under the masked one`);
    console.log(
      `masked at the judge: board correlation ${board.toFixed(3)}, voice at ${tone.hz.toFixed(0)} Hz, ${tone.overOriginalDb.toFixed(1)} dB over 440 Hz`,
    );
    await assertHeld(judge.page, form);
    await screenshot(judge.page, 'masking-judge-laptop');
  });

  it('her page shows her what the others see and tells her she is masked', async () => {
    const own = await until(
      'her own tile masked',
      () => boardIn(witness.page, id('Maria Rossi')),
      (c) => c >= 0 && c < 0.15,
    );
    assert.ok(own < 0.15, `her own tile shows the masked picture (correlation ${own.toFixed(2)})`);
    await witness.page.getByText(/your voice is disguised and your face hidden/).waitFor({ timeout: 10_000 });
    await screenshot(witness.page, 'masking-witness-phone');
  });

  it('the media server holds only streams her page declared masked', async () => {
    const media = await server.sfu.hearing(court.hearing.id);
    const hers = media.producers().filter((p) => p.participantId === id('Maria Rossi'));
    assert.deepEqual(hers.map((p) => p.source).sort(), ['camera', 'microphone']);
    for (const stream of hers) assert.deepEqual(stream.masking, { voice: true, face: 'pixelate' }, `her ${stream.source} as her page sent it`);
    const audit = await server.signaling.auditMedia(court.hearing.id);
    assert.deepEqual(audit.unwanted, []);
  });
});

async function assertHeld(page: Page, form: ReturnType<Page['getByRole']>): Promise<void> {
  const status = await form.getByRole('status').textContent();
  assert.match(status ?? '', /Voice masked on her device/);
  assert.match(status ?? '', /Picture pixelated on her device/);
  assert.equal(
    await page
      .getByRole('form', { name: /Protective measures for Maria Rossi/ })
      .getByLabel('Mask her voice')
      .isChecked(),
    true,
  );
}
