/**
 * Listening as a person would: what a page plays out (the stream of its `#hearing-audio` element,
 * the whole mix the person hears) analysed with a Web Audio AnalyserNode inside the page, as the
 * power at each test tone's frequency. Each browser's fake microphone plays its own steady tone
 * (`toneFile`), so the power at a frequency says how loudly that person is heard.
 */
import { execFile } from 'node:child_process';
import type { Page } from 'playwright-core';

/** Power in dB (full scale) at each frequency, keyed by frequency. */
export type ToneLevels = Record<number, number>;

/** Below this a tone is not heard at all: silence through Opus reads about -140 dB, a quiet floor tone around -70. */
export const INAUDIBLE_DB = -95;

/**
 * The power at each of `frequencies` in what `page` plays out over `durationMs`: the average of
 * readings every 100 ms, or with `statistic: 'loudest'` the loudest reading (to show a tone was
 * never there, not merely quiet on average). The peak within ±12 Hz of each frequency counts, so a
 * tone a bin away is still found.
 */
export async function toneLevels(page: Page, frequencies: number[], durationMs = 1500, statistic: 'mean' | 'loudest' = 'mean'): Promise<ToneLevels> {
  return page.evaluate(
    async ([frequencies, durationMs, statistic]) => {
      const element = document.getElementById('hearing-audio') as HTMLAudioElement | null;
      const stream = element?.srcObject;
      if (!(stream instanceof MediaStream)) throw new Error('the page plays out no mixed stream (#hearing-audio)');
      const context = new AudioContext();
      await context.resume();
      const analyser = context.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      const source = context.createMediaStreamSource(stream);
      source.connect(analyser);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const hzPerBin = context.sampleRate / analyser.fftSize;
      const sums = frequencies.map(() => 0);
      const loudest = frequencies.map(() => -Infinity);
      let frames = 0;
      // Let the analyser fill its window before the first reading.
      await new Promise((resolve) => setTimeout(resolve, 250));
      const end = performance.now() + durationMs;
      while (performance.now() < end) {
        analyser.getFloatFrequencyData(bins);
        frequencies.forEach((frequency, i) => {
          const low = Math.max(0, Math.floor((frequency - 12) / hzPerBin));
          const high = Math.min(bins.length - 1, Math.ceil((frequency + 12) / hzPerBin));
          let peak = -Infinity;
          for (let b = low; b <= high; b++) peak = Math.max(peak, bins[b]!);
          sums[i]! += 10 ** (Math.max(peak, -200) / 10);
          loudest[i] = Math.max(loudest[i]!, Math.max(peak, -200));
        });
        frames += 1;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      source.disconnect();
      await context.close();
      return Object.fromEntries(frequencies.map((f, i) => [f, statistic === 'loudest' ? loudest[i]! : 10 * Math.log10(sums[i]! / frames)]));
    },
    [frequencies, durationMs, statistic] as const,
  );
}

/** A choice made in a <select>, as a person makes it: the value set, then `change`. */
export interface Choice {
  selector: string;
  value: string;
}

/**
 * Makes `choice` in the page, then measures in the page how long until the tone at `frequency` is
 * heard in the mix at `thresholdDb` or louder, polling every 5 ms. Returns milliseconds, or null if
 * it was not heard within `timeoutMs`. The clock starts in the page, right before the choice.
 */
export async function msUntilHeard(page: Page, choice: Choice, frequency: number, thresholdDb: number, timeoutMs = 5000): Promise<number | null> {
  return page.evaluate(
    async ([choice, frequency, thresholdDb, timeoutMs]) => {
      const select = document.querySelector<HTMLSelectElement>(choice.selector);
      if (!select) throw new Error(`no ${choice.selector} in the page`);
      const stream = (document.getElementById('hearing-audio') as HTMLAudioElement | null)?.srcObject;
      if (!(stream instanceof MediaStream)) throw new Error('the page plays out no mixed stream (#hearing-audio)');
      const context = new AudioContext();
      await context.resume();
      const analyser = context.createAnalyser();
      analyser.fftSize = 2048;
      analyser.smoothingTimeConstant = 0;
      const source = context.createMediaStreamSource(stream);
      source.connect(analyser);
      const bins = new Float32Array(analyser.frequencyBinCount);
      const hzPerBin = context.sampleRate / analyser.fftSize;
      const low = Math.floor((frequency - 25) / hzPerBin);
      const high = Math.ceil((frequency + 25) / hzPerBin);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const started = performance.now();
      select.value = choice.value;
      select.dispatchEvent(new Event('change', { bubbles: true }));
      let heard: number | null = null;
      while (performance.now() - started < timeoutMs) {
        analyser.getFloatFrequencyData(bins);
        let peak = -Infinity;
        for (let b = low; b <= high; b++) peak = Math.max(peak, bins[b]!);
        if (peak >= thresholdDb) {
          heard = performance.now() - started;
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      source.disconnect();
      await context.close();
      return heard;
    },
    [choice, frequency, thresholdDb, timeoutMs] as const,
  );
}

/**
 * Listens to `page` again and again until `heard(levels)` holds or `timeoutMs` passes, and returns the
 * last levels either way: the caller asserts on them, so a failure shows what was heard. Media takes a
 * moment to follow a change (a consumer created, a producer resumed); this waits for it, no longer.
 */
export async function listenUntil(page: Page, frequencies: number[], heard: (levels: ToneLevels) => boolean, timeoutMs = 30_000): Promise<ToneLevels> {
  const deadline = Date.now() + timeoutMs;
  let levels = await toneLevels(page, frequencies, 1000);
  while (!heard(levels) && Date.now() < deadline) levels = await toneLevels(page, frequencies, 1000);
  return levels;
}

/** Levels as a line for an assertion's message: "300 Hz -41.2 dB, 700 Hz -20.3 dB". */
export function describeLevels(levels: ToneLevels): string {
  return Object.entries(levels)
    .map(([f, db]) => `${f} Hz ${db.toFixed(1)} dB`)
    .join(', ');
}

/** How many dB louder `a` is than `b` in `levels`. */
export function louderBy(levels: ToneLevels, a: number, b: number): number {
  return levels[a]! - levels[b]!;
}

/**
 * The power (dB relative to full scale) at each of `frequencies` in a recorded media file, as a
 * listener of the recording would hear it: the file decoded by ffmpeg to mono 48 kHz and measured by
 * the Goertzel algorithm over the whole file.
 */
export async function toneLevelsOfFile(file: string, frequencies: number[]): Promise<ToneLevels> {
  const pcm = await new Promise<Buffer>((resolve, reject) =>
    execFile(
      'ffmpeg',
      ['-hide_banner', '-loglevel', 'error', '-i', file, '-ac', '1', '-ar', '48000', '-f', 'f32le', '-'],
      { encoding: 'buffer', maxBuffer: 256 * 1024 * 1024 },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    ),
  );
  const samples = new Float32Array(pcm.buffer, pcm.byteOffset, Math.floor(pcm.length / 4));
  const levels: ToneLevels = {};
  for (const f of frequencies) {
    const coefficient = 2 * Math.cos((2 * Math.PI * f) / 48000);
    let s1 = 0;
    let s2 = 0;
    for (const x of samples) {
      const s0 = x + coefficient * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const power = (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / Math.max(1, samples.length) ** 2;
    levels[f] = 10 * Math.log10(power + 1e-20);
  }
  return levels;
}

/** The loudest frequency between 150 and 700 Hz in what the page plays out, and its lead over 440 Hz, in dB. */
export async function loudestTone(page: Page): Promise<{ hz: number; overOriginalDb: number }> {
  return page.evaluate(async () => {
    const stream = (document.getElementById('hearing-audio') as HTMLAudioElement | null)?.srcObject;
    if (!(stream instanceof MediaStream)) throw new Error('the page plays out no mixed stream');
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 8192;
    analyser.smoothingTimeConstant = 0;
    const source = context.createMediaStreamSource(stream);
    source.connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const power = new Float64Array(analyser.frequencyBinCount);
    const hzPerBin = context.sampleRate / analyser.fftSize;
    await new Promise((resolve) => setTimeout(resolve, 250));
    for (let reading = 0; reading < 15; reading++) {
      analyser.getFloatFrequencyData(bins);
      for (let b = 0; b < bins.length; b++) power[b]! += 10 ** (Math.max(bins[b]!, -200) / 10);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    source.disconnect();
    await context.close();
    let best = Math.round(150 / hzPerBin);
    for (let b = best; b <= Math.round(700 / hzPerBin); b++) if (power[b]! > power[best]!) best = b;
    const at440 = Math.max(...[-1, 0, 1].map((d) => power[Math.round(440 / hzPerBin) + d]!));
    return { hz: best * hzPerBin, overOriginalDb: 10 * Math.log10(power[best]! / Math.max(at440, 1e-20)) };
  });
}
