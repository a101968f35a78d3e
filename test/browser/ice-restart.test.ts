/**
 * A witness whose link goes down completely (every packet dropped both ways on her veth pair) for
 * eight, then twelve seconds, and comes back: her page must keep the transports it has — restarting
 * ICE on them when they stay down — not rejoin, and the hearing's media must flow again both ways. A rejoin would show as a second
 * `participant.entered` in the record and as new consumers in her page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { admit, assertReceivesFrom, enterHearing, receivedStreams, type ParticipantPage } from '../support/browser.js';
import { notRoot, type ShapedLink } from '../support/shaped-network.js';
import { openShapedHearing, type ShapedHearing } from '../support/shaped-hearing.js';
import type { ServerOnAddress } from '../support/shaped-server.js';
import type { TestHearing } from '../support/server.js';

const SHORT_OUTAGE_MS = 8000;
const LONG_OUTAGE_MS = 12_000;

const consumerIds = async (page: Page) => (await page.evaluate(() => window.hearingRoomDiagnostics?.receiveStats() ?? [])).map((r) => r.consumerId).sort();
const iceRestarts = (page: Page) => page.evaluate(() => window.hearingRoomDiagnostics?.iceRestarts() ?? 0);

describe('a witness whose link drops completely, then comes back', { skip: notRoot }, () => {
  let shaped: ShapedHearing;
  let link: ShapedLink;
  let running: ServerOnAddress;
  let court: TestHearing;
  let clean: Browser;
  let weak: Browser;
  let judge: ParticipantPage;
  let witness: ParticipantPage;

  before(async () => {
    shaped = await openShapedHearing([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    ({ link, running, court, clean, weak } = shaped);
  });
  after(async () => {
    await shaped?.close();
  });

  it('recovers from an 8 s and a 12 s outage without rejoining: media flows again both ways on the same consumers, the longer one with an ICE restart', async (t) => {
    const judgeId = court.people['Judge Anna Berger']!.id;
    const witnessId = court.people['Maria Rossi']!.id;
    judge = await enterHearing(clean, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(weak, court.people['Maria Rossi']!.url);
    await admit(judge.page, 'Maria Rossi');
    await assertReceivesFrom(witness.page, judgeId);
    await assertReceivesFrom(judge.page, witnessId);
    const consumersBefore = await consumerIds(witness.page);

    const outage = async (ms: number) => {
      link.cut();
      await witness.page.waitForTimeout(ms);
      // What she had decoded when the link came back: the count must go on from here on the same consumer.
      const frames = (await receivedStreams(witness.page)).find((s) => s.participantId === judgeId && s.kind === 'video')!.framesDecoded;
      link.restore();
      const restoredAt = Date.now();
      const { video } = await assertReceivesFrom(witness.page, judgeId, 45_000);
      await assertReceivesFrom(judge.page, witnessId, 30_000);
      assert.ok(video.framesDecoded > frames, `frames decoded again on the same consumer, counting on: ${frames} then ${video.framesDecoded}`);
      assert.deepEqual(await consumerIds(witness.page), consumersBefore, 'the same consumers carry the media');
      return Date.now() - restoredAt;
    };

    // Chromium notices a silent link after about seven seconds: when it comes back within the
    // restart delay after that, ICE heals by itself on the pair it had, and no restart is needed.
    const shortResumed = await outage(SHORT_OUTAGE_MS);
    const restartsAfterShort = await iceRestarts(witness.page);
    // Longer, and the page asks for new ICE parameters while the link is still down.
    const longResumed = await outage(LONG_OUTAGE_MS);
    await witness.page.waitForFunction(() => (window.hearingRoomDiagnostics?.iceRestarts() ?? 0) > 0, undefined, { timeout: 30_000 }).catch(() => undefined);
    const restarts = await iceRestarts(witness.page);
    t.diagnostic(
      `media both ways again ${shortResumed} ms after an ${SHORT_OUTAGE_MS / 1000} s outage (${restartsAfterShort} ICE restarts), ` +
        `${longResumed} ms after a ${LONG_OUTAGE_MS / 1000} s outage (${restarts} ICE restarts in all)`,
    );

    assert.ok(restarts > restartsAfterShort, 'her page restarted ICE after the long outage');
    assert.deepEqual(await consumerIds(witness.page), consumersBefore, 'the same consumers after the restart');
    await assertReceivesFrom(witness.page, judgeId);
    await assertReceivesFrom(judge.page, witnessId);
    const entries = (await running.server.store.events.list(court.hearing.id)).filter((e) => e.actorId === witnessId);
    assert.equal(entries.filter((e) => e.type === 'participant.entered').length, 1, 'she entered once');
    assert.equal(entries.filter((e) => e.type === 'participant.left').length, 0, 'and never left');
  });
});
