/**
 * A <meter> that follows the loudness of a sound: the microphone before joining, and in the
 * interpreter's console what arrives from the floor and what goes out on the channel.
 */

/**
 * How often a meter is read. A level meter needs no more to look live, and every change of a
 * <meter> costs the page a frame of style, layout and paint: at the display's 60 a second the
 * interpreter's two meters kept a phone's (or a loaded laptop's) page busy drawing, and slow to answer.
 */
const READS_PER_SECOND = 12;

/**
 * Drives `meter` until the returned function is called, from `analyser` — or from whichever analyser
 * `analyser()` names at each reading, at zero when it names none. The meter is written only when
 * the level moved enough to see, and not at all while the page is hidden.
 */
export function followLevel(analyser: AnalyserNode | (() => AnalyserNode | null), meter: HTMLMeterElement): () => void {
  const current = typeof analyser === 'function' ? analyser : () => analyser;
  let samples = new Float32Array(0);
  const read = () => {
    if (document.hidden) return;
    const now = current();
    let level = 0;
    if (now) {
      if (samples.length !== now.fftSize) samples = new Float32Array(now.fftSize);
      now.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      level = Math.min(1, Math.sqrt(sum / samples.length) * 4);
    }
    if (Math.abs(level - meter.value) >= 0.02 || (level === 0) !== (meter.value === 0)) meter.value = level;
  };
  read();
  const timer = window.setInterval(read, 1000 / READS_PER_SECOND);
  return () => window.clearInterval(timer);
}

/** An analyser of a local track, in `context`. */
export function analyseTrack(context: AudioContext, track: MediaStreamTrack): AnalyserNode {
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  return analyser;
}
