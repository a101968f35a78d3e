/**
 * The server side of bench/join, in its own process so that its memory is measured alone: starts a
 * real server on a temporary SQLite store, creates one hearing with enough people, and prints the
 * links and process ids as one JSON line. Everyone but the judge is admitted in advance, so that
 * the figures measure the media path rather than how fast a judge clicks Admit.
 */
import { createInterface } from 'node:readline';
import { joinUrl } from '../../server/demo.js';
import { startBenchServer } from '../support/bench-server.js';

const people = Number(process.argv[2] ?? 20);
const { server, hearing } = await startBenchServer('Benchmark hearing', 'BENCH-1');
const links: string[] = [];
for (let i = 0; i < people; i++) {
  const participant = await server.store.participants.create({
    hearingId: hearing.id,
    displayName: i === 0 ? 'Judge' : `Participant ${i}`,
    role: i === 0 ? 'presiding_judge' : 'counsel',
    capacity: null,
  });
  if (i > 0) {
    // Admitted beforehand, as after a first admission: the measure is the media path, not the judge's reaction time.
    await server.store.events.append(hearing.id, { type: 'lobby.waiting', actorId: participant.id, data: { participantId: participant.id } });
    await server.store.events.append(hearing.id, { type: 'lobby.admitted', actorId: null, data: { participantId: participant.id } });
  }
  const { token } = await server.tokens.issue(participant, { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) });
  links.push(joinUrl(server.url, hearing.id, token));
}
process.stdout.write(`${JSON.stringify({ pid: process.pid, workerPids: server.sfu.stats().workers.map((w) => w.pid), links })}\n`);
// "gc" on standard input collects garbage before a memory reading, so readings compare live memory.
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.trim() !== 'gc') return;
  (globalThis as { gc?: () => void }).gc?.();
  process.stdout.write(`${process.memoryUsage().heapUsed}\n`);
});
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
