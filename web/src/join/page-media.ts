/**
 * The hearing's media on this page: entering it (on Join, and again when the connection comes back
 * after a drop), rebuilding it when the media server restarts, and closing it at the end of the
 * visit, which releases every device. The mediasoup client, the quality reporter and interpretation
 * arrive in a chunk of their own (`hearing-chunk.ts`), fetched while the person looks at the preview.
 */
import type { Action, ClientRequest, CourtView, InterpretationView, MediaSource, ParticipantView } from '../../../signaling/protocol.js';
import { request, type HearingConnection } from '../connection.js';
import type { SendCommand } from '../court-console.js';
import type { PageInterpretation } from '../interpretation.js';
import type { MediaSession } from '../media-session.js';
import type { SourceMasks } from '../masking.js';
import type { QualityReporter } from '../quality-reporter.js';
import type { RemoteTrack } from '../remote-streams.js';
import type { Stage } from '../tiles.js';
import type { AudioOnly } from './audio-only.js';
import type { PrivateConsultation } from './consultation.js';
import type { OwnControls } from './controls.js';
import type { DeviceCheck } from './device-check.js';
import { ui, type View } from './elements.js';
import { loadHearingModules } from './hearing-chunk.js';
import { words } from './page-words.js';
import { refusal } from './refusals.js';

export interface MediaHost {
  readonly socket: HearingConnection;
  readonly view: View;
  readonly self: ParticipantView | null;
  readonly permissions: ReadonlySet<Action>;
  readonly people: Map<string, ParticipantView>;
  readonly stage: Stage;
  readonly devices: DeviceCheck;
  readonly controls: OwnControls;
  readonly consultation: PrivateConsultation;
  readonly audioOnly: AudioOnly;
  readonly court: CourtView | null;
  command: SendCommand;
  setStatus(text: string): void;
  show(view: View): void;
}

export class PageMedia {
  session: MediaSession | null = null;
  /** The listener's mix and channel choice; for an interpreter, the booth. */
  interpretation: PageInterpretation | null = null;
  /** The latest interpretation state, kept from before Join for when the hearing's modules are loaded. */
  private interpretationView: InterpretationView | null = null;
  private quality: QualityReporter | null = null;
  /** Her voice and picture masked before they leave the device, where the court orders it (masking.ts). */
  private masks: SourceMasks | null = null;
  /** The masking the streams sent now were created under ("" before any). */
  private maskedAs = '';
  /** Set while the hearing is being entered: the masking is applied then, and a change meanwhile waits for it. */
  private entering: Promise<void> | null = null;
  /** Changes of masking, one after the other: two at once could send a raw track declared as masked. */
  private masking: Promise<void> = Promise.resolve();
  private firstFrameSeen = false;
  /** True once the media of this visit is closed (left, removed, or the hearing ended). */
  released = false;

  constructor(private readonly host: MediaHost) {}

  async enter(): Promise<void> {
    const entering = this.enterHearing();
    this.entering = entering;
    try {
      await entering;
    } finally {
      if (this.entering === entering) this.entering = null;
    }
  }

  private async enterHearing(): Promise<void> {
    const { controls, devices, people, stage } = this.host;
    if (!this.host.self) return;
    performance.mark('join-clicked');
    this.firstFrameSeen = false;
    this.released = false;
    ui.joinButton.disabled = true;
    let modules: Awaited<ReturnType<typeof loadHearingModules>>;
    try {
      modules = await loadHearingModules();
    } catch {
      // Said where the person is looking: on the preview, or in the hearing after a reconnection.
      const message = words.t('join.loadFailed');
      this.host.setStatus(message);
      ui.previewMessage.textContent = message;
      ui.previewMessage.hidden = this.host.view !== 'join';
      ui.joinButton.disabled = false;
      return;
    }
    const { MediaSession, PageInterpretation, QualityReporter, SourceMasks } = modules;
    this.masks ??= new SourceMasks();
    if (!this.interpretation) {
      this.interpretation = new PageInterpretation(
        ui.hearingSound,
        ui.boothConsole,
        (name, payload) => this.host.command(name, payload),
        (source, paused) => controls.pauseOwn(source, paused),
        (id) => people.get(id)?.displayName ?? '',
        this.host.permissions.has('interpretation.interpret'),
        () => controls.floorGiven(),
        words,
      );
      if (this.interpretationView) this.interpretation.update(this.interpretationView);
      ui.listeningSlot.replaceChildren(this.interpretation.picker.root);
    }
    this.session?.close();
    stage.clear();
    const session = new MediaSession(
      this.host.socket,
      {
        trackAdded: (remote) => this.onTrackAdded(remote),
        trackRemoved: (remote) => {
          stage.detach(remote);
          this.interpretation?.trackRemoved(remote);
        },
        trackPaused: (remote, paused) => {
          if (remote.source === 'microphone') stage.setMuted(remote.participantId, paused);
        },
        connectionState: (state) =>
          this.host.setStatus(words.t(state === 'connected' ? 'status.connected' : state === 'failed' ? 'status.mediaLost' : 'status.connecting')),
        incomingVideo: (state) => this.host.audioOnly.receive(state),
      },
      this.host.consultation.frames,
    );
    this.session = session;
    // Sound starts from this click (browsers allow audio only after a gesture).
    const sound = this.interpretation?.start();
    try {
      const rtpCapabilities = await session.load();
      const { self, participants } = await request(this.host.socket, 'hearing:enter', {
        rtpCapabilities: rtpCapabilities as ClientRequest<'hearing:enter'>['rtpCapabilities'],
        canSeal: this.host.consultation.frames !== null,
      });
      this.quality?.stop();
      this.quality = new QualityReporter(session, (report) => request(this.host.socket, 'quality:report', report));
      this.quality.start();
      people.clear();
      stage.add(self, true);
      for (const participant of participants) {
        people.set(participant.id, participant);
        stage.add(participant);
      }
      // What leaves this device is masked as the court orders; she sees herself as the others see her.
      const masking = this.host.court?.you.masking ?? null;
      const ownCamera = this.host.permissions.has('media.send_video') ? (devices.local?.video ?? null) : null;
      const ownMicrophone = this.host.permissions.has('media.send_audio') ? (devices.local?.audio ?? null) : null;
      const camera = ownCamera && (await this.masks.track('camera', ownCamera, masking));
      const microphone = ownMicrophone && (await this.masks.track('microphone', ownMicrophone, masking));
      session.declareMasking(masking);
      this.maskedAs = JSON.stringify(masking);
      stage.showVideo(self.id, 'camera', controls.cameraOff ? null : camera);
      controls.update();
      this.host.show('hearing');
      this.host.setStatus(words.t('status.connecting'));
      const booth = this.interpretation?.boothTracks(microphone) ?? {};
      // Start muted streams muted: nothing of a muted microphone may reach the hearing, even briefly.
      await session.setPaused('microphone', controls.microphoneMuted || Boolean(this.interpretation?.floorClosedForInterpreter()));
      await session.setPaused('camera', controls.cameraOff);
      for (const source of Object.keys(booth) as MediaSource[]) await session.setPaused(source, this.interpretation?.startsPaused(source) ?? true);
      const screen = controls.screenTrack?.readyState === 'live' ? controls.screenTrack : null;
      await sound;
      await session.start({ microphone, camera, screen, ...booth }, this.host.permissions.has('media.receive'));
      if (screen) stage.showVideo(self.id, 'screen', screen);
      controls.update();
    } catch (error) {
      this.host.setStatus(refusal(error, 'join.failed'));
      ui.joinButton.disabled = false;
    }
  }

  /**
   * The court ordered, changed or lifted the masking of her voice or picture while she is in the
   * hearing: her microphone and camera are sent again as new streams, masked as now ordered (the
   * server has closed what she sent unmasked).
   */
  followMasking(view: CourtView): Promise<void> {
    // A change that failed does not stop the next one.
    this.masking = this.masking
      .catch(() => undefined)
      .then(async () => {
        await this.entering?.catch(() => undefined);
        await this.applyMasking(view.you.masking);
      });
    return this.masking.catch(() => undefined);
  }

  private async applyMasking(masking: CourtView['you']['masking']): Promise<void> {
    const session = this.session;
    if (!session || !this.masks || this.released || JSON.stringify(masking) === this.maskedAs) return;
    this.maskedAs = JSON.stringify(masking);
    const { devices, permissions, controls, stage, self } = this.host;
    const ownMicrophone = permissions.has('media.send_audio') ? (devices.local?.audio ?? null) : null;
    const ownCamera = permissions.has('media.send_video') ? (devices.local?.video ?? null) : null;
    if (ownMicrophone) await session.resend('microphone', await this.masks.track('microphone', ownMicrophone, masking), masking);
    if (ownCamera) {
      const camera = await this.masks.track('camera', ownCamera, masking);
      await session.resend('camera', camera, masking);
      if (self) stage.showVideo(self.id, 'camera', controls.cameraOff ? null : camera);
    }
  }

  /** The camera as this page sends it (masked where the court orders it), for her own tile. */
  shownCamera(): MediaStreamTrack | null {
    const own = this.host.devices.local?.video ?? null;
    return own && this.masks ? this.masks.current('camera', own) : own;
  }

  /** After leaving: the devices are opened again, then the hearing entered as on Join. */
  async rejoin(): Promise<void> {
    if (this.host.permissions.has('media.send_audio') || this.host.permissions.has('media.send_video')) await this.host.devices.open();
    await this.enter();
  }

  /** The media server was replaced: the session rebuilds its transports on the new router, the page stays. */
  restart(): void {
    this.host.setStatus(words.t('status.mediaRestart'));
    void this.session?.restart(this.host.permissions.has('media.receive')).then(
      () => this.host.setStatus(words.t('status.connected')),
      () => this.host.setStatus(words.t('status.reconnectFailed')),
    );
  }

  showInterpretation(view: InterpretationView): void {
    this.interpretationView = view;
    this.interpretation?.update(view);
  }

  /** Closes the media: no track is sent or received any more, and every device this page opened is stopped. */
  release(): void {
    this.released = true;
    this.quality?.stop();
    this.quality = null;
    this.session?.close();
    this.session = null;
    this.masks?.close();
    this.masks = null;
    this.maskedAs = '';
    this.interpretation?.stop();
    this.host.stage.clear();
    this.host.people.clear();
    this.host.devices.release();
    this.host.controls.stopSharing();
  }

  diagnostics() {
    return {
      receiveStats: () => this.session?.receiveStats() ?? Promise.resolve([]),
      routes: () => this.session?.routes() ?? Promise.resolve([]),
      iceRestarts: () => this.session?.iceRestartsDone ?? 0,
    };
  }

  private onTrackAdded(remote: RemoteTrack): void {
    this.host.stage.attach(remote);
    this.interpretation?.trackAdded(remote);
    if (remote.track.kind !== 'video' || this.firstFrameSeen) return;
    const video = this.host.stage.videoElement(remote.participantId);
    video?.requestVideoFrameCallback(() => {
      if (this.firstFrameSeen) return;
      this.firstFrameSeen = true;
      performance.mark('first-remote-frame');
    });
  }
}
