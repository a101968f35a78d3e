/**
 * bench/network — what a hearing gives a participant over a weak link.
 *
 * The presiding judge speaks (camera and a 440 Hz tone as her microphone); the witness, muted,
 * listens and watches. Each has a Chromium of her own in a network namespace behind a veth pair
 * (test/support/shaped-network.ts), so either link, or both, can be limited with `tbf` and random
 * loss, both ways. For each scenario the witness opens her link on a clean network, the links are
 * shaped, she presses Join and the judge admits her; then, in the witness's page, from the
 * `inbound-rtp` statistics of the judge's streams:
 *
 * - first audio / first frame: from the admission (when media may flow) to the first audio sample
 *   with energy and the first decoded video frame;
 * - over WINDOW_S seconds, after SETTLE_S seconds for the bandwidth estimate to settle: decoded
 *   frame rate and width, freezes (`freezeCount`, `totalFreezesDuration`), and the share of audio
 *   samples concealed (`concealedSamples` / `totalSamplesReceived`).
 *
 * Usage: ./hearing-room bench network [--only <link>:<shape>] [--window <s>]
 *   <link>  receiver | sender | both        <shape>  clean | 1m | 256k | 128k
 * Without --only, every scenario runs in turn (clean once). Needs root, iproute2 and iptables.
 * Every run takes the two cores for about a minute: run it under `flock /tmp/hr-heavy.lock` where
 * others share the machine, a scenario at a time.
 */
import type { Browser, Page } from 'playwright-core';
import { admit, enterHearing, openLink } from '../../test/support/browser.js';
import { toneFile } from '../../test/support/media-files.js';
import { createShapedLink, type LinkShape, type ShapedLink } from '../../test/support/shaped-network.js';
import { startServerOn } from '../../test/support/shaped-server.js';

const SHAPES: Record<string, LinkShape | null> = {
  clean: null,
  '1m': { rateKbit: 1000, lossPercent: 1 },
  '256k': { rateKbit: 256, lossPercent: 5 },
  '128k': { rateKbit: 128, lossPercent: 10 },
};
const LINKS = ['receiver', 'sender', 'both'] as const;
type Which = (typeof LINKS)[number];

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const WINDOW_S = Number(option('--window') ?? 20);
const SETTLE_S = 8;
const FIRST_MEDIA_TIMEOUT_MS = 60_000;

function scenarios(): { which: Which; shape: string }[] {
  const only = option('--only');
  if (only) {
    const [which, shape] = only.split(':') as [Which, string];
    if (!LINKS.includes(which) || !(shape in SHAPES)) {
      console.error(`--only takes <link>:<shape>, link one of ${LINKS.join(', ')}, shape one of ${Object.keys(SHAPES).join(', ')}`);
      process.exit(2);
    }
    return [{ which, shape }];
  }
  return [{ which: 'both', shape: 'clean' }, ...LINKS.flatMap((which) => ['1m', '256k', '128k'].map((shape) => ({ which, shape })))];
}

interface Figures {
  firstAudioMs: number | null;
  firstFrameMs: number | null;
  fps: number;
  width: number;
  freezes: number;
  freezeSeconds: number;
  concealedShare: number;
}

/** The judge's audio and camera as the witness's page receives them: every numeric inbound-rtp field. */
async function fromJudge(page: Page, judgeId: string): Promise<{ audio?: Record<string, number>; video?: Record<string, number> }> {
  const rows = await page.evaluate(() => window.hearingRoomDiagnostics?.receiveStats() ?? []);
  const pick = (kind: string) => rows.find((r) => r.participantId === judgeId && r.kind === kind && r.source !== 'screen')?.stats;
  return { audio: pick('audio'), video: pick('video') };
}

async function runScenario(which: Which, shapeName: string): Promise<Figures> {
  const shape = SHAPES[shapeName]!;
  const judgeLink = createShapedLink();
  const witnessLink = createShapedLink();
  const links: ShapedLink[] = [judgeLink, witnessLink];
  const browsers: Browser[] = [];
  const running = await startServerOn(judgeLink.hostAddress);
  try {
    witnessLink.reach(judgeLink.hostAddress);
    const origin = new URL(running.server.url).origin;
    const tone = toneFile(440);
    const [judgeBrowser, witnessBrowser] = await Promise.all(links.map((link) => link.launchChromium({ origin, insideNamespace: true, audioFile: tone })));
    browsers.push(judgeBrowser!, witnessBrowser!);
    const court = await running.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    const judgeId = court.people['Judge Anna Berger']!.id;

    // Pages load on clean links: the join page over a slow link is test/browser/slow-join.test.ts.
    const judge = await enterHearing(judgeBrowser!, court.people['Judge Anna Berger']!.url);
    const witness = await openLink(witnessBrowser!, court.people['Maria Rossi']!.url);
    await witness.page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement).disabled);
    if (shape) {
      const shaped = which === 'both' ? links : which === 'sender' ? [judgeLink] : [witnessLink];
      for (const link of shaped) {
        link.shapeDownlink(shape);
        link.shapeUplink(shape);
      }
    }
    await witness.page.getByRole('button', { name: 'Join the hearing' }).click();
    await witness.page.getByRole('heading', { name: 'You are in the waiting room' }).waitFor({ timeout: 60_000 });
    // She listens: the judge is the one speaking, so her camera comes first after the audio.
    await witness.page.getByRole('button', { name: 'Mute', exact: true }).click();
    await admit(judge.page, 'Maria Rossi');
    const admittedAt = Date.now();

    let firstAudioMs: number | null = null;
    let firstFrameMs: number | null = null;
    while ((firstAudioMs === null || firstFrameMs === null) && Date.now() - admittedAt < FIRST_MEDIA_TIMEOUT_MS) {
      const { audio, video } = await fromJudge(witness.page, judgeId);
      if (firstAudioMs === null && (audio?.totalSamplesReceived ?? 0) > 0 && (audio?.totalAudioEnergy ?? 0) > 0) firstAudioMs = Date.now() - admittedAt;
      if (firstFrameMs === null && (video?.framesDecoded ?? 0) > 0) firstFrameMs = Date.now() - admittedAt;
      await witness.page.waitForTimeout(100);
    }

    await witness.page.waitForTimeout(SETTLE_S * 1000);
    const before = await fromJudge(witness.page, judgeId);
    await witness.page.waitForTimeout(WINDOW_S * 1000);
    const after = await fromJudge(witness.page, judgeId);
    const delta = (kind: 'audio' | 'video', field: string) => (after[kind]?.[field] ?? 0) - (before[kind]?.[field] ?? 0);
    const samples = delta('audio', 'totalSamplesReceived');
    return {
      firstAudioMs,
      firstFrameMs,
      fps: delta('video', 'framesDecoded') / WINDOW_S,
      width: after.video?.frameWidth ?? 0,
      freezes: delta('video', 'freezeCount'),
      freezeSeconds: delta('video', 'totalFreezesDuration'),
      concealedShare: samples > 0 ? delta('audio', 'concealedSamples') / samples : 1,
    };
  } finally {
    await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
    await running.close();
    for (const link of links) link.close();
  }
}

const ms = (value: number | null) => (value === null ? 'none' : `${(value / 1000).toFixed(1)} s`);
const columns = ['link', 'shape', 'first audio', 'first frame', 'fps', 'width', 'freezes', 'frozen', 'concealed'];
const widths = [10, 17, 13, 13, 7, 7, 9, 9, 10];
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('');

if (process.getuid?.() !== 0) {
  console.error('bench/network needs root: it builds network namespaces and shapes their links');
  process.exit(2);
}
console.log(`bench/network — the judge's audio and camera as the witness receives them; ${WINDOW_S} s window after ${SETTLE_S} s to settle`);
console.log(line(columns));
for (const { which, shape } of scenarios()) {
  const label = SHAPES[shape] ? `${SHAPES[shape]!.rateKbit} kbit/s ${SHAPES[shape]!.lossPercent} %` : 'clean';
  try {
    const f = await runScenario(which, shape);
    console.log(
      line([
        shape === 'clean' ? '-' : which,
        label,
        ms(f.firstAudioMs),
        ms(f.firstFrameMs),
        f.fps.toFixed(1),
        String(f.width),
        String(f.freezes),
        `${f.freezeSeconds.toFixed(1)} s`,
        `${(f.concealedShare * 100).toFixed(1)} %`,
      ]),
    );
  } catch (error) {
    console.log(line([which, label, `failed: ${(error as Error).message.split('\n')[0]}`]));
  }
}
