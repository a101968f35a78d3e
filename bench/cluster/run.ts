/**
 * bench/cluster — a national service of three servers under load, and the death of one of them.
 *
 * Three server processes on PostgreSQL and Redis (one media worker each). HEARINGS hearings, each
 * with CLIENTS signalling clients (socket.io, no media: a judge and the others), opened at a random
 * server of the service as their front door and following their hearing to the server that holds it,
 * as the page does; and BROWSER_HEARINGS hearings with a judge and a witness in real Chromium,
 * sending and receiving audio and video (at the lowest scheduling priority: the users' browsers run
 * on their own machines, not on the servers' two cores).
 *
 * 1. Control under load: every judge toggles her own audio-only every second or so for WINDOW
 *    seconds; the time from the request to its acknowledgement (decided, written to the record,
 *    broadcast) is measured: p50, p95, p99.
 * 2. A server killed (-9, with its media workers and recorders, as by a power cut) under that load,
 *    the one holding the first browser hearing: for each of its hearings, the time until a server
 *    holds it again; for each of its clients, until it is back in its hearing; for each Chromium page,
 *    until media flows again through the new holder's media port.
 * 3. Nothing lost: every record of a hearing that moved verifies, holds everything it held before the
 *    kill, and holds every control action that was acknowledged.
 *
 * Needs PostgreSQL and Redis (HEARING_ROOM_TEST_POSTGRES_URL, HEARING_ROOM_TEST_REDIS_URL).
 * Usage: ./hearing-room bench cluster [hearings=100] [clients=10] [browserHearings=3] [window=20]
 */
import type { Browser } from 'playwright-core';
import { verifyChain } from '../../record/index.js';
import { openStore } from '../../store/index.js';
import { assertReceivesFrom, enterHearing, launchChromium, type ParticipantPage } from '../../test/support/browser.js';
import { postgresAvailable } from '../../test/support/postgres.js';
import { redisAvailable } from '../../test/support/redis.js';
import { joinUrl } from '../../server/demo.js';
import { seedHearing } from '../../test/support/server-process.js';
import { type ServiceNode, severalServers } from '../../test/support/several-servers.js';
import { FollowingClient } from './following-client.js';

const HEARINGS = Number(process.argv[2] ?? 100);
const CLIENTS = Number(process.argv[3] ?? 10);
const BROWSER_HEARINGS = Number(process.argv[4] ?? 3);
const WINDOW_SECONDS = Number(process.argv[5] ?? 20);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const figures = (values: number[], unit = 'ms') =>
  `p50 ${percentile(values, 50).toFixed(0)} ${unit}, p95 ${percentile(values, 95).toFixed(0)} ${unit}, p99 ${percentile(values, 99).toFixed(0)} ${unit}, max ${Math.max(...values).toFixed(0)} ${unit} (n=${values.length})`;

interface BenchHearing {
  hearingId: string;
  clients: FollowingClient[];
  judge: FollowingClient;
  /** Control actions acknowledged, by when. */
  acknowledged: number;
}

async function main(): Promise<void> {
  if (!(await postgresAvailable()) || !(await redisAvailable())) throw new Error('bench/cluster needs PostgreSQL and Redis');
  const several = severalServers();
  let browser: Browser | undefined;
  try {
    // Each takes all the hearings if need be: two must hold everything when the third dies.
    const settings = { HEARING_ROOM_CAPACITY: String(HEARINGS + BROWSER_HEARINGS) };
    const nodes: ServiceNode[] = [];
    for (const id of ['node-a', 'node-b', 'node-c']) nodes.push(await several.process(id, settings));
    const nodeOf = (id: string | undefined) => nodes.find((n) => n.nodeId === id);
    const urls = nodes.map((n) => n.url);
    console.log(`three servers up: ${nodes.map((n) => `${n.nodeId} ${n.url}`).join(', ')}`);

    // The hearings, seeded in the shared database: a judge and CLIENTS - 1 others each.
    const people = (i: number) => [
      { name: `Judge ${i}`, role: 'presiding_judge' as const },
      ...Array.from({ length: CLIENTS - 1 }, (_, k) => ({ name: `Observer ${i}.${k}`, role: 'observer' as const })),
    ];
    const started = Date.now();
    const hearings: BenchHearing[] = [];
    for (let i = 0; i < HEARINGS; i++) {
      const seeded = await seedHearing(nodes[0]!.env, `BENCH-${i}`, people(i));
      const clients = Object.entries(seeded.people).map(
        ([name, person]) => new FollowingClient({ hearingId: seeded.hearingId, token: person.token, name, frontDoor: urls[(i + name.length) % urls.length]! }),
      );
      hearings.push({ hearingId: seeded.hearingId, clients, judge: clients[0]!, acknowledged: 0 });
    }
    console.log(`${HEARINGS} hearings × ${CLIENTS} people seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // In waves, as a morning's hearings open.
    const joinStart = Date.now();
    for (const hearing of hearings) {
      await hearing.judge.enter();
      await Promise.all(hearing.clients.slice(1).map((c) => c.enter()));
    }
    console.log(`${HEARINGS * CLIENTS} signalling clients in their hearings in ${((Date.now() - joinStart) / 1000).toFixed(1)} s`);

    // The browser hearings: a judge and a witness each, in one Chromium.
    // The users' browsers run on their own machines: here they yield the CPU to the servers.
    browser = await launchChromium({ nice: 19 });
    const pages: { hearingId: string; judge: ParticipantPage; witness: ParticipantPage; judgeId: string; witnessId: string }[] = [];
    for (let i = 0; i < BROWSER_HEARINGS; i++) {
      const seeded = await seedHearing(nodes[0]!.env, `BENCH-MEDIA-${i}`, [
        { name: 'Judge Anna Berger', role: 'presiding_judge' },
        { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
      ]);
      const frontDoor = urls[i % urls.length]!;
      const judge = await enterHearing(browser, joinUrl(frontDoor, seeded.hearingId, seeded.people['Judge Anna Berger']!.token));
      const witness = await enterHearing(browser, joinUrl(frontDoor, seeded.hearingId, seeded.people['Maria Rossi']!.token));
      const admit = judge.page.getByRole('button', { name: 'Admit Maria Rossi' });
      await admit.click();
      await admit.waitFor({ state: 'detached' });
      pages.push({ hearingId: seeded.hearingId, judge, witness, judgeId: seeded.people['Judge Anna Berger']!.id, witnessId: seeded.people['Maria Rossi']!.id });
    }
    for (const p of pages) {
      await assertReceivesFrom(p.judge.page, p.witnessId, 30_000);
      await assertReceivesFrom(p.witness.page, p.judgeId, 30_000);
    }

    const store = await openStore(nodes[0]!.env.HEARING_ROOM_DATABASE_URL!);
    const holderOf = async (hearingId: string) => (await store.leases.current(hearingId))?.holder;
    const placed = new Map<string, number>();
    for (const h of hearings) {
      const holder = (await holderOf(h.hearingId)) ?? '?';
      placed.set(holder, (placed.get(holder) ?? 0) + 1);
    }
    console.log(`placed: ${[...placed].map(([node, n]) => `${node} ${n}`).join(', ')}`);

    // 1. Control under load.
    const latencies: number[] = [];
    let controlling = true;
    const control = hearings.map(async (h, i) => {
      await sleep((i * 1000) / hearings.length);
      let on = true;
      while (controlling) {
        const ms = await h.judge.control(on);
        if (ms !== undefined) {
          latencies.push(ms);
          h.acknowledged += 1;
          on = !on;
        }
        await sleep(800 + Math.random() * 400);
      }
    });
    await sleep(WINDOW_SECONDS * 1000);
    console.log(`1. the judge's control action acknowledged under load: ${figures(latencies)}`);

    // 2. Kill the server holding the first browser hearing (or the most hearings), under the same load.
    const victim = nodeOf(pages[0] ? await holderOf(pages[0].hearingId) : [...placed].sort((a, b) => b[1] - a[1])[0]![0])!;
    const moving = [];
    for (const h of hearings) if ((await holderOf(h.hearingId)) === victim.nodeId) moving.push(h);
    const movingPages = [];
    for (const p of pages) if ((await holderOf(p.hearingId)) === victim.nodeId) movingPages.push(p);
    const before = new Map<string, { id: string; hash: string }[]>();
    for (const h of moving)
      before.set(
        h.hearingId,
        (await store.events.rawRows(h.hearingId)).map((r) => ({ id: String(r.id), hash: String(r.hash) })),
      );
    latencies.length = 0;
    const killedAt = Date.now();
    for (const c of moving.flatMap((h) => h.clients)) c.expectMove(killedAt);
    await victim.powerOff();
    console.log(
      `2. ${victim.nodeId} killed (-9) holding ${moving.length} hearings (${moving.length * CLIENTS} clients) and ${movingPages.length} browser hearing(s)`,
    );
    const survivors = nodes.filter((n) => n !== victim);
    const mediaBack = Promise.all(
      movingPages
        .flatMap(
          (p) =>
            [
              [p.judge, p.witnessId],
              [p.witness, p.judgeId],
            ] as const,
        )
        .map(async ([page, from]) => {
          for (;;) {
            const routes = await page.page.evaluate(() => window.hearingRoomDiagnostics?.routes() ?? []).catch(() => []);
            const ports = survivors.map((n) => Number(n.env.HEARING_ROOM_RTC_PORT));
            if (routes.length === 2 && routes.every((r) => ports.includes(r.remotePort))) break;
            await sleep(100);
          }
          await assertReceivesFrom(page.page, from, 60_000);
          return Date.now() - killedAt - 1000;
        }),
    );
    const deadline = Date.now() + 90_000;
    while (moving.some((h) => h.clients.some((c) => c.movedAfterMs === undefined)) && Date.now() < deadline) await sleep(200);
    const reconnected = moving.flatMap((h) => h.clients.map((c) => c.movedAfterMs)).filter((ms): ms is number => ms !== undefined);
    const placedAgain = moving.map((h) => Math.min(...h.clients.map((c) => c.movedAfterMs ?? Number.POSITIVE_INFINITY))).filter(Number.isFinite);
    const media = await mediaBack;
    console.log(`   each hearing held again (its first client back in it): ${figures(placedAgain)}`);
    console.log(`   each client back in its hearing: ${figures(reconnected)}; not back within 90 s: ${moving.length * CLIENTS - reconnected.length}`);
    console.log(`   media back on each Chromium page, through the new holder: ${media.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}`);
    await sleep(5_000);
    controlling = false;
    await Promise.all(control);
    console.log(`   the judge's control action acknowledged while it happened and after: ${figures(latencies)}`);

    // 3. Nothing lost.
    let lost = 0;
    let unverified = 0;
    let actionsMissing = 0;
    for (const h of moving) {
      const rows = await store.events.rawRows(h.hearingId);
      if (!verifyChain(h.hearingId, rows).ok) unverified += 1;
      const now = rows.map((r) => ({ id: String(r.id), hash: String(r.hash) }));
      const then = before.get(h.hearingId)!;
      lost += then.filter((entry, i) => now[i]?.id !== entry.id || now[i]?.hash !== entry.hash).length;
      const events = await store.events.list(h.hearingId);
      const recorded = events.filter((e) => e.type === 'media.audio_only' && e.actorId === h.judge.participantId).length;
      if (recorded < h.acknowledged) actionsMissing += h.acknowledged - recorded;
    }
    console.log(
      `3. records of the ${moving.length} hearings that moved: ${unverified} do not verify, ${lost} entries lost or changed, ${actionsMissing} acknowledged actions missing`,
    );
    await store.close();
    for (const h of hearings) for (const c of h.clients) c.close();
  } finally {
    await browser?.close();
    await several.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
