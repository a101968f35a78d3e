/**
 * A witness behind a firewall that lets through only the court's web server and its TURN server:
 * neither UDP nor TCP reaches the media server's ports from her network (test/support/shaped-network.ts,
 * `allowOnly`), so her media can flow only through the relay. The TURN server is Debian's coturn
 * (test/support/turn-server.ts), checking the REST credentials the signalling hands her against its
 * `static-auth-secret`, as a court's own coturn would.
 *
 * The court sees and hears her and she the court, both of her transports run on a relay candidate,
 * and coturn's own log shows the allocation made under her credentials. The control beside it, in
 * the same network: a server whose secret is not coturn's, so coturn refuses the credentials; the
 * witness then gets no media and her page never says she is connected. Together they show the media
 * went through the relay, and could not have gone any other way.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { toneFile } from '../support/media-files.js';
import { admit, assertReceivesFrom, enterHearing, receivedStreams, type ParticipantPage } from '../support/browser.js';
import { createShapedLink, notRoot, type ShapedLink } from '../support/shaped-network.js';
import { startServerOn, type ServerOnAddress } from '../support/shaped-server.js';
import { startTurnServer, type TurnServer } from '../support/turn-server.js';
import { wordsOf } from '../support/words.js';

const JUDGE = { name: 'Judge Anna Berger', role: 'presiding_judge' } as const;
const WITNESS = { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' } as const;

/** Keeps every RTCPeerConnection the page creates, so the test can read their statistics itself. */
function keepPeerConnections(): void {
  const kept: RTCPeerConnection[] = [];
  (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections = kept;
  const Original = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Original {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      kept.push(this);
    }
  };
}

interface SelectedPair {
  direction: 'send' | 'recv';
  state: string;
  nominated: boolean;
  candidateType: string;
  /** How the browser reaches the TURN server (udp, tcp), for a relay candidate. */
  relayProtocol: string | null;
  relayPort: number;
  remote: string;
  bytesSent: number;
  bytesReceived: number;
}

/** Each open transport's selected candidate pair, as the page's own RTCPeerConnection reports it. */
function selectedPairs(page: Page): Promise<SelectedPair[]> {
  return page.evaluate(async () => {
    const connections = (window as unknown as { peerConnections: RTCPeerConnection[] }).peerConnections;
    const pairs: SelectedPair[] = [];
    // (mediasoup-client opens and closes a connection of its own to read the browser's codecs.)
    for (const pc of connections.filter((c) => c.signalingState !== 'closed' && c.getTransceivers().length > 0)) {
      const stats = [...(await pc.getStats()).values()] as ({ id: string; type: string } & Record<string, unknown>)[];
      const transport = stats.find((s) => s.type === 'transport');
      const pair = stats.find((s) => s.id === transport?.selectedCandidatePairId);
      const local = stats.find((s) => s.id === pair?.localCandidateId);
      const remote = stats.find((s) => s.id === pair?.remoteCandidateId);
      pairs.push({
        direction: pc.getTransceivers().some((t) => t.direction === 'sendonly') ? 'send' : 'recv',
        state: String(pair?.state),
        nominated: pair?.nominated === true,
        candidateType: String(local?.candidateType),
        relayProtocol: typeof local?.relayProtocol === 'string' ? local.relayProtocol : null,
        relayPort: Number(local?.port ?? 0),
        remote: `${String(remote?.protocol)} ${String(remote?.address)}:${String(remote?.port)}`,
        bytesSent: Number(pair?.bytesSent ?? 0),
        bytesReceived: Number(pair?.bytesReceived ?? 0),
      });
    }
    return pairs;
  });
}

/** coturn's log lines about one TURN user (a participant's credentials: `<expiry>:<participant id>`). */
function turnLogFor(turn: TurnServer, participantId: string): string[] {
  const user = new RegExp(`user <\\d+:${participantId}>`);
  return turn
    .log()
    .split('\n')
    .filter((line) => user.test(line));
}

describe('a witness whose network reaches the court only through its TURN server', { skip: notRoot }, () => {
  let link: ShapedLink;
  let turn: TurnServer;
  /** The court's server, with coturn's secret. */
  let court: ServerOnAddress;
  /** A server whose secret is not the one coturn checks: its credentials are refused. */
  let misconfigured: ServerOnAddress;
  let clean: Browser;
  let behindFirewall: Browser;
  const pages: ParticipantPage[] = [];

  before(async () => {
    link = createShapedLink();
    turn = await startTurnServer({ address: link.hostAddress });
    [court, misconfigured] = await Promise.all([
      startServerOn(link.hostAddress, { HEARING_ROOM_TURN_URLS: turn.urls, HEARING_ROOM_TURN_SECRET: turn.secret }),
      startServerOn(link.hostAddress, { HEARING_ROOM_TURN_URLS: turn.urls, HEARING_ROOM_TURN_SECRET: `not-${turn.secret}-but-another-secret` }),
    ]);
    const origins = [court, misconfigured].map((s) => new URL(s.server.url).origin);
    const tone = toneFile(440);
    [clean, behindFirewall] = await Promise.all([
      link.launchChromium({ origin: origins, insideNamespace: false, audioFile: tone }),
      link.launchChromium({ origin: origins, insideNamespace: true, audioFile: tone }),
    ]);
    // Her network: the web pages (HTTP and socket.io) and the TURN server, over UDP and TCP; nothing else.
    const webPorts = [court, misconfigured].map((s) => Number(new URL(s.server.url).port));
    link.allowOnly({ tcp: [...webPorts, turn.port], udp: [turn.port] });
  });
  after(async () => {
    await Promise.all(pages.map((p) => p.close()));
    await Promise.all([clean?.close(), behindFirewall?.close()]);
    await Promise.all([court?.close(), misconfigured?.close()]);
    await turn?.close();
    link?.close();
  });

  /** A hearing on `server`: the judge on the open network, the witness behind the firewall, admitted. */
  async function judgeAdmitsWitness(server: ServerOnAddress) {
    const hearing = await server.hearingWith([JUDGE, WITNESS]);
    const judge = await enterHearing(clean, hearing.people[JUDGE.name]!.url);
    const witness = await enterHearing(behindFirewall, hearing.people[WITNESS.name]!.url, keepPeerConnections);
    pages.push(judge, witness);
    await admit(judge.page, WITNESS.name);
    return { judge, witness, judgeId: hearing.people[JUDGE.name]!.id, witnessId: hearing.people[WITNESS.name]!.id };
  }

  it('she and the judge see and hear each other through the relay', async (t) => {
    const { judge, witness, judgeId, witnessId } = await judgeAdmitsWitness(court);

    await assertReceivesFrom(witness.page, judgeId, 30_000);
    await assertReceivesFrom(judge.page, witnessId, 30_000);

    const pairs = await selectedPairs(witness.page);
    t.diagnostic(`her selected pairs: ${JSON.stringify(pairs)}`);
    assert.deepEqual(pairs.map((p) => p.direction).sort(), ['recv', 'send'], 'both of her transports are open');
    for (const pair of pairs) {
      assert.equal(pair.state, 'succeeded', `${pair.direction}: the selected pair's checks succeeded`);
      assert.ok(pair.nominated, `${pair.direction}: the selected pair is nominated`);
      assert.equal(pair.candidateType, 'relay', `${pair.direction}: her end of it is a relay candidate`);
      assert.ok(
        pair.relayPort >= turn.relayPorts.min && pair.relayPort <= turn.relayPorts.max,
        `${pair.direction}: relayed from one of coturn's relay ports (${turn.relayPorts.min}–${turn.relayPorts.max}), not ${pair.relayPort}`,
      );
    }
    assert.ok(pairs.find((p) => p.direction === 'send')!.bytesSent > 10_000, 'her camera and microphone went out through it');
    assert.ok(pairs.find((p) => p.direction === 'recv')!.bytesReceived > 10_000, "the court's came in through it");

    // coturn's side: an allocation under her own credentials, which it checked against its secret...
    const hers = turnLogFor(turn, witnessId);
    t.diagnostic(`coturn about her:\n${hers.slice(0, 8).join('\n')}`);
    assert.ok(
      hers.some((line) => /ALLOCATE processed, success/.test(line)),
      `coturn allocated a relay for her credentials; its log:\n${turn.log().slice(-3000)}`,
    );
    // ...and the permissions it opened for her towards a peer: the media server, the only one she has.
    assert.ok(
      hers.some((line) => /(CREATE_PERMISSION|CHANNEL_BIND) processed, success/.test(line)),
      `coturn let her relay send to the media server; its log:\n${turn.log().slice(-3000)}`,
    );
  });

  it('with credentials the TURN server refuses, she gets no media and her page never says she is connected', async (t) => {
    const words = await wordsOf('en');
    const { judge, witness, judgeId, witnessId } = await judgeAdmitsWitness(misconfigured);

    // The relay brought the court's media within about a second in the test above; she waits ten
    // times that. Her page never sees the connection fail outright: Chromium does not call ICE failed
    // while the media server's TCP candidate is still connecting, and the firewall drops its SYNs
    // without a word, so what she sees is the page still connecting.
    await witness.page.waitForTimeout(12_000);
    const status = await witness.page.locator('#connection-status').textContent();
    t.diagnostic(`her page says: ${status}`);
    assert.ok(
      [words('status.connecting'), words('status.mediaLost')].includes(String(status)),
      `her page says it is connecting or that the connection was lost, not connected: ${status}`,
    );

    // Nothing arrived either way: no byte of the judge at her page, none of hers at the judge's.
    const received = (await receivedStreams(witness.page)).filter((s) => s.participantId === judgeId);
    const sent = (await receivedStreams(judge.page)).filter((s) => s.participantId === witnessId);
    t.diagnostic(`at her page from the judge: ${JSON.stringify(received)}; at the judge's from her: ${JSON.stringify(sent)}`);
    assert.ok(
      received.every((s) => s.bytesReceived === 0),
      'she received nothing from the judge',
    );
    assert.ok(
      sent.every((s) => s.bytesReceived === 0),
      'the judge received nothing from her',
    );
    const pairs = await selectedPairs(witness.page);
    assert.ok(
      pairs.every((p) => p.state !== 'succeeded'),
      `no candidate pair of hers succeeded: ${JSON.stringify(pairs)}`,
    );
    // And coturn did see her, and refused her: the control fails for the reason it is meant to.
    const hers = turnLogFor(turn, witnessId);
    t.diagnostic(`coturn about her:\n${hers.slice(0, 6).join('\n')}`);
    assert.ok(
      hers.some((line) => /error 401/.test(line)) && !hers.some((line) => /ALLOCATE processed, success/.test(line)),
      `coturn refused her credentials and allocated nothing; its log:\n${turn.log().slice(-3000)}`,
    );
  });
});
