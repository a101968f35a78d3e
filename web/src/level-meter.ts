/**
 * A <meter> that follows the loudness of a sound: the microphone before joining, and in the
 * interpreter's console what arrives from the floor and what goes out on the channel.
 */

/**
 * Drives `meter` until the returned function is called, from `analyser` — or from whichever analyser
 * `analyser()` names at each frame, at zero when it names none.
 */
export function followLevel(analyser: AnalyserNode | (() => AnalyserNode | null), meter: HTMLMeterElement): () => void {
  const current = typeof analyser === 'function' ? analyser : () => analyser;
  let samples = new Float32Array(0);
  let frame = 0;
  const tick = () => {
    const now = current();
    if (now) {
      if (samples.length !== now.fftSize) samples = new Float32Array(now.fftSize);
      now.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      meter.value = Math.min(1, Math.sqrt(sum / samples.length) * 4);
    } else {
      meter.value = 0;
    }
    frame = requestAnimationFrame(tick);
  };
  tick();
  return () => cancelAnimationFrame(frame);
}

/** An analyser of a local track, in `context`. */
export function analyseTrack(context: AudioContext, track: MediaStreamTrack): AnalyserNode {
  const analyser = context.createAnalyser();
  analyser.fftSize = 1024;
  context.createMediaStreamSource(new MediaStream([track])).connect(analyser);
  return analyser;
}
