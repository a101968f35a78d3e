/**
 * The camera and microphone before joining: ask for them, list the devices, let the person choose,
 * and show a live level meter so they can see they are heard.
 */
import { analyseTrack, followLevel } from './level-meter.js';

export interface LocalMedia {
  stream: MediaStream;
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

export async function openLocalMedia(cameraId?: string, microphoneId?: string): Promise<LocalMedia> {
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  const video: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24, max: 30 } };
  if (microphoneId) audio.deviceId = { exact: microphoneId };
  if (cameraId) video.deviceId = { exact: cameraId };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio, video });
  } catch {
    // No camera (or it was refused): a hearing can go on with sound alone.
    stream = await navigator.mediaDevices.getUserMedia({ audio });
  }
  return { stream, audio: stream.getAudioTracks()[0] ?? null, video: stream.getVideoTracks()[0] ?? null };
}

export async function fillDeviceChoices(
  cameraSelect: HTMLSelectElement,
  microphoneSelect: HTMLSelectElement,
  current: LocalMedia,
  /** A device the browser does not name is called this, numbered: "Camera 2". */
  names: { camera: string; microphone: string },
): Promise<void> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const fill = (select: HTMLSelectElement, kind: MediaDeviceKind, selectedId: string | undefined, fallback: string) => {
    select.replaceChildren(
      ...devices
        .filter((d) => d.kind === kind)
        .map((d, i) => {
          const option = new Option(d.label || `${fallback} ${i + 1}`, d.deviceId);
          option.selected = d.deviceId === selectedId;
          return option;
        }),
    );
    select.disabled = select.options.length === 0;
  };
  fill(cameraSelect, 'videoinput', current.video?.getSettings().deviceId, names.camera);
  fill(microphoneSelect, 'audioinput', current.audio?.getSettings().deviceId, names.microphone);
}

/** Drives a <meter> from the microphone's loudness; returns a function that stops it. */
export function meterMicrophone(track: MediaStreamTrack, meter: HTMLMeterElement): () => void {
  const context = new AudioContext();
  const stop = followLevel(analyseTrack(context, track), meter);
  void context.resume();
  return () => {
    stop();
    void context.close();
  };
}
