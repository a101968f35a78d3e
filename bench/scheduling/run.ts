/**
 * `./hearing-room bench scheduling`: the conflict check and the slot search against a calendar of
 * 100,000 existing bookings over 500 resources, on the embedded SQLite store (a temporary file).
 * Prints the median and 99th-percentile latency of each.
 *
 *   --bookings N   (default 100000)   --resources N (default 500)   --runs N (default 1000)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_WORKING_HOURS, findSlots, occupation, utcIso, BUCKET_MINUTES, type Authority } from '../../scheduling/index.js';
import { openStore, type NewBooking } from '../../store/index.js';

const { values } = parseArgs({ options: { bookings: { type: 'string' }, resources: { type: 'string' }, runs: { type: 'string' } } });
const BOOKINGS = Number(values.bookings ?? 100_000);
const RESOURCES = Number(values.resources ?? 500);
const RUNS = Number(values.runs ?? 1000);
const BUFFER = 15;

/** A fixed-seed generator, so two runs measure the same calendar. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))]!;
}

function summary(name: string, samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `${name.padEnd(44)} ${percentile(sorted, 0.5).toFixed(3).padStart(9)} ms ${percentile(sorted, 0.99).toFixed(3).padStart(9)} ms ${String(samples.length).padStart(6)}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'hearing-room-bench-'));
  const store = await openStore(`sqlite:${join(dir, 'bench.sqlite')}`);
  const rnd = random(20260514);
  try {
    const site = (name: string, timeZone: string): Omit<Authority, 'id' | 'createdAt'> => ({
      name,
      country: 'XX',
      timeZone,
      workingHours: DEFAULT_WORKING_HOURS,
      holidays: [],
      bufferMinutes: BUFFER,
      minLeadDays: 14,
    });
    const paris = await store.authorities.create(site('Paris', 'Europe/Paris'));
    const montreal = await store.authorities.create(site('Montréal', 'America/Toronto'));
    const resources: string[] = [];
    for (let i = 0; i < RESOURCES; i++) {
      const owner = i % 2 === 0 ? paris : montreal;
      const kind = (['room', 'judge', 'interpreter', 'person'] as const)[i % 4]!;
      resources.push((await store.authorities.createResource({ authorityId: owner.id, kind, name: `${kind} ${i}`, languages: ['fr', 'ar'], email: null })).id);
    }
    const hearings: string[] = [];
    for (let i = 0; i < 200; i++) {
      const hearing = await store.hearings.create({
        title: `Bench ${i}`,
        caseReference: `B-${i}`,
        status: 'scheduled',
        scheduledStart: utcIso(0),
        scheduledEnd: utcIso(0),
      });
      hearings.push(hearing.id);
    }

    // Each resource gets its share of non-overlapping bookings, 1–3 hours long with gaps, from now on.
    const startMin = Math.ceil(Date.now() / 60_000 / BUCKET_MINUTES) * BUCKET_MINUTES;
    const perResource = Math.ceil(BOOKINGS / RESOURCES);
    const filling = performance.now();
    let made = 0;
    const byHearing = new Map<string, NewBooking[]>();
    for (const resourceId of resources) {
      let cursor = startMin + Math.floor(rnd() * 96) * BUCKET_MINUTES;
      for (let j = 0; j < perResource && made < BOOKINGS; j++, made++) {
        const duration = (4 + Math.floor(rnd() * 9)) * BUCKET_MINUTES;
        const [occupiedFrom, occupiedTo] = occupation(cursor, cursor + duration, BUFFER);
        const hearingId = hearings[Math.floor(rnd() * hearings.length)]!;
        const list = byHearing.get(hearingId) ?? [];
        list.push({
          resourceId,
          purpose: rnd() < 0.2 ? 'test' : 'hearing',
          start: utcIso(cursor * 60_000),
          end: utcIso((cursor + duration) * 60_000),
          occupiedFrom,
          occupiedTo,
        });
        byHearing.set(hearingId, list);
        cursor = occupiedTo + BUFFER + Math.floor(rnd() * 64) * BUCKET_MINUTES;
      }
    }
    for (const [hearingId, bookings] of byHearing) await store.bookings.book(hearingId, bookings);
    const horizonDays = Math.round((perResource * (2 * 60 + 30 + 8 * 60)) / 1440);
    process.stdout.write(
      `calendar: ${made} bookings over ${resources.length} resources (about ${horizonDays} days each), filled in ${((performance.now() - filling) / 1000).toFixed(1)} s, each booking checked and inserted with its quarter-hour rows\n\n`,
    );

    const pick = (n: number) => Array.from({ length: n }, () => resources[Math.floor(rnd() * resources.length)]!);
    const horizon = horizonDays * 1440;

    // Conflict check: is this 90-minute slot (buffers included) free for these five resources?
    const conflict: number[] = [];
    let conflicts = 0;
    for (let i = 0; i < RUNS; i++) {
      const ids = pick(5);
      const from = startMin + Math.floor(rnd() * (horizon / BUCKET_MINUTES)) * BUCKET_MINUTES;
      const [occFrom, occTo] = occupation(from, from + 90, BUFFER);
      const t = performance.now();
      const found = await store.bookings.overlapping(ids, occFrom, occTo);
      conflict.push(performance.now() - t);
      if (found.length > 0) conflicts++;
    }

    // Slot search: the earliest 5 slots for five resources within a 30-day window, both sites open.
    const search: number[] = [];
    let slotsFound = 0;
    for (let i = 0; i < Math.max(100, Math.floor(RUNS / 4)); i++) {
      const ids = pick(5);
      const from = startMin + Math.floor(rnd() * Math.max(1, horizon - 30 * 1440));
      const to = from + 30 * 1440;
      const t = performance.now();
      const busy = await store.bookings.busy(ids, from - 1440, to + 1440);
      const slots = findSlots({ sites: [paris, montreal], durationMinutes: 90, bufferMinutes: BUFFER, windows: [[from, to]], required: ids, busy, limit: 5 });
      search.push(performance.now() - t);
      slotsFound += slots.length;
    }

    process.stdout.write(`${'operation'.padEnd(44)} ${'median'.padStart(12)} ${'p99'.padStart(12)} ${'runs'.padStart(6)}\n`);
    process.stdout.write(`${summary('conflict check (5 resources, 90 min)', conflict)}\n`);
    process.stdout.write(`${summary('slot search (5 resources, 30 days, 5 slots)', search)}\n`);
    process.stdout.write(`\n(${conflicts} of ${RUNS} checks found a conflict; ${(slotsFound / search.length).toFixed(1)} slots found per search on average)\n`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
