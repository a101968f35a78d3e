/**
 * bench/join — how long a participant waits, and what each one costs the server.
 *
 * 1. Join time: a judge is in the hearing sending video; a second participant opens their link,
 *    presses Join, and we read in their page the time from the click to the first decoded frame of
 *    the judge's video (requestVideoFrameCallback). Repeated JOINS times, each a fresh browser
 *    context, leaving before the next.
 * 2. Memory: the server runs in its own process; its resident memory plus its mediasoup workers' is
 *    read from /proc with nobody connected, then with 1…MEMORY_PEOPLE participants in the hearing,
 *    each sending audio and video and receiving everyone else.
 *
 * Usage: ./hearing-room bench join [joins=12] [memoryPeople=6]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { enterHearing, launchChromium, openLink, type ParticipantPage } from '../../test/support/browser.js';

const JOINS = Number(process.argv[2] ?? 12);
const MEMORY_PEOPLE = Number(process.argv[3] ?? 6);

interface BenchServer {
  pid: number;
  workerPids: number[];
  links: string[];
  /** Collects garbage in the server and returns its live JavaScript heap, in bytes. */
  collectGarbage(): Promise<number>;
  stop(): void;
}

async function startBenchServer(people: number): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, String(people)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const line = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  const info = JSON.parse(line) as Pick<BenchServer, 'pid' | 'workerPids' | 'links'>;
  return {
    ...info,
    collectGarbage: async () => {
      const done = new Promise<string>((resolve) => lines.once('line', resolve));
      child.stdin!.write('gc\n');
      return Number(await done);
    },
    stop: () => child.kill('SIGTERM'),
  };
}

function rssKiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) : 0;
}

function serverRss(server: BenchServer): { node: number; workers: number } {
  return { node: rssKiB(server.pid), workers: server.workerPids.reduce((sum, pid) => sum + rssKiB(pid), 0) };
}

function percentile(sorted: number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

async function joinToFirstFrame(browser: Browser, url: string): Promise<number> {
  const participant = await openLink(browser, url);
  const page: Page = participant.page;
  await page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement).disabled);
  await page.click('#join-button');
  const elapsed = await page.waitForFunction(
    () => {
      const marks = window.hearingRoomDiagnostics?.marks() ?? [];
      const clicked = marks.find((m) => m.name === 'join-clicked');
      const frame = marks.find((m) => m.name === 'first-remote-frame');
      return clicked && frame ? frame.startTime - clicked.startTime : null;
    },
    undefined,
    { timeout: 30_000, polling: 20 },
  );
  const ms = (await elapsed.jsonValue()) as number;
  await participant.close();
  return ms;
}

async function settle(ms: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  const open: ParticipantPage[] = [];
  const server = await startBenchServer(Math.max(2, MEMORY_PEOPLE + 1));
  try {
    // --- join time ---
    const judge = await enterHearing(browser, server.links[0]!);
    open.push(judge);
    await settle(1000);
    const times: number[] = [];
    for (let i = 0; i < JOINS; i++) {
      times.push(await joinToFirstFrame(browser, server.links[1]!));
      await settle(300);
    }
    await judge.close();
    open.length = 0;
    await settle(1500);

    // --- memory per participant ---
    const baselineHeap = await server.collectGarbage();
    const baseline = serverRss(server);
    const rows: { people: number; node: number; workers: number; heap: number; perPerson: number; workersPerPerson: number; heapPerPerson: number }[] = [];
    for (let k = 1; k <= MEMORY_PEOPLE; k++) {
      open.push(await enterHearing(browser, server.links[k]!));
      await settle(2500);
      const heap = await server.collectGarbage();
      const now = serverRss(server);
      const delta = now.node + now.workers - (baseline.node + baseline.workers);
      rows.push({
        people: k,
        node: now.node,
        workers: now.workers,
        heap: Math.round(heap / 1024),
        perPerson: delta / k,
        workersPerPerson: (now.workers - baseline.workers) / k,
        heapPerPerson: (heap - baselineHeap) / 1024 / k,
      });
    }

    const sorted = [...times].sort((a, b) => a - b);
    const fmt = (n: number) => n.toFixed(0).padStart(7);
    console.log('\nbench/join — press Join → first decoded remote video frame (loopback, headless Chromium, fake devices)');
    console.log(`joins       ${JOINS}`);
    console.log(`median  ${fmt(percentile(sorted, 50))} ms`);
    console.log(`p95     ${fmt(percentile(sorted, 95))} ms`);
    console.log(`min     ${fmt(sorted[0]!)} ms`);
    console.log(`max     ${fmt(sorted.at(-1)!)} ms`);
    console.log('\nserver memory (resident after a garbage collection, KiB): node process + mediasoup workers, audio+video senders, full mesh of consumers');
    console.log('people | node RSS KiB | node heap KiB | workers KiB | per person: all RSS | workers | node heap (KiB)');
    console.log(
      `     0 | ${String(baseline.node).padStart(12)} | ${String(Math.round(baselineHeap / 1024)).padStart(13)} | ${String(baseline.workers).padStart(11)} |`,
    );
    for (const r of rows) {
      console.log(
        `${String(r.people).padStart(6)} | ${String(r.node).padStart(12)} | ${String(r.heap).padStart(13)} | ${String(r.workers).padStart(11)} | ${r.perPerson.toFixed(0).padStart(18)} | ${r.workersPerPerson.toFixed(0).padStart(7)} | ${r.heapPerPerson.toFixed(0).padStart(9)}`,
      );
    }
  } finally {
    for (const p of open) await p.close().catch(() => undefined);
    await browser.close();
    server.stop();
  }
}

await main();
