/**
 * The person's own controls in the hearing: mute, camera and screen sharing. What they close stays
 * closed when the media is built again (the session starts a paused source paused), and the court
 * may mute a microphone or ask for it to be opened.
 */
import type { Action, MediaSource, ParticipantView } from '../../../signaling/protocol.js';
import type { PageInterpretation } from '../interpretation.js';
import type { MediaSession } from '../media-session.js';
import type { Stage } from '../tiles.js';
import type { DeviceCheck } from './device-check.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

/** The hearing's media as the controls reach it: the session that sends, and the interpretation that may keep an interpreter's floor microphone closed. */
export interface OwnStreams {
  readonly session: MediaSession | null;
  readonly interpretation: PageInterpretation | null;
  /** The camera as sent (masked where the court orders it), for her own tile. */
  shownCamera(): MediaStreamTrack | null;
}

export interface ControlsHost {
  readonly self: ParticipantView | null;
  readonly permissions: ReadonlySet<Action>;
  readonly stage: Stage;
  readonly devices: DeviceCheck;
  readonly media: OwnStreams;
  setStatus(text: string): void;
}

export class OwnControls {
  microphoneMuted = false;
  cameraOff = false;
  screenTrack: MediaStreamTrack | null = null;

  constructor(private readonly host: ControlsHost) {
    ui.toggleMicrophone.addEventListener('click', () => void this.toggleMicrophone());
    ui.toggleCamera.addEventListener('click', () => void this.toggleCamera());
    ui.toggleScreen.addEventListener('click', () => void this.toggleScreen());
  }

  /** The court muted this microphone: closed here too, and the person told why in their language. */
  mutedByCourt(message: string): void {
    this.microphoneMuted = true;
    const local = this.host.devices.local;
    if (local?.audio) local.audio.enabled = false;
    this.update();
    this.host.stage.setMuted(this.host.self?.id ?? '', true);
    this.host.setStatus(this.host.self?.role === 'person_heard' ? words.t('person.mutedByCourt') : message);
  }

  /** The court asks this person to speak: the button to unmute takes the focus. */
  unmuteRequested(message: string): void {
    this.host.setStatus(this.host.self?.role === 'person_heard' ? words.t('person.askedToUnmute') : message);
    ui.toggleMicrophone.focus();
  }

  /** Consecutive mode began with this interpreter live: the judge gives them the floor, so their floor microphone opens. */
  floorGiven(): void {
    this.microphoneMuted = false;
    this.update();
    this.host.stage.setMuted(this.host.self?.id ?? '', false);
  }

  /** Pauses one of this browser's streams; the floor microphone stays closed while the person has muted it. */
  async pauseOwn(source: MediaSource, paused: boolean): Promise<void> {
    await this.host.media.session?.setPaused(source, source === 'microphone' ? paused || this.microphoneMuted : paused);
  }

  /** The shared screen ends with the visit. */
  stopSharing(): void {
    this.screenTrack?.stop();
    this.screenTrack = null;
  }

  async toggleCamera(): Promise<void> {
    const { devices, media, stage } = this.host;
    this.cameraOff = !this.cameraOff;
    if (devices.local?.video) devices.local.video.enabled = !this.cameraOff;
    await media.session?.setPaused('camera', this.cameraOff);
    if (this.host.self) stage.showVideo(this.host.self.id, 'camera', this.cameraOff ? null : media.shownCamera());
    this.update();
  }

  update(): void {
    const { permissions } = this.host;
    const local = this.host.devices.local;
    const mic = permissions.has('media.send_audio') && Boolean(local?.audio);
    const cam = permissions.has('media.send_video') && Boolean(local?.video);
    ui.toggleMicrophone.hidden = !mic;
    ui.toggleMicrophone.textContent = words.t(this.microphoneMuted ? 'controls.unmute' : 'controls.mute');
    ui.toggleMicrophone.setAttribute('aria-pressed', String(this.microphoneMuted));
    ui.toggleCamera.hidden = !cam;
    ui.toggleCamera.textContent = words.t(this.cameraOff ? 'controls.startCamera' : 'controls.stopCamera');
    ui.toggleCamera.setAttribute('aria-pressed', String(this.cameraOff));
    ui.toggleScreen.hidden = !permissions.has('media.share_screen') || !('getDisplayMedia' in navigator.mediaDevices);
    ui.toggleScreen.textContent = words.t(this.screenTrack ? 'controls.stopSharing' : 'controls.shareScreen');
    ui.toggleScreen.setAttribute('aria-pressed', String(Boolean(this.screenTrack)));
  }

  private async toggleMicrophone(): Promise<void> {
    const { devices, media, stage } = this.host;
    this.microphoneMuted = !this.microphoneMuted;
    const closed = this.microphoneMuted || Boolean(media.interpretation?.floorClosedForInterpreter());
    if (devices.local?.audio) devices.local.audio.enabled = !closed;
    await media.session?.setPaused('microphone', closed);
    stage.setMuted(this.host.self?.id ?? '', this.microphoneMuted);
    this.update();
  }

  private async toggleScreen(): Promise<void> {
    if (this.screenTrack) {
      this.screenTrack.stop();
      return this.screenStopped();
    }
    try {
      const stream = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: { max: 5 } }, audio: false });
      const track = stream.getVideoTracks()[0];
      if (!track) return;
      track.contentHint = 'detail';
      this.screenTrack = track;
      track.addEventListener('ended', () => void this.screenStopped());
      await this.host.media.session?.send('screen', track);
      if (this.host.self) this.host.stage.showVideo(this.host.self.id, 'screen', track);
    } catch {
      this.host.setStatus(words.t('status.screenNotStarted'));
    }
    this.update();
  }

  private async screenStopped(): Promise<void> {
    this.screenTrack = null;
    await this.host.media.session?.stopSending('screen');
    if (this.host.self) this.host.stage.showVideo(this.host.self.id, 'screen', null);
    this.update();
  }
}
