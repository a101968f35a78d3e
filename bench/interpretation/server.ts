/**
 * The server side of bench/interpretation, in its own process so that its CPU is measured alone: a
 * real server on a temporary SQLite store and one hearing held in German with two channels (Italian
 * and Spanish), two interpreters in each booth, and the listeners. Prints the links and process ids
 * as one JSON line. Everyone but the judge is admitted beforehand: the figures measure the media
 * path, not how fast a judge clicks Admit.
 */
import type { LanguagePair, Participant, Role } from '../../scheduling/index.js';
import { joinUrl } from '../../server/demo.js';
import { startBenchServer } from '../support/bench-server.js';

const listeners = Number(process.argv[2] ?? 10);
const { server, hearing } = await startBenchServer('Interpretation benchmark', 'BENCH-INTERPRETATION');

async function person(displayName: string, role: Role, interprets: LanguagePair | null = null): Promise<string> {
  const participant: Participant = await server.store.participants.create({
    hearingId: hearing.id,
    displayName,
    role,
    capacity: null,
    language: role === 'presiding_judge' ? 'de' : (interprets?.into ?? null),
    interprets,
  });
  if (role !== 'presiding_judge') {
    await server.store.events.append(hearing.id, { type: 'lobby.waiting', actorId: participant.id, data: { participantId: participant.id } });
    await server.store.events.append(hearing.id, { type: 'lobby.admitted', actorId: null, data: { participantId: participant.id } });
  }
  const { token } = await server.tokens.issue(participant, { notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + 3600_000) });
  return joinUrl(server.url, hearing.id, token);
}

const links = {
  judge: await person('Judge', 'presiding_judge'),
  italian: [
    await person('Italian interpreter 1', 'interpreter', { from: 'de', into: 'it' }),
    await person('Italian interpreter 2', 'interpreter', { from: 'de', into: 'it' }),
  ],
  spanish: [
    await person('Spanish interpreter 1', 'interpreter', { from: 'de', into: 'es' }),
    await person('Spanish interpreter 2', 'interpreter', { from: 'de', into: 'es' }),
  ],
  listeners: [] as string[],
};
for (let i = 1; i <= listeners; i++) links.listeners.push(await person(`Listener ${i}`, 'observer'));
process.stdout.write(`${JSON.stringify({ pid: process.pid, workerPids: server.sfu.stats().workers.map((w) => w.pid), links })}\n`);
process.once('SIGTERM', () => void server.close().then(() => process.exit(0)));
