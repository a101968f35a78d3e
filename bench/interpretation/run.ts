/**
 * bench/interpretation — how fast a listener hears a channel they choose, and what interpretation
 * costs the server.
 *
 * A hearing in German with an Italian and a Spanish channel, two interpreters in each booth (one
 * live), and LISTENERS listeners, all audio only (the measured listener in a Chromium of its own, the
 * others in a second one: each real listener has their own machine). Each
 * browser's fake microphone plays its own tone: the judge 300 Hz, the Italian booth 700 Hz, the
 * Spanish booth 1100 Hz.
 *
 * 1. Switching: a listener on the floor chooses a channel; in their page, the time from the choice
 *    to its tone in the mix they hear (Web Audio analyser, polled every 5 ms), SWITCHES times,
 *    alternating Italian and Spanish, back on the floor (and the tone gone) between two. Measured
 *    with the listener alone in the hearing, then again once every listener is in and on a channel,
 *    then (for comparison only) with the other listeners' pages in the measured listener's browser.
 * 2. CPU: with every listener on a channel (half Italian, half Spanish), the server process's and
 *    its mediasoup workers' CPU time over WINDOW seconds, from /proc/<pid>/stat.
 *
 * Usage: ./hearing-room bench interpretation [switches=20] [listeners=10] [window=20]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, receivedStreams, type StreamFigures } from '../../test/support/browser.js';
import { toneFile } from '../../test/support/media-files.js';
import { msUntilHeard, toneLevels } from '../../test/support/sound.js';

const SWITCHES = Number(process.argv[2] ?? 20);
const LISTENERS = Number(process.argv[3] ?? 10);
const WINDOW_SECONDS = Number(process.argv[4] ?? 20);
/** Switches measured again once every listener is in: their pages share one Chromium with the listener's. */
const CROWDED_SWITCHES = 6;
const TONE = { judge: 300, it: 700, es: 1100 } as const;
/** The chosen channel's tone counts as heard from here; the floor's quiet judge never reaches it at these frequencies. */
const HEARD_DB = -60;
const GONE_DB = -100;
/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

interface BenchServer {
  pid: number;
  workerPids: number[];
  links: { judge: string; italian: string[]; spanish: string[]; listeners: string[] };
  stop(): void;
}

/**
 * Starts the server process. Its stdout line naming the links is read; everything else it prints goes
 * to a file named on stderr, so a miss can be traced in the server's own words.
 */
async function startBenchServer(listeners: number): Promise<BenchServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./server.ts', import.meta.url).pathname, String(listeners)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logPath = join(mkdtempSync(join(tmpdir(), 'hearing-room-bench-log-')), 'server.log');
  const log = createWriteStream(logPath);
  child.stderr!.pipe(log);
  console.error(`bench server log: ${logPath}`);
  const lines = createInterface({ input: child.stdout! });
  // The links line is the one naming the links: at a verbose log level, log lines may come first.
  const line = await new Promise<string>((resolve, reject) => {
    lines.on('line', (text) => (text.includes('"links"') ? resolve(text) : log.write(`${text}\n`)));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { ...(JSON.parse(line) as Omit<BenchServer, 'stop'>), stop: () => child.kill('SIGTERM') };
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces, inside parentheses): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Opens a link audio only (no camera is asked for) and enters the hearing. */
async function enterAudioOnly(browser: Browser, url: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 900, height: 700 } });
  await context.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    devices.getUserMedia = (constraints) => original({ audio: constraints?.audio ?? true });
  });
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  await page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement | null)?.disabled, undefined, { timeout: 30_000 });
  await page.click('#join-button');
  await page.locator('#hearing-view').waitFor({ state: 'visible' });
  return page;
}

async function takeOver(page: Page): Promise<void> {
  // The interpreter's page speaks their language: the button is found by its place, not its words.
  await page.locator('#booth-console button.primary-action').click();
  await page.locator('.live-state[data-live="true"]').waitFor({ timeout: 15_000 });
}

async function backOnFloor(page: Page): Promise<void> {
  await page.selectOption('#listen-language', '');
  for (let i = 0; i < 50; i++) {
    const levels = await toneLevels(page, [TONE.it, TONE.es], 300, 'loudest');
    if (levels[TONE.it]! < GONE_DB && levels[TONE.es]! < GONE_DB) return;
  }
  throw new Error('the channel was still heard 15 s after going back to the floor');
}

/** Chooses a channel `count` times, alternating Italian and Spanish, back on the floor between two. */
async function switches(listener: Page, count: number): Promise<{ times: number[]; missed: number }> {
  const times: number[] = [];
  let missed = 0;
  for (let i = 0; i < count; i++) {
    const channel = i % 2 === 0 ? 'it' : 'es';
    await backOnFloor(listener);
    const ms = await msUntilHeard(listener, { selector: '#listen-language', value: channel }, TONE[channel], HEARD_DB);
    if (ms === null) {
      missed += 1;
      const before = await receivedStreams(listener);
      const heard = await toneLevels(listener, [TONE.judge, TONE.it, TONE.es], 1000);
      const after = await receivedStreams(listener);
      console.error(
        `not heard within 5 s: the ${channel} channel (then: ${Object.entries(heard)
          .map(([f, db]) => `${f} Hz ${db.toFixed(1)} dB`)
          .join(', ')}; ${describeStreams(before, after)})`,
      );
    } else {
      times.push(ms);
    }
  }
  return { times, missed };
}

/**
 * Every stream the listener holds, flowing or not: a consumer that arrived and then went silent (its
 * byte count still over the second between the two samples) is exactly what a miss must show.
 */
function describeStreams(before: StreamFigures[], after: StreamFigures[]): string {
  const key = (s: StreamFigures) => `${s.participantId} ${s.source} ${s.kind}`;
  const was = new Map(before.map((s) => [key(s), s.bytesReceived]));
  const flowing: string[] = [];
  const silent: string[] = [];
  for (const s of after) {
    const row = `${s.source} ${s.kind} of ${s.participantId} ${s.bytesReceived} B${s.producerPaused ? ' (its producer paused at the server)' : ''}`;
    if (s.bytesReceived > (was.get(key(s)) ?? 0)) flowing.push(row);
    else silent.push(row);
  }
  return `receiving: ${flowing.join('; ') || 'nothing'}; held but silent for the last second: ${silent.join('; ') || 'none'}`;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function main(): Promise<void> {
  // Links for the measured listener, the others, and as many again for the shared-browser run.
  const server = await startBenchServer(2 * LISTENERS - 1);
  const browsers = await Promise.all([TONE.judge, TONE.it, TONE.es, TONE.judge].map((f) => launchChromium({ audioFile: toneFile(f) })));
  const [judgeBrowser, italianBrowser, spanishBrowser, listenerBrowser] = browsers as [Browser, Browser, Browser, Browser];
  /** Half the listeners on Italian, half on Spanish, settled. */
  const onChannels = async (pages: Page[]) => {
    await Promise.all(pages.map((page, i) => page.selectOption('#listen-language', i % 2 === 0 ? 'it' : 'es')));
    await new Promise((resolve) => setTimeout(resolve, 3000));
  };
  try {
    await enterAudioOnly(judgeBrowser, server.links.judge);
    const italian = await Promise.all(server.links.italian.map((url) => enterAudioOnly(italianBrowser, url)));
    const spanish = await Promise.all(server.links.spanish.map((url) => enterAudioOnly(spanishBrowser, url)));
    await takeOver(italian[0]!);
    await takeOver(spanish[0]!);
    const listener = await enterAudioOnly(listenerBrowser, server.links.listeners[0]!);
    await listener.locator('#listen-language option[value="es"]').waitFor({ state: 'attached', timeout: 15_000 });

    // --- switching, with this listener alone in their browser ---
    const { times, missed } = await switches(listener, SWITCHES);

    // --- CPU with everyone on a channel: the other listeners in a browser of their own ---
    // Each real listener has their own machine. Measured here, the other listeners' pages run in a
    // second Chromium so that the server carries every listener while the measured listener's
    // browser carries only its own call, as it would in the courtroom.
    const othersBrowser = await launchChromium({ audioFile: toneFile(TONE.judge) });
    browsers.push(othersBrowser);
    const others: Page[] = [];
    for (const url of server.links.listeners.slice(1, LISTENERS)) others.push(await enterAudioOnly(othersBrowser, url));
    await onChannels([listener, ...others]);
    const pids = { node: [server.pid], workers: server.workerPids };
    const before = { node: pids.node.map(cpuSeconds), workers: pids.workers.map(cpuSeconds) };
    const started = Date.now();
    await new Promise((resolve) => setTimeout(resolve, WINDOW_SECONDS * 1000));
    const seconds = (Date.now() - started) / 1000;
    const share = (list: number[], was: number[]) => (100 * list.reduce((sum, pid, i) => sum + cpuSeconds(pid) - was[i]!, 0)) / seconds;
    const node = share(pids.node, before.node);
    const workers = share(pids.workers, before.workers);

    // --- switching again, every listener in the hearing and on a channel ---
    const loaded = await switches(listener, CROWDED_SWITCHES);

    // --- and once more with the other listeners' pages in the measured listener's own browser ---
    // Not what a listener gets: it shows what one browser process carrying ten calls (each with its
    // own Web Audio mix) does to the one measured, on this shared two-core machine.
    await othersBrowser.close();
    const crowding: Page[] = [];
    for (const url of server.links.listeners.slice(LISTENERS)) crowding.push(await enterAudioOnly(listenerBrowser, url));
    await onChannels([listener, ...crowding]);
    const crowded = await switches(listener, CROWDED_SWITCHES);

    const fmt = (n: number) => n.toFixed(0).padStart(7);
    const report = (title: string, result: { times: number[]; missed: number }, count: number) => {
      const sorted = [...result.times].sort((a, b) => a - b);
      console.log(title);
      console.log(`switches ${String(count).padStart(7)}   (heard ${sorted.length}, not heard within 5 s ${result.missed})`);
      if (sorted.length === 0) return;
      console.log(`median   ${fmt(percentile(sorted, 50))} ms`);
      console.log(`p95      ${fmt(percentile(sorted, 95))} ms`);
      console.log(`min      ${fmt(sorted[0]!)} ms`);
      console.log(`max      ${fmt(sorted.at(-1)!)} ms`);
    };
    report(
      '\nbench/interpretation — choose a channel → hear its tone in the mix (loopback, headless Chromium, fake microphones), the only listener in the hearing',
      { times, missed },
      SWITCHES,
    );
    report(`\nthe same with all ${LISTENERS} listeners in the hearing and on channels, the others in a browser of their own`, loaded, CROWDED_SWITCHES);
    report(
      `\nthe same with all ${LISTENERS} listeners' pages in the measured listener's browser (one process carrying them all: not a listener's case)`,
      crowded,
      CROWDED_SWITCHES,
    );
    console.log(
      `\nserver CPU over ${seconds.toFixed(1)} s: 2 channels × 2 interpreters (one live each), judge, ${LISTENERS} listeners on channels, audio only`,
    );
    console.log('process                         | CPU, % of one core');
    console.log(`node (signalling, court)        | ${node.toFixed(1).padStart(8)}`);
    console.log(`mediasoup workers (${String(pids.workers.length).padStart(2)})         | ${workers.toFixed(1).padStart(8)}`);
    console.log(`total                           | ${(node + workers).toFixed(1).padStart(8)}`);
  } finally {
    await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
    server.stop();
  }
}

await main();
