/**
 * A protected person's voice and picture, masked in her own browser before they are sent: what the
 * media server forwards and the recording keeps is only ever the masked stream (the server refuses
 * her streams unless this page declares the masking the court ordered, courtroom/media-policy.ts).
 *
 * - Voice: her microphone through the voice-mask worklet (voice-mask-worklet.ts), which lowers and
 *   varies its pitch.
 * - Picture, `pixelate`: each frame averaged down to about twenty blocks across, by halving (each
 *   halving averages four pixels exactly, so no detail slips through between samples) and drawn back
 *   up without smoothing: her movements stay visible, her face and the room behind her do not.
 * - Picture, `replace`: a neutral figure in place of her picture.
 *
 * The raw tracks stay on this page (the preview before Join shows her camera as it is, for her to
 * check it works); only the masked ones are handed to the media session.
 */
import type { FaceMasking, SourceMasking } from '../../model/media.js';

declare const VOICE_MASK_URL: string;

/** Frames a second of a masked picture: enough to see that she speaks and moves, light for a phone. */
const MASKED_FPS = 15;
/** A masked picture is averaged down until it is at most this many blocks across. */
const MAX_BLOCKS_ACROSS = 24;

interface Masked {
  track: MediaStreamTrack;
  stop(): void;
}

export class SourceMasks {
  private context: AudioContext | null = null;
  private readonly masked = new Map<'microphone' | 'camera', { raw: MediaStreamTrack; how: string; masked: Masked }>();

  /**
   * The track to send for a source under the court's order: her raw track where nothing is ordered for
   * it, else a masked track made from it (made once per raw track and order, then reused).
   */
  async track(source: 'microphone' | 'camera', raw: MediaStreamTrack, ordered: SourceMasking | null): Promise<MediaStreamTrack> {
    const how = source === 'microphone' ? (ordered?.voice ? 'voice' : 'none') : (ordered?.face ?? 'none');
    const existing = this.masked.get(source);
    if (existing && existing.raw === raw && existing.how === how) return existing.masked.track;
    existing?.masked.stop();
    this.masked.delete(source);
    if (how === 'none') return raw;
    const masked = source === 'microphone' ? await this.maskVoice(raw) : maskPicture(raw, how as Exclude<FaceMasking, 'none'>);
    this.masked.set(source, { raw, how, masked });
    return masked.track;
  }

  /** The track sent now for a source made from this raw track: the masked one, or the raw one where none is. */
  current(source: 'microphone' | 'camera', raw: MediaStreamTrack): MediaStreamTrack {
    const existing = this.masked.get(source);
    return existing && existing.raw === raw ? existing.masked.track : raw;
  }

  /** Every masked track stopped (the visit ended); the raw tracks are the device check's to stop. */
  close(): void {
    for (const { masked } of this.masked.values()) masked.stop();
    this.masked.clear();
    void this.context?.close();
    this.context = null;
  }

  private async maskVoice(raw: MediaStreamTrack): Promise<Masked> {
    // One audio context for the visit: made on the Join click (browsers start sound only after a
    // gesture), reused when the hearing is entered again after a drop.
    if (!this.context) {
      const context = new AudioContext();
      await context.audioWorklet.addModule(VOICE_MASK_URL);
      this.context = context;
    }
    const context = this.context;
    await context.resume().catch(() => undefined);
    const input = context.createMediaStreamSource(new MediaStream([raw]));
    // Each visit draws its own shift, so that no one factor undoes every masked voice.
    const ratio = 0.66 + Math.random() * 0.12;
    const mask = new AudioWorkletNode(context, 'voice-mask', { processorOptions: { ratio }, outputChannelCount: [1] });
    const output = context.createMediaStreamDestination();
    input.connect(mask).connect(output);
    const track = output.stream.getAudioTracks()[0]!;
    return {
      track,
      stop: () => {
        input.disconnect();
        mask.disconnect();
        track.stop();
      },
    };
  }
}

function maskPicture(raw: MediaStreamTrack, how: Exclude<FaceMasking, 'none'>): Masked {
  const settings = raw.getSettings();
  const width = settings.width ?? 640;
  const height = settings.height ?? 360;
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = new MediaStream([raw]);
  void video.play().catch(() => undefined);
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { alpha: false })!;
  // The halvings, from the picture's size down to the blocks; made once.
  const steps: HTMLCanvasElement[] = [];
  for (let w = width, h = height; w > MAX_BLOCKS_ACROSS; ) {
    w = Math.max(1, Math.round(w / 2));
    h = Math.max(1, Math.round(h / 2));
    const step = document.createElement('canvas');
    step.width = w;
    step.height = h;
    steps.push(step);
  }
  const draw = () => {
    if (how === 'replace') return drawFigure(context, width, height);
    // Nothing of her camera is drawn until it has a frame: a blank picture, never a raw one.
    if (video.readyState < 2) return drawFigure(context, width, height);
    let from: CanvasImageSource = video;
    for (const step of steps) {
      const c = step.getContext('2d')!;
      c.imageSmoothingEnabled = true;
      c.drawImage(from, 0, 0, step.width, step.height);
      from = step;
    }
    context.imageSmoothingEnabled = false;
    context.drawImage(from, 0, 0, width, height);
  };
  draw();
  // A timer, not animation frames: the picture keeps going when her page is not in front.
  const timer = setInterval(draw, 1000 / MASKED_FPS);
  // Muted with her camera by the media session (MediaSession.setPaused), which holds this track.
  const track = canvas.captureStream(MASKED_FPS).getVideoTracks()[0]!;
  return {
    track,
    stop: () => {
      clearInterval(timer);
      track.stop();
      video.srcObject = null;
    },
  };
}

/** A neutral head and shoulders on a plain ground: nothing of her, nothing of where she is. */
function drawFigure(context: CanvasRenderingContext2D, width: number, height: number): void {
  context.fillStyle = '#3b4452';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#8a94a3';
  const unit = height / 10;
  context.beginPath();
  context.arc(width / 2, unit * 3.8, unit * 1.7, 0, Math.PI * 2);
  context.fill();
  context.beginPath();
  context.ellipse(width / 2, height + unit * 0.6, unit * 3.6, unit * 4.2, 0, Math.PI, 0);
  context.fill();
}
