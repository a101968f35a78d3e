/**
 * Playback in real Chromium: a hearing recorded by the real recorder (a camera, a microphone on the
 * floor and a French interpretation channel, each a live ffmpeg test source sent into mediasoup) is
 * opened on the playback page by the presiding judge. Pressing play must advance every element
 * together (within 150 ms of where the one clock puts it) with video frames decoded, and choosing
 * French must put the channel up and the floor down, as the live page does.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MinutesSigner } from '../../record/index.js';
import { Recording, RecordingKey } from '../../recording/index.js';
import { accessibilityViolations, launchChromium, openLink, screenshot, type ParticipantPage } from '../support/browser.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import type { Browser } from 'playwright-core';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

describe('playback of a recorded hearing in the browser', () => {
  let server: TestServer;
  let hearing: TestHearing;
  let browser: Browser;
  let judge: ParticipantPage;
  const senders: ChildProcess[] = [];

  before(async () => {
    server = await startTestServer();
    hearing = await server.hearingWith([
      { name: 'Judge Weber', role: 'presiding_judge' },
      { name: 'Witness Adeyemi', role: 'person_heard', capacity: 'witness' },
    ]);
    const media = await server.sfu.hearing(hearing.hearing.id);
    const audio = await ffmpegProducer(media.router, 'audio', 44444441);
    const channel = await ffmpegProducer(media.router, 'audio', 44444442);
    const video = await ffmpegProducer(media.router, 'video', 55555551);
    senders.push(audio.ffmpeg, channel.ffmpeg, video.ffmpeg);
    const recording = await Recording.start(
      { dir: join(server.dataDir, 'recordings', 'r1'), hearingId: hearing.hearing.id, legalBasis: 'Order of the court of 3 March', segmentSeconds: 2 },
      new MinutesSigner(server.config.minutesSigningKey),
      new RecordingKey(server.config.recordingKey),
    );
    const witness = hearing.people['Witness Adeyemi']!;
    await Promise.all([
      recording.addTrack({ router: media.router, producerId: audio.producer.id, participantId: witness.id, role: 'person_heard', source: 'microphone' }),
      recording.addTrack({ router: media.router, producerId: video.producer.id, participantId: witness.id, role: 'person_heard', source: 'camera' }),
      recording.addTrack({
        router: media.router,
        producerId: channel.producer.id,
        participantId: witness.id,
        role: 'interpreter',
        source: 'interpretation',
        channel: 'fr',
      }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 7000));
    await recording.stop();
    for (const sender of senders) sender.kill('SIGKILL');
    browser = await launchChromium();
    const { token } = await server.linkFor(hearing.people['Judge Weber']!);
    judge = await openLink(browser, `${server.url}/playback/${hearing.hearing.id}#token=${token}`);
  });

  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    await judge?.close();
    await browser?.close();
    await server?.close();
  });

  it('plays every track together, video frames advancing, and a language over the floor', async () => {
    const { page } = judge;
    await page.waitForFunction(() => !(document.getElementById('play') as HTMLButtonElement).disabled, undefined, { timeout: 30_000 });
    assert.equal(await page.locator('video').count(), 1);
    assert.equal(await page.locator('audio').count(), 2);
    const sample = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLMediaElement>('video, audio')].map((m) => ({
          track: m.dataset.trackId!,
          time: m.currentTime,
          at: m.currentTime + Number(m.dataset.offset),
          paused: m.paused,
          frames: m instanceof HTMLVideoElement ? m.getVideoPlaybackQuality().totalVideoFrames : 0,
          level: m.dataset.level,
          muted: m.muted,
        })),
      );
    await page.keyboard.press('Tab');
    await page.locator('#play').focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1500);
    const first = await sample();
    await page.waitForTimeout(1500);
    const second = await sample();
    for (const [i, el] of second.entries()) {
      assert.equal(el.paused, false, `${el.track} plays`);
      assert.ok(el.time > first[i]!.time + 1, `${el.track} advances: ${first[i]!.time} → ${el.time}`);
    }
    // Each element's position put back on the recording's clock: all at the same moment of the hearing.
    const moments = second.map((e) => e.at);
    assert.ok(Math.max(...moments) - Math.min(...moments) < 0.15, `elements at recording times ${moments.join(', ')}`);
    const videoNow = second.find((e) => e.frames > 0);
    assert.ok(videoNow && videoNow.frames > (first.find((e) => e.track === videoNow.track)?.frames ?? 0) + 10, 'video frames are decoded and rise');
    const floor = second.filter((e) => e.level !== undefined && !e.track.startsWith('channel-'));
    const french = second.find((e) => e.track.startsWith('channel-'));
    assert.ok(floor.every((e) => e.level === '1' && !e.muted) && french?.muted === true, 'the floor alone sounds at first');
    await page.selectOption('#listen-choice', 'fr');
    const switched = await sample();
    assert.equal(switched.find((e) => e.track === french!.track)?.level, '0.9');
    assert.ok(
      switched.filter((e) => floor.some((f) => f.track === e.track)).every((e) => e.level === '0.1'),
      'the floor goes under the channel',
    );
    await screenshot(page, 'playback-judge');
    assert.deepEqual(await accessibilityViolations(page), [], 'the playback page meets WCAG 2.1 AA');

    // Each element fetched its track itself by byte range, with a ticket in the address: nothing was downloaded whole into the page.
    const fetched = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((r) => r.name.includes('/media?'))
        .map((r) => ({ url: r.name, status: (r as PerformanceResourceTiming & { responseStatus?: number }).responseStatus })),
    );
    const sources = await page.evaluate(() => [...document.querySelectorAll<HTMLMediaElement>('video, audio')].map((m) => m.src));
    assert.ok(
      sources.every((src) => /\/media\?channel=[a-z]+&ticket=/.test(src)),
      sources.join(', '),
    );
    assert.ok(
      fetched.length >= sources.length && fetched.every((f) => f.status === 206),
      `every media request answered with a byte range: ${JSON.stringify(fetched.map((f) => f.status))}`,
    );
    assert.equal(server.playback.made, sources.length, 'each track made playable once, however many ranges were asked for');
    const played = (await server.store.events.list(hearing.hearing.id)).filter((e) => e.type === 'recording.played');
    assert.equal(played.length, sources.length, 'one custody entry per track viewed');
  });
});
