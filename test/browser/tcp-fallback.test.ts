/**
 * A witness behind a firewall that lets no UDP through (iptables DROP on the veth pair, both ways):
 * her browser must reach the media server over its TCP port without her doing anything, and the
 * court must see and hear her, and she them, over it.
 *
 * The server is also configured with a TURN server, as a court with one would be. No TURN server
 * can run here, so the address leads nowhere: the test shows that each browser is given TURN
 * credentials of its own (read from the RTCPeerConnection configurations the page creates) and that
 * an unreachable TURN server does not stand in the way of the TCP fallback. Relaying through a real
 * TURN server is not tested.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { toneFile } from '../support/media-files.js';
import { admit, assertReceivesFrom, enterHearing, type ParticipantPage } from '../support/browser.js';
import { createShapedLink, notRoot, type ShapedLink } from '../support/shaped-network.js';
import { startServerOn, type ServerOnAddress } from '../support/shaped-server.js';
import type { TestHearing } from '../support/server.js';

const TURN_SECRET = 'the-secret-this-court-shares-with-its-turn-server';

/** Records the ICE servers of every RTCPeerConnection the page creates or reconfigures. */
function recordIceServers(): void {
  const seen: RTCIceServer[][] = [];
  (window as unknown as { iceServersSeen: RTCIceServer[][] }).iceServersSeen = seen;
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      seen.push(structuredClone(configuration?.iceServers ?? []));
      super(configuration);
    }
  };
}

const routesOf = (page: Page) => page.evaluate(() => window.hearingRoomDiagnostics?.routes() ?? []);

describe('a witness whose network blocks UDP', { skip: notRoot }, () => {
  let link: ShapedLink;
  let running: ServerOnAddress;
  let court: TestHearing;
  let clean: Browser;
  let blocked: Browser;
  let judge: ParticipantPage;
  let witness: ParticipantPage;

  before(async () => {
    link = createShapedLink();
    running = await startServerOn(link.hostAddress, {
      HEARING_ROOM_TURN_URLS: `turn:${link.hostAddress}:3478?transport=tcp`,
      HEARING_ROOM_TURN_SECRET: TURN_SECRET,
    });
    const origin = new URL(running.server.url).origin;
    const tone = toneFile(440);
    [clean, blocked] = await Promise.all([
      link.launchChromium({ origin, insideNamespace: false, audioFile: tone }),
      link.launchChromium({ origin, insideNamespace: true, audioFile: tone }),
    ]);
    court = await running.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    link.blockUdp();
  });
  after(async () => {
    await Promise.all([clean?.close(), blocked?.close()]);
    await running?.close();
    link?.close();
  });

  it('joins over TCP without any action, and she and the judge see and hear each other', async (t) => {
    const judgeId = court.people['Judge Anna Berger']!.id;
    const witnessId = court.people['Maria Rossi']!.id;
    judge = await enterHearing(clean, court.people['Judge Anna Berger']!.url);
    witness = await enterHearing(blocked, court.people['Maria Rossi']!.url, recordIceServers);
    await admit(judge.page, 'Maria Rossi');

    await assertReceivesFrom(witness.page, judgeId, 30_000);
    await assertReceivesFrom(judge.page, witnessId, 30_000);
    const [routes, judgeRoutes] = await Promise.all([routesOf(witness.page), routesOf(judge.page)]);
    t.diagnostic(`witness: ${JSON.stringify(routes)}; judge: ${JSON.stringify(judgeRoutes)}`);
    assert.deepEqual(
      routes.map((r) => [r.direction, r.protocol]).sort(),
      [
        ['recv', 'tcp'],
        ['send', 'tcp'],
      ],
      'both of her transports run over TCP',
    );
    assert.ok(judgeRoutes.length > 0 && judgeRoutes.every((r) => r.protocol === 'udp'), 'the judge, whose network allows it, stays on UDP');

    // (mediasoup-client also opens a connection of its own, without servers, to read the browser's codecs.)
    const seen = await witness.page.evaluate(() => (window as unknown as { iceServersSeen: RTCIceServer[][] }).iceServersSeen);
    const iceServers = seen.filter((servers) => servers.length > 0);
    assert.ok(iceServers.length >= 2, `a configuration per transport: ${JSON.stringify(seen)}`);
    for (const servers of iceServers) {
      const turn = servers.find((s) => [s.urls].flat().some((u) => u.startsWith('turn:')));
      assert.ok(turn, `TURN offered to her browser: ${JSON.stringify(servers)}`);
      assert.match(String(turn.username), new RegExp(`^\\d{10}:${witnessId}$`), 'credentials of her own, with an expiry');
      assert.ok(Number(String(turn.username).split(':')[0]) > Date.now() / 1000, 'not expired');
      assert.ok(turn.credential, 'with a password');
    }
  });
});
