/**
 * Real Chromium (Debian's, or HEARING_ROOM_CHROMIUM) with fake camera and microphone, one browser
 * context per participant, and the checks that prove media flowed: figures from getStats that rise.
 */
import type { Words } from './words.js';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

const CHROMIUM = process.env.HEARING_ROOM_CHROMIUM ?? '/usr/bin/chromium';

/**
 * The command that starts Chromium as a user's browser runs: without the right to real-time
 * scheduling. Run as root (as CI runs), Chromium gives its audio threads real-time priority; with
 * five or six browsers on two cores those threads alone kept the pages from drawing for seconds at a
 * time (a frame every 1 to 4 s), and clicks and screenshots timed out. A user's browser is not root
 * and gets no such priority, so the tests drop it (util-linux's setpriv) when they run as root.
 * `prefix`: a command Chromium runs under, e.g. `ip netns exec NS`.
 */
export function chromiumCommand(prefix: string[] = []): string {
  const asRoot = process.getuid?.() === 0 && hasSetpriv() && !process.env.XX_RT;
  if (!asRoot && prefix.length === 0) return CHROMIUM;
  const command = [...prefix, ...(asRoot ? ['setpriv', '--bounding-set', '-sys_nice', '--inh-caps', '-sys_nice'] : []), CHROMIUM]
    .map((part) => `'${part.replace(/'/g, `'\\''`)}'`)
    .join(' ');
  let wrapper = wrappers.get(command);
  if (!wrapper) {
    wrapper = join(mkdtempSync(join(tmpdir(), 'hearing-room-chromium-')), 'chromium');
    writeFileSync(wrapper, `#!/bin/sh\nexec ${command} "$@"\n`);
    chmodSync(wrapper, 0o755);
    wrappers.set(command, wrapper);
  }
  return wrapper;
}

const wrappers = new Map<string, string>();

let setprivFound: boolean | undefined;
function hasSetpriv(): boolean {
  if (setprivFound === undefined) {
    try {
      execFileSync('setpriv', ['--version'], { stdio: 'ignore' });
      setprivFound = true;
    } catch {
      setprivFound = false;
    }
  }
  return setprivFound;
}
export const SCREENSHOTS = 'test-results/screenshots';

/**
 * The flags that make a real WebRTC call work headless here, with fake devices (the notes on
 * driving Chromium explain each). `audioFile`: a WAV every fake microphone plays in a loop.
 * `camera: false`: the browser has no camera, and its pages join with sound alone — for a test that
 * proves something by ear with many browsers at once, where encoding and decoding everyone's video
 * would leave two cores too little for the pages to answer.
 */
export function chromiumFlags(audioFile?: string, camera = true, videoFile?: string): string[] {
  return [
    '--no-sandbox',
    camera ? '--use-fake-device-for-media-stream' : '--use-fake-device-for-media-stream=device-count=0',
    '--use-fake-ui-for-media-stream',
    '--allow-loopback-in-peer-connection',
    '--autoplay-policy=no-user-gesture-required',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-gpu',
    '--disable-quic',
    ...(audioFile ? [`--use-file-for-fake-audio-capture=${audioFile}`] : []),
    ...(videoFile ? [`--use-file-for-fake-video-capture=${videoFile}`] : []),
  ];
}

/**
 * `audioFile`: a WAV every fake microphone of this browser plays in a loop, instead of the default beep.
 * `videoFile`: a Y4M picture every fake camera of this browser shows in a loop, instead of the default pattern.
 * `camera: false`: no camera at all (see chromiumFlags).
 * `nice`: the browser's scheduling niceness (0–19): a benchmark of the service, whose users' browsers
 * run on their own machines, gives the servers first call on this machine's two cores.
 */
export async function launchChromium(options: { audioFile?: string; videoFile?: string; camera?: boolean; nice?: number } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumCommand(options.nice ? ['nice', '-n', String(options.nice)] : []),
    headless: true,
    args: chromiumFlags(options.audioFile, options.camera ?? true, options.videoFile),
  });
}

export interface ParticipantPage {
  page: Page;
  close(): Promise<void>;
}

/** `initScript`: runs in the page before its own scripts, e.g. to observe what the page does. */
export async function openLink(browser: Browser, url: string, viewport = { width: 1280, height: 800 }, initScript?: () => void): Promise<ParticipantPage> {
  const context = await browser.newContext({ viewport });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  await page.goto(url);
  return { page, close: () => context.close() };
}

/**
 * An init script that keeps every track the page takes from a camera, a microphone or the screen,
 * and every clone of one, so that `liveLocalTracks` can tell which are still open.
 */
export function keepLocalTracks(): void {
  const kept: MediaStreamTrack[] = [];
  (window as unknown as { __localTracks: MediaStreamTrack[] }).__localTracks = kept;
  const media = navigator.mediaDevices;
  const userMedia = media.getUserMedia.bind(media);
  media.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    const stream = await userMedia(constraints);
    kept.push(...stream.getTracks());
    return stream;
  };
  const displayMedia = media.getDisplayMedia?.bind(media);
  if (displayMedia) {
    media.getDisplayMedia = async (options?: DisplayMediaStreamOptions) => {
      const stream = await displayMedia(options);
      kept.push(...stream.getTracks());
      return stream;
    };
  }
  const clone = MediaStreamTrack.prototype.clone;
  MediaStreamTrack.prototype.clone = function (this: MediaStreamTrack) {
    const copy = clone.call(this);
    if (kept.includes(this)) kept.push(copy);
    return copy;
  };
}

/** The kinds of the page's own tracks (kept by `keepLocalTracks`) that are still live: a camera or microphone still open. */
export async function liveLocalTracks(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    ((window as unknown as { __localTracks?: MediaStreamTrack[] }).__localTracks ?? []).filter((t) => t.readyState === 'live').map((t) => t.kind),
  );
}

/** Opens a link and enters the hearing once the camera preview is ready. */
export async function enterHearing(
  browser: Browser,
  url: string,
  initScript?: () => void,
  viewport?: { width: number; height: number },
): Promise<ParticipantPage> {
  const participant = await openLink(browser, url, viewport, initScript);
  // Found by its place: its words are in the participant's language.
  const join = participant.page.locator('#join-button');
  await join.waitFor();
  await participant.page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement).disabled);
  await join.click();
  await participant.page.locator('#hearing-view').waitFor({ state: 'visible' });
  return participant;
}

export interface StreamFigures {
  participantId: string;
  source: string;
  kind: string;
  /** The server said this stream's producer is paused (e.g. an interpreter not on the air). */
  producerPaused: boolean;
  framesDecoded: number;
  framesReceived: number;
  frameWidth: number;
  bytesReceived: number;
  totalSamplesReceived: number;
  totalAudioEnergy: number;
}

export async function receivedStreams(page: Page): Promise<StreamFigures[]> {
  return page.evaluate(async () => {
    const rows = (await window.hearingRoomDiagnostics?.receiveStats()) ?? [];
    return rows.map(({ participantId, source, kind, producerPaused, stats }) => ({
      participantId,
      source,
      kind,
      producerPaused,
      framesDecoded: stats.framesDecoded ?? 0,
      framesReceived: stats.framesReceived ?? 0,
      frameWidth: stats.frameWidth ?? 0,
      bytesReceived: stats.bytesReceived ?? 0,
      totalSamplesReceived: stats.totalSamplesReceived ?? 0,
      totalAudioEnergy: stats.totalAudioEnergy ?? 0,
    }));
  });
}

/**
 * Waits until `page` decodes video and audio from `fromParticipantId`, with the figures still rising
 * a second later: proof that media flows, not merely that a connection exists.
 */
export async function assertReceivesFrom(page: Page, fromParticipantId: string, timeoutMs = 20_000): Promise<{ video: StreamFigures; audio: StreamFigures }> {
  const deadline = Date.now() + timeoutMs;
  let last: StreamFigures[] = [];
  while (Date.now() < deadline) {
    const first = (await receivedStreams(page)).filter((s) => s.participantId === fromParticipantId);
    await page.waitForTimeout(1000);
    const second = (await receivedStreams(page)).filter((s) => s.participantId === fromParticipantId);
    last = second;
    const rising = (kind: string, ok: (a: StreamFigures, b: StreamFigures) => boolean) => {
      const a = first.find((s) => s.kind === kind);
      const b = second.find((s) => s.kind === kind);
      return a && b && ok(a, b) ? b : undefined;
    };
    const video = rising('video', (a, b) => b.framesDecoded > a.framesDecoded && b.bytesReceived > a.bytesReceived && b.frameWidth > 0);
    const audio = rising('audio', (a, b) => b.totalSamplesReceived > a.totalSamplesReceived && b.bytesReceived > a.bytesReceived && b.totalAudioEnergy > 0);
    if (video && audio) return { video, audio };
  }
  throw new Error(`no rising audio and video from ${fromParticipantId}; last figures: ${JSON.stringify(last)}`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}.png` });
}

async function twoSamples(page: Page, fromParticipantId: string, kind: 'audio' | 'video'): Promise<[StreamFigures | undefined, StreamFigures | undefined]> {
  const pick = async () => (await receivedStreams(page)).find((s) => s.participantId === fromParticipantId && s.kind === kind && s.source !== 'screen');
  const first = await pick();
  await page.waitForTimeout(1500);
  return [first, await pick()];
}

/** Whether audio energy from a participant grows over a second and a half. */
export async function audioRises(page: Page, fromParticipantId: string): Promise<boolean> {
  const [a, b] = await twoSamples(page, fromParticipantId, 'audio');
  return Boolean(a && b && b.totalAudioEnergy > a.totalAudioEnergy && b.totalSamplesReceived > a.totalSamplesReceived);
}

/** Waits until video frames from a participant are being decoded and rising. */
export async function assertVideoFrom(page: Page, fromParticipantId: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const [a, b] = await twoSamples(page, fromParticipantId, 'video');
    last = [a, b];
    if (a && b && b.framesDecoded > a.framesDecoded && b.frameWidth > 0) return;
  }
  throw new Error(`no rising video from ${fromParticipantId}: ${JSON.stringify(last)}`);
}

/** The judge admits someone, finding the button by the words of the judge's console (English unless given). */
export async function admit(judge: Page, displayName: string, words?: Words): Promise<void> {
  const button = judge.getByRole('button', { name: words ? words('console.admit', { name: displayName }) : `Admit ${displayName}` });
  await button.waitFor({ timeout: 15_000 });
  await button.click();
  await button.waitFor({ state: 'detached' });
}

/**
 * The judge presses a console button for an act that cannot be undone (end the hearing, stop the
 * recording) and answers the page's dialog that asks first, by the dialog's own button of that name.
 */
export async function pressAndConfirm(judge: Page, name: string): Promise<void> {
  await judge.locator('#court-console').getByRole('button', { name, exact: true }).click();
  const dialog = judge.getByRole('dialog');
  await dialog.getByRole('button', { name, exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * What axe-core finds against WCAG 2.1 A and AA in the page as it is now, one line per rule:
 * "color-contrast (2): #court-status, .tile .role". Run through the debugging protocol, which the
 * page's Content-Security-Policy does not govern, so the page is tested as it is served.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target.join(' ')) }));
  });
  return violations.map((v) => `${v.id} (${v.targets.length}): ${v.targets.slice(0, 4).join(', ')}`);
}

/** A laptop's screen and a phone's, as the court's and the person heard's pages are checked at. */
export const LAPTOP = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };

/**
 * An init script: the page gets sound only, for tests of what people read and do with several pages
 * in one browser on two cores, where video would only cost time.
 */
export function soundOnly(): void {
  const devices = navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  devices.getUserMedia = (constraints) => original({ audio: constraints?.audio ?? true });
}
