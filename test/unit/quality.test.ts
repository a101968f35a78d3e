/**
 * Quality of participation: the arithmetic a browser does on its WebRTC statistics, and the
 * server's decisions on the reports — when a connection has crossed a threshold, when it has
 * recovered, how it looks at a glance, and what the minutes are given.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HEARING_EVENTS } from '../../courtroom/index.js';
import { QualityReport } from '../../signaling/protocol.js';
import { DEFAULT_QUALITY_POLICY, encryptionOf, QualityMonitor } from '../../signaling/quality.js';
import { endpointFrom, QualitySummariser, type StatsEntry } from '../../web/src/quality-reporter.js';

const H = 'hearing-1';
const WITNESS = 'witness-1';

/** A healthy report; each test changes what it is about. */
function report(change: Partial<QualityReport> = {}): QualityReport {
  return {
    intervalMs: 2000,
    bitrateKbps: { sendAudio: 32, sendVideo: 800, receiveAudio: 30, receiveVideo: 700 },
    lossPercent: { audioIn: 0, videoIn: 0 },
    roundTripMs: 40,
    jitterMs: 4,
    codecs: ['opus', 'VP8'],
    encryption: { dtlsCipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', srtpCipher: 'AEAD_AES_128_GCM' },
    endpoint: { browser: 'Chromium 120', os: 'Linux' },
    ...change,
  };
}

/** Feeds reports two seconds apart, as a browser sends them. */
function feeder(monitor = new QualityMonitor()) {
  let now = 1_000_000;
  return {
    monitor,
    send(r: QualityReport) {
      now += 2000;
      const seen = monitor.observe(H, WITNESS, r, now);
      assert.ok(seen, 'a report two seconds after the previous one is taken');
      return seen;
    },
  };
}

describe('the server’s monitor: thresholds and hysteresis', () => {
  it('loss above 5 % is an incident, named in words; 5 % itself is not', () => {
    const { send } = feeder();
    assert.deepEqual(send(report({ lossPercent: { audioIn: 5 } })).crossed, []);
    const [crossing, ...more] = send(report({ lossPercent: { audioIn: 12, videoIn: 3 } })).crossed;
    assert.equal(more.length, 0);
    assert.deepEqual(crossing, { metric: 'packet_loss', value: 12, threshold: 5, description: '12 % of received audio packets lost' });
  });

  it('each threshold: round trip above 400 ms, jitter above 50 ms, a video frozen for 3 s', () => {
    const { send } = feeder();
    const crossed = send(report({ roundTripMs: 480, jitterMs: 70, videoFrozenMs: 3000, lossPercent: { videoOut: 8 } })).crossed;
    assert.deepEqual(
      crossed.map((c) => [c.metric, c.value, c.threshold]),
      [
        ['packet_loss', 8, 5],
        ['round_trip_time', 480, 400],
        ['jitter', 70, 50],
        ['video_frozen', 3, 3],
      ],
    );
    assert.equal(crossed[0]!.description, '8 % of sent video packets lost');
    assert.equal(crossed[3]!.description, 'incoming video frozen for 3 s');
  });

  it('a connection that stays bad is one incident, not one per report', () => {
    const { send } = feeder();
    assert.equal(send(report({ lossPercent: { audioIn: 12 } })).crossed.length, 1);
    for (let i = 0; i < 5; i++) assert.deepEqual(send(report({ lossPercent: { audioIn: 20 - i } })).crossed, []);
  });

  it('recovery needs three reports in a row below half the threshold; then a new crossing is a new incident', () => {
    const { send } = feeder();
    send(report({ lossPercent: { audioIn: 12 } }));
    assert.deepEqual(send(report({ lossPercent: { audioIn: 1 } })).recovered, []);
    assert.deepEqual(send(report({ lossPercent: { audioIn: 1 } })).recovered, []);
    assert.deepEqual(send(report({ lossPercent: { audioIn: 1 } })).recovered, ['packet_loss']);
    assert.equal(send(report({ lossPercent: { audioIn: 9 } })).crossed.length, 1, 'bad again: a second incident');
  });

  it('a link flapping around the threshold, or between bad and good, does not flood the court', () => {
    const { send } = feeder();
    let incidents = 0;
    // 6 %, 4 %, 6 %, 4 %…: never below 2.5 %, so never recovered.
    for (let i = 0; i < 20; i++) incidents += send(report({ lossPercent: { audioIn: i % 2 ? 4 : 6 } })).crossed.length;
    // 12 %, 0 %, 12 %, 0 %…: never three good reports in a row.
    for (let i = 0; i < 20; i++) incidents += send(report({ lossPercent: { audioIn: i % 2 ? 0 : 12 } })).crossed.length;
    assert.equal(incidents, 1);
  });

  it('a report silent on a metric (no packets, no video) neither raises nor clears it', () => {
    const { send } = feeder();
    send(report({ lossPercent: { audioIn: 12 } }));
    for (let i = 0; i < 5; i++) assert.deepEqual(send(report({ lossPercent: {} })).recovered, []);
  });

  it('reports closer than a second apart are dropped', () => {
    const monitor = new QualityMonitor();
    assert.ok(monitor.observe(H, WITNESS, report(), 10_000));
    assert.equal(monitor.observe(H, WITNESS, report({ lossPercent: { audioIn: 50 } }), 10_900), null);
    assert.equal(monitor.latest(H, WITNESS)?.lossPercent.audioIn, 0, 'the dropped report changed nothing');
    assert.ok(monitor.observe(H, WITNESS, report(), 11_000));
    assert.ok(monitor.observe(H, 'someone-else', report(), 11_000), 'the limit is per participant');
  });

  it('keeps a short history', () => {
    const { send, monitor } = feeder();
    for (let i = 0; i < DEFAULT_QUALITY_POLICY.historyLength + 10; i++) send(report({ roundTripMs: i }));
    const history = monitor.history(H, WITNESS);
    assert.equal(history.length, DEFAULT_QUALITY_POLICY.historyLength);
    assert.equal(history.at(-1)?.report.roundTripMs, DEFAULT_QUALITY_POLICY.historyLength + 9);
  });

  it('thresholds can be set for a deployment', () => {
    const { send } = feeder(new QualityMonitor({ thresholds: { packet_loss: 2, round_trip_time: 400, jitter: 50, video_frozen: 3 } }));
    assert.equal(send(report({ lossPercent: { audioIn: 3 } })).crossed[0]?.threshold, 2);
  });
});

describe('the court’s view at a glance', () => {
  it('good, fair from half a threshold, poor while an incident is open', () => {
    const { send, monitor } = feeder();
    send(report());
    assert.deepEqual(monitor.glance(H)[WITNESS], { level: 'good', roundTripMs: 40, lossPercent: 0, bitrateKbps: 1562 });
    send(report({ roundTripMs: 250 }));
    assert.equal(monitor.glance(H)[WITNESS]?.level, 'fair');
    send(report({ lossPercent: { audioIn: 12 } }));
    assert.equal(monitor.glance(H)[WITNESS]?.level, 'poor');
    send(report());
    assert.equal(monitor.glance(H)[WITNESS]?.level, 'poor', 'still poor until recovered');
  });

  it('someone who left is no longer in it', () => {
    const { send, monitor } = feeder();
    send(report());
    monitor.finish(H, WITNESS);
    assert.deepEqual(monitor.glance(H), {});
  });
});

describe('the figures for the minutes', () => {
  it('are due once, at the first report with encrypted media flowing', () => {
    const { send } = feeder();
    assert.equal(send(report({ encryption: {} })).summaryDue, false, 'DTLS not yet connected');
    assert.equal(send(report({ codecs: [] })).summaryDue, false, 'no media sent or received yet');
    assert.equal(send(report()).summaryDue, true);
    assert.equal(send(report()).summaryDue, false);
  });

  it('on leaving: averages over the stay, the latest endpoint, codecs and encryption, valid for the record', () => {
    const { send, monitor } = feeder();
    send(report({ roundTripMs: 40, lossPercent: { audioIn: 0 } }));
    send(report({ roundTripMs: 60, lossPercent: { audioIn: 3 }, bitrateKbps: { sendAudio: 40, sendVideo: 600, receiveAudio: 30, receiveVideo: 500 } }));
    const summary = monitor.finish(H, WITNESS);
    assert.deepEqual(summary, {
      participantId: WITNESS,
      endpoint: { browser: 'Chromium 120', os: 'Linux' },
      codecs: ['opus', 'VP8'],
      bitrateKbps: { sendAudio: 36, sendVideo: 700, receive: 630 },
      encryption: 'AEAD_AES_128_GCM, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      roundTripMs: 50,
      packetLossPercent: 1.5,
    });
    assert.ok(HEARING_EVENTS['quality.summary'].safeParse(summary).success);
    assert.equal(monitor.finish(H, WITNESS), null, 'forgotten once left');
  });

  it('encryption is named within the 60 characters the record allows', () => {
    assert.equal(
      encryptionOf({ srtpCipher: 'AES_CM_128_HMAC_SHA1_80', dtlsCipher: 'TLS_AES_128_GCM_SHA256' }),
      'DTLS-SRTP AES_CM_128_HMAC_SHA1_80, TLS_AES_128_GCM_SHA256',
    );
    assert.equal(encryptionOf({ srtpCipher: 'AEAD_AES_256_GCM', dtlsCipher: 'X'.repeat(50) }), 'DTLS-SRTP AEAD_AES_256_GCM');
    assert.equal(encryptionOf({ dtlsCipher: 'TLS_AES_128_GCM_SHA256' }), 'not established');
  });
});

describe('the browser’s arithmetic on its statistics', () => {
  const video = (id: string, fields: Record<string, unknown>): StatsEntry => ({
    id,
    type: 'inbound-rtp',
    kind: 'video',
    trackIdentifier: `track-${id}`,
    ...fields,
  });
  const sample = (at: number, send: StatsEntry[], recv: StatsEntry[], expectedVideo: string[] = []) => ({
    at,
    send,
    recv,
    expectedVideo: new Set(expectedVideo),
  });

  it('the first sample only sets the baseline', () => {
    assert.equal(new QualitySummariser().next(sample(0, [], [])), null);
  });

  it('bitrate is the byte delta over the interval, per kind and direction', () => {
    const s = new QualitySummariser();
    const out = (bytes: number): StatsEntry[] => [
      { id: 'oa', type: 'outbound-rtp', kind: 'audio', bytesSent: bytes / 10 },
      { id: 'ov', type: 'outbound-rtp', kind: 'video', bytesSent: bytes },
    ];
    s.next(sample(1000, out(100_000), [video('v', { bytesReceived: 50_000 })]));
    const r = s.next(sample(3000, out(300_000), [video('v', { bytesReceived: 300_000 })]))!;
    assert.equal(r.intervalMs, 2000);
    // 200,000 bytes in 2 s = 800 kbit/s; 20,000 bytes = 80 kbit/s; 250,000 bytes = 1,000 kbit/s.
    assert.deepEqual(r.bitrateKbps, { sendAudio: 80, sendVideo: 800, receiveAudio: 0, receiveVideo: 1000 });
  });

  it('incoming loss is lost / (lost + received) over the interval, not since the start', () => {
    const s = new QualitySummariser();
    const audio = (received: number, lost: number): StatsEntry => ({
      id: 'a',
      type: 'inbound-rtp',
      kind: 'audio',
      packetsReceived: received,
      packetsLost: lost,
      jitter: 0.012,
    });
    s.next(sample(0, [], [audio(1000, 500)]));
    const r = s.next(sample(2000, [], [audio(1088, 512)]))!;
    assert.equal(r.lossPercent.audioIn, 12);
    assert.equal(r.jitterMs, 12);
  });

  it('outgoing loss and round trip come from the SFU’s receiver reports and the selected candidate pair', () => {
    const s = new QualitySummariser();
    const send: StatsEntry[] = [
      { id: 'r', type: 'remote-inbound-rtp', kind: 'video', fractionLost: 0.08, roundTripTime: 0.2 },
      { id: 'p1', type: 'candidate-pair', state: 'succeeded', nominated: true, currentRoundTripTime: 0.045 },
      { id: 'p2', type: 'candidate-pair', state: 'failed', nominated: false, currentRoundTripTime: 3 },
    ];
    s.next(sample(0, send, []));
    const r = s.next(sample(2000, send, []))!;
    assert.equal(r.lossPercent.videoOut, 8);
    assert.equal(r.roundTripMs, 45);
  });

  it('a stream that appears counts from zero; one that went away counts no more; counters that fall give no negative figures', () => {
    const s = new QualitySummariser();
    s.next(sample(0, [], [video('old', { bytesReceived: 900_000 })]));
    const r = s.next(sample(2000, [], [video('new', { bytesReceived: 25_000 })]))!;
    assert.equal(r.bitrateKbps.receiveVideo, 100);
    const again = s.next(sample(4000, [], [video('new', { bytesReceived: 1000 })]))!;
    assert.equal(again.bitrateKbps.receiveVideo, 0);
  });

  it('an incoming video that should move but decodes no new frame is frozen, for as long as it has been', () => {
    const s = new QualitySummariser();
    s.next(sample(0, [], [video('v', { framesDecoded: 100 })], ['track-v']));
    assert.equal(s.next(sample(2000, [], [video('v', { framesDecoded: 160 })], ['track-v']))!.videoFrozenMs, 0);
    assert.equal(s.next(sample(4000, [], [video('v', { framesDecoded: 160 })], ['track-v']))!.videoFrozenMs, 2000);
    assert.equal(s.next(sample(6000, [], [video('v', { framesDecoded: 160 })], ['track-v']))!.videoFrozenMs, 4000);
    assert.equal(s.next(sample(8000, [], [video('v', { framesDecoded: 161 })], ['track-v']))!.videoFrozenMs, 0);
  });

  it('a paused video is still, not frozen', () => {
    const s = new QualitySummariser();
    s.next(sample(0, [], [video('v', { framesDecoded: 100 })], ['track-v']));
    assert.equal(s.next(sample(2000, [], [video('v', { framesDecoded: 100 })], []))!.videoFrozenMs, undefined);
    assert.equal(s.next(sample(4000, [], [video('v', { framesDecoded: 100 })], []))!.videoFrozenMs, undefined);
    assert.equal(s.next(sample(6000, [], [video('v', { framesDecoded: 100 })], ['track-v']))!.videoFrozenMs, 0, 'the clock starts when it should move again');
  });

  it('codecs in use and the connected transport’s ciphers; names the server would refuse are left out', () => {
    const s = new QualitySummariser();
    const send: StatsEntry[] = [
      { id: 'o', type: 'outbound-rtp', kind: 'audio', codecId: 'c1', bytesSent: 0 },
      { id: 'c1', type: 'codec', mimeType: 'audio/opus' },
      { id: 'c9', type: 'codec', mimeType: 'video/H264' },
      { id: 't', type: 'transport', dtlsState: 'connected', dtlsCipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', srtpCipher: '<b>AES</b>' },
    ];
    const recv: StatsEntry[] = [video('v', { codecId: 'c2' }), { id: 'c2', type: 'codec', mimeType: 'video/VP8' }];
    s.next(sample(0, send, recv));
    const r = s.next(sample(2000, send, recv))!;
    assert.deepEqual(r.codecs, ['opus', 'VP8'], 'negotiated but unused codecs are not listed');
    assert.deepEqual(r.encryption, { dtlsCipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256' });
  });

  it('what it produces is what the server accepts', () => {
    const s = new QualitySummariser();
    const recv: StatsEntry[] = [video('v', { bytesReceived: 0, packetsReceived: 0, packetsLost: 0, framesDecoded: 0 })];
    s.next(sample(0, [], recv, ['track-v']));
    const r = s.next(
      sample(2000, [], [video('v', { bytesReceived: 1e12, packetsReceived: 10, packetsLost: 3, framesDecoded: 0 })], ['track-v']),
      endpointFrom('Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0.0.0 Safari/537.36'),
    );
    const parsed = QualityReport.safeParse(r);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal(r!.bitrateKbps.receiveVideo, 100_000, 'absurd counters are capped at the bound');
  });
});

describe('the endpoint, minimised', () => {
  it('browser name and major version, system family, nothing finer', () => {
    assert.deepEqual(
      endpointFrom('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.91 Safari/537.36 Edg/124.0.2478.67'),
      { browser: 'Microsoft Edge 124', os: 'Windows' },
    );
    assert.deepEqual(endpointFrom('Mozilla/5.0 (Macintosh; Intel Mac OS X 14.4; rv:125.0) Gecko/20100101 Firefox/125.0'), {
      browser: 'Firefox 125',
      os: 'macOS',
    });
    assert.deepEqual(
      endpointFrom('Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1'),
      { browser: 'Safari 17', os: 'iOS' },
    );
    assert.deepEqual(endpointFrom('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36'), {
      browser: 'Chrome 124',
      os: 'Android',
    });
    assert.deepEqual(
      endpointFrom(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.224 Safari/537.36 Chromium/120.0.6099.224',
      ),
      { browser: 'Chromium 120', os: 'Linux' },
    );
  });

  it('prefers the client hints where the browser gives them', () => {
    const data = {
      brands: [
        { brand: 'Not_A Brand', version: '8' },
        { brand: 'Chromium', version: '120' },
        { brand: 'Google Chrome', version: '120' },
      ],
      platform: 'Windows',
    };
    assert.deepEqual(endpointFrom('Mozilla/5.0 (X11; Linux x86_64)', data), { browser: 'Google Chrome 120', os: 'Windows' });
  });

  it('an unknown browser is left out rather than guessed', () => {
    assert.deepEqual(endpointFrom('curl/8.0'), {});
  });
});
