/**
 * bench/gallery — how many public-gallery observers one mediasoup worker carries at under 1 % loss,
 * and what they cost the hearing.
 *
 * The SFU's own two workers (test/support/sfu.ts): the hearing's router on one, carrying a camera
 * (VP8, 320×240, 25 fps, ~300 kbit/s) and a microphone (Opus, 64 kbit/s) that real ffmpeg encoders
 * send in real time (test/support/rtp-producer.ts); the gallery's room on the other, into which both
 * streams are piped exactly as the gallery pipes them (`HearingMedia.pipeTo`, sfu/gallery.ts). Each
 * observer is a PlainTransport with SRTP in the room consuming both streams — the same per-packet work
 * (forwarding and SRTP encryption) a browser's WebRTC transport costs the worker; ICE and DTLS, set up
 * once per observer, are not load. Their far ends are PlainTransports on a third worker standing in
 * for the browsers, whose producers count what arrives and what was lost.
 *
 * Steps of N observers, each measured SECONDS after a warm-up: loss across all observers, the room
 * worker's and the hearing worker's CPU (from getResourceUsage). The ladder stops at 1 % loss or once
 * the room's worker passes 80 % of a core (on two cores, beyond it the receivers standing in for the
 * browsers starve the senders and the machine is measured, not the worker). The summary gives the
 * largest N at under 1 % loss, and the hearing worker's CPU across the steps (the gallery should cost
 * it nothing but one copy per room).
 *
 * Usage: node --import tsx bench/gallery/run.ts [maxObservers=400] [seconds=8]
 */
import { createWorker, type types } from 'mediasoup';
import { MEDIA_CODECS } from '../../sfu/media-config.js';
import { ffmpegProducer } from '../../test/support/rtp-producer.js';
import { startSfu } from '../../test/support/sfu.js';

const MAX = Number(process.argv[2] ?? 400);
const SECONDS = Number(process.argv[3] ?? 8);
const STEPS = [25, 50, 100, 200, 300, 400, 600, 800].filter((n) => n <= MAX);
const CRYPTO_SUITE = 'AES_CM_128_HMAC_SHA1_80' as const;

interface Observer {
  consumers: types.Consumer[];
  received: types.Producer[];
}

function plain(router: types.Router): Promise<types.PlainTransport> {
  return router.createPlainTransport({ listenIp: '127.0.0.1', rtcpMux: true, comedia: false, enableSrtp: true, srtpCryptoSuite: CRYPTO_SUITE });
}

/** What a receiving browser can take, without transport-wide congestion control: nothing here answers it. */
function receiverCapabilities(router: types.Router): types.RtpCapabilities {
  const caps = router.rtpCapabilities;
  return { codecs: caps.codecs ?? [], headerExtensions: (caps.headerExtensions ?? []).filter((e) => !e.uri.includes('transport-wide-cc')) };
}

async function addObserver(room: types.Router, receivers: types.Router, producerIds: string[]): Promise<Observer> {
  const transport = await plain(room);
  const browser = await plain(receivers);
  await transport.connect({ ip: '127.0.0.1', port: browser.tuple.localPort, srtpParameters: browser.srtpParameters! });
  await browser.connect({ ip: '127.0.0.1', port: transport.tuple.localPort, srtpParameters: transport.srtpParameters! });
  const observer: Observer = { consumers: [], received: [] };
  for (const producerId of producerIds) {
    const consumer = await transport.consume({ producerId, rtpCapabilities: receiverCapabilities(room), paused: false });
    observer.consumers.push(consumer);
    observer.received.push(await browser.produce({ kind: consumer.kind, rtpParameters: consumer.rtpParameters }));
  }
  return observer;
}

async function received(observers: Observer[]): Promise<{ packets: number; lost: number }> {
  let packets = 0;
  let lost = 0;
  for (const observer of observers) {
    for (const producer of observer.received) {
      for (const stat of await producer.getStats()) {
        packets += stat.packetCount;
        lost += stat.packetsLost;
      }
    }
  }
  return { packets, lost };
}

async function cpuMs(worker: types.Worker): Promise<number> {
  const usage = await worker.getResourceUsage();
  return usage.ru_utime + usage.ru_stime;
}

async function main(): Promise<void> {
  const sfu = await startSfu(2);
  const media = await sfu.hearing('bench-gallery');
  const hearingWorker = sfu.pool.list().find((s) => s.index === media.workerIndex)!.worker;
  const roomSlot = sfu.pool.list().find((s) => s.index !== media.workerIndex)!;
  const video = await ffmpegProducer(media.router, 'video', 7_000_001);
  const audio = await ffmpegProducer(media.router, 'audio', 7_000_002);
  const room = await roomSlot.worker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const piped = await Promise.all([video.producer.id, audio.producer.id].map((id) => media.pipeTo(id, room)));
  const receiverWorker = await createWorker({ logLevel: 'error' });
  const receivers = await receiverWorker.createRouter({ mediaCodecs: MEDIA_CODECS });
  const observers: Observer[] = [];
  console.log(`gallery bench: one hearing stream pair (VP8 ~300 kbit/s + Opus) piped to a room on worker ${roomSlot.index}; ${SECONDS} s per step`);
  console.log('observers | loss %  | room worker CPU % | hearing worker CPU % | packets/s each observer receives');
  const rows: { n: number; loss: number; roomCpu: number; hearingCpu: number; rate: number }[] = [];
  try {
    for (const n of STEPS) {
      while (observers.length < n)
        observers.push(
          await addObserver(
            room,
            receivers,
            piped.map((p) => p!.id),
          ),
        );
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const [before, roomBefore, hearingBefore] = await Promise.all([received(observers), cpuMs(roomSlot.worker), cpuMs(hearingWorker)]);
      const started = Date.now();
      await new Promise((resolve) => setTimeout(resolve, SECONDS * 1000));
      const [after, roomAfter, hearingAfter] = await Promise.all([received(observers), cpuMs(roomSlot.worker), cpuMs(hearingWorker)]);
      const elapsed = Date.now() - started;
      const packets = after.packets - before.packets;
      const lost = after.lost - before.lost;
      const loss = packets + lost === 0 ? 100 : (100 * lost) / (packets + lost);
      const rate = (1000 * packets) / elapsed / n;
      const row = { n, loss, roomCpu: (100 * (roomAfter - roomBefore)) / elapsed, hearingCpu: (100 * (hearingAfter - hearingBefore)) / elapsed, rate };
      // Fewer packets than at the first step: the senders are starved of CPU, so this step measures the machine.
      const starved = rows.length > 0 && rate < 0.9 * rows[0]!.rate;
      if (!starved) rows.push(row);
      console.log(
        `${String(n).padStart(9)} | ${loss.toFixed(3).padStart(6)} | ${row.roomCpu.toFixed(1).padStart(17)} | ${row.hearingCpu.toFixed(1).padStart(20)} | ${rate.toFixed(0).padStart(8)}${starved ? '  (senders starved: left out)' : ''}`,
      );
      if (starved) break;
      // Past 80 % of a core the room's worker is full; on two cores the receivers standing in for the
      // browsers then starve the senders, and what is measured is this machine, no longer the worker.
      if (loss >= 1 || row.roomCpu > 80) break;
    }
  } finally {
    video.ffmpeg.kill('SIGKILL');
    audio.ffmpeg.kill('SIGKILL');
    receiverWorker.close();
    sfu.close();
  }
  const carried = rows.filter((r) => r.loss < 1 && r.roomCpu <= 80).at(-1);
  const hearing = rows.map((r) => r.hearingCpu);
  console.log(
    carried
      ? `summary: one worker carries ${carried.n} observers at ${carried.loss.toFixed(3)} % loss on ${carried.roomCpu.toFixed(1)} % of a core (about ${Math.floor((carried.n * 80) / carried.roomCpu)} at 80 % of a core); the hearing's worker stayed at ${Math.min(...hearing).toFixed(1)}–${Math.max(...hearing).toFixed(1)} % of a core throughout`
      : 'summary: even the first step lost 1 % or more: this machine cannot measure the gallery',
  );
}

await main();
