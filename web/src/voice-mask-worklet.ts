/**
 * The voice mask: an AudioWorklet processor through which a protected person's microphone passes
 * before her page sends it (masking.ts). It lowers her voice's pitch with two read heads sliding
 * through a short delay line, crossfaded so that neither is heard as it jumps back; the words stay
 * clear, the voice is not hers.
 *
 * The shift is not a fixed, published factor that anyone could undo: each page draws its own between
 * 0.66 and 0.78 of her pitch, and the factor drifts slowly around it while she speaks.
 *
 * Built on its own as a plain script (web/build.mjs), loaded with `audioWorklet.addModule`.
 */

// The worklet scope's globals: not in the DOM library's types.
declare const sampleRate: number;
declare class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new (options: { processorOptions?: unknown }) => AudioWorkletProcessor): void;

/** The delay window the read heads slide through: long enough for low voices, short enough not to echo. */
const WINDOW_SECONDS = 0.045;
/** How fast the shift drifts around its centre, and how far. */
const DRIFT_HZ = 0.23;
const DRIFT_DEPTH = 0.03;

export interface VoiceMaskOptions {
  /** Output pitch as a fraction of hers (below 1: lower). */
  ratio: number;
}

class VoiceMask extends AudioWorkletProcessor {
  private readonly window = Math.round(WINDOW_SECONDS * sampleRate);
  private readonly buffer = new Float32Array(this.window * 2 + 4);
  private write = 0;
  /** Where the first read head is in its sweep through the window, 0 to 1; the second is half a sweep behind. */
  private phase = 0;
  private drift = 0;
  private readonly ratio: number;

  constructor(options: { processorOptions?: unknown }) {
    super();
    const ratio = (options.processorOptions as VoiceMaskOptions | undefined)?.ratio;
    this.ratio = typeof ratio === 'number' && ratio > 0.4 && ratio < 1 ? ratio : 0.72;
  }

  process(inputs: Float32Array[][], outputs: Float32Array[][]): boolean {
    const input = inputs[0]?.[0];
    const output = outputs[0];
    if (!output) return true;
    const size = this.buffer.length;
    const frames = output[0]?.length ?? 128;
    for (let i = 0; i < frames; i += 1) {
      this.buffer[this.write] = input?.[i] ?? 0;
      this.drift += DRIFT_HZ / sampleRate;
      if (this.drift >= 1) this.drift -= 1;
      const ratio = this.ratio * (1 + DRIFT_DEPTH * Math.sin(2 * Math.PI * this.drift));
      // The delay grows by (1 - ratio) a sample: the heads read her voice at `ratio` of its speed.
      this.phase += (1 - ratio) / this.window;
      if (this.phase >= 1) this.phase -= 1;
      const second = (this.phase + 0.5) % 1;
      // Each head is silent as it jumps back (sin 0), and the two powers always sum to one.
      const sample = this.read(this.phase * this.window) * Math.sin(Math.PI * this.phase) + this.read(second * this.window) * Math.sin(Math.PI * second);
      for (const channel of output) channel[i] = sample;
      this.write = (this.write + 1) % size;
    }
    return true;
  }

  /** The sample `delay` samples before the one just written, between two samples by straight line. */
  private read(delay: number): number {
    const size = this.buffer.length;
    const position = (this.write - delay + size) % size;
    const before = Math.floor(position);
    const fraction = position - before;
    return (this.buffer[before] ?? 0) * (1 - fraction) + (this.buffer[(before + 1) % size] ?? 0) * fraction;
  }
}

registerProcessor('voice-mask', VoiceMask);
