/**
 * The page behind a personal link: check the link, prepare camera and microphone, join, and take
 * part. The same page stays loaded for the whole hearing, through network drops and media-server
 * restarts, so nobody has to find their link again.
 */
import type { Action, ClientRequest, ClientRequestName, CourtView, IncomingVideo, InterpretationView, LevelOnly, MediaSource, ParticipantView, QualityGlance } from '../../signaling/protocol.js';
import { renderConnections } from './connections-panel.js';
import type { PageInterpretation } from './interpretation.js';
import { askText } from './ask.js';
import { CourtConsole, PAUSE_KEYS } from './court-console.js';
import { browserLanguage, PageLanguage } from './page-language.js';
import { ConsultationCrypto, type KeyMessage } from './consultation-crypto.js';
import { directionOf, type MessageKey } from '../../language/index.js';
import { MinutesPanel } from './minutes-panel.js';
import { connect, readJoinLink, request, RequestError, type HearingConnection } from './connection.js';
import type { MediaSession } from './media-session.js';
import type { RemoteTrack } from './remote-streams.js';
import type { QualityReporter } from './quality-reporter.js';
import { fillDeviceChoices, meterMicrophone, openLocalMedia, type LocalMedia } from './preview.js';
import { FloorFocus } from './floor-focus.js';
import { Stage } from './tiles.js';

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (!element) throw new Error(`page is missing #${id}`);
  return element as T;
};

const ui = {
  joinView: byId<HTMLElement>('join-view'),
  joinTitle: byId<HTMLHeadingElement>('join-title'),
  hearingTitle: byId<HTMLParagraphElement>('hearing-title'),
  linkError: byId<HTMLDivElement>('link-error'),
  setup: byId<HTMLElement>('join-setup'),
  selfName: byId<HTMLElement>('self-name'),
  selfRole: byId<HTMLElement>('self-role'),
  preview: byId<HTMLVideoElement>('preview-video'),
  previewMessage: byId<HTMLParagraphElement>('preview-message'),
  micLevel: byId<HTMLMeterElement>('mic-level'),
  cameraSelect: byId<HTMLSelectElement>('camera-select'),
  microphoneSelect: byId<HTMLSelectElement>('microphone-select'),
  joinButton: byId<HTMLButtonElement>('join-button'),
  hearingView: byId<HTMLElement>('hearing-view'),
  hearingHeading: byId<HTMLHeadingElement>('hearing-heading'),
  status: byId<HTMLParagraphElement>('connection-status'),
  tiles: byId<HTMLUListElement>('tiles'),
  toggleMicrophone: byId<HTMLButtonElement>('toggle-microphone'),
  toggleCamera: byId<HTMLButtonElement>('toggle-camera'),
  toggleScreen: byId<HTMLButtonElement>('toggle-screen'),
  toggleConsultation: byId<HTMLButtonElement>('toggle-consultation'),
  leaveButton: byId<HTMLButtonElement>('leave-button'),
  courtStatus: byId<HTMLParagraphElement>('court-status'),
  recordingIndicator: byId<HTMLParagraphElement>('recording-indicator'),
  recordingLabel: byId<HTMLSpanElement>('recording-label'),
  recordingBasis: byId<HTMLSpanElement>('recording-basis'),
  courtError: byId<HTMLDivElement>('court-error'),
  qualityAlerts: byId<HTMLUListElement>('quality-alerts'),
  waitingRoom: byId<HTMLElement>('waiting-room'),
  waitingTitle: byId<HTMLElement>('waiting-title'),
  waitingBody: byId<HTMLElement>('waiting-body'),
  waitingDetail: byId<HTMLElement>('waiting-detail'),
  rightsNotice: byId<HTMLElement>('rights-notice'),
  rightsTitle: byId<HTMLElement>('rights-title'),
  rightsBody: byId<HTMLElement>('rights-body'),
  rightsInterpreted: byId<HTMLElement>('rights-interpreted'),
  acknowledgeRights: byId<HTMLButtonElement>('acknowledge-rights'),
  personActions: byId<HTMLElement>('person-actions'),
  claimPrivilege: byId<HTMLButtonElement>('claim-privilege'),
  withdrawConsent: byId<HTMLButtonElement>('withdraw-consent'),
  courtConsole: byId<HTMLElement>('court-console'),
  minutesPanel: byId<HTMLElement>('minutes-panel'),
  controls: byId<HTMLElement>('controls'),
  audioOnlyNotice: byId<HTMLParagraphElement>('audio-only-notice'),
  toggleAudioOnly: byId<HTMLButtonElement>('toggle-audio-only'),
  audioOnlyCameraChoice: byId<HTMLLabelElement>('audio-only-camera-choice'),
  audioOnlyCamera: byId<HTMLInputElement>('audio-only-camera'),
  audioOnlyCameraLabel: byId<HTMLSpanElement>('audio-only-camera-label'),
  connections: byId<HTMLElement>('connections'),
  boothConsole: byId<HTMLElement>('booth-console'),
  listeningSlot: byId<HTMLElement>('listening-slot'),
  hearingSound: byId<HTMLElement>('hearing-sound'),
  leftView: byId<HTMLElement>('left-view'),
  leftTitle: byId<HTMLHeadingElement>('left-title'),
  leftMessage: byId<HTMLParagraphElement>('left-message'),
  languageFallback: byId<HTMLParagraphElement>('language-fallback'),
  rejoinButton: byId<HTMLButtonElement>('rejoin-button'),
};

type View = 'join' | 'hearing' | 'left';

/** What this page says, in the person's language once the server has said who they are. */
const words = new PageLanguage();

/** Refusals the person may meet, in their language; any other is shown as the court's server words it. */
const ERROR_KEYS: Record<string, MessageKey> = {
  rights_not_shown: 'error.rights_not_shown',
  no_consent: 'error.no_consent',
  hearing_ended: 'error.hearing_ended',
  not_connected: 'error.not_connected',
  cannot_seal: 'error.cannot_seal',
  already_consulting: 'error.already_consulting',
  rate_limited: 'error.rate_limited',
  internal_error: 'error.generic',
  record_disk_full: 'error.recordDiskFull',
  record_unavailable: 'error.recordUnavailable',
  timeout: 'status.timeout',
};

/** A refusal in words: the person's language where the page knows the code. */
function refusal(error: unknown, otherwise: MessageKey): string {
  if (!(error instanceof RequestError)) return words.t(otherwise);
  const key = ERROR_KEYS[error.code];
  return key ? words.t(key) : error.message;
}


/** The court's state in one line, in the page's language. */
function describeCourt(view: CourtView): string {
  if (view.phase === 'awaiting_judge') return words.t('court.awaitingJudge');
  if (view.phase === 'ended') return words.t('court.ended');
  if (view.paused) return words.t('court.paused', { causes: view.pauses.map((p) => (PAUSE_KEYS[p.cause] ? words.t(PAUSE_KEYS[p.cause]!) : p.cause)).join('; ') });
  if (view.phase === 'open') return words.t('court.open');
  return view.testimony ? words.t('court.liveTestimony') : words.t('court.live');
}

let hearingModules: Promise<typeof import('./hearing-modules.js')> | null = null;

/** The chunk with the mediasoup client, fetched once; a failed fetch (a dropped link) is tried again on the next call. */
function loadHearingModules(): Promise<typeof import('./hearing-modules.js')> {
  hearingModules ??= import('./hearing-modules.js').catch((error: unknown) => {
    hearingModules = null;
    throw error;
  });
  return hearingModules;
}

class JoinPage {
  private view: View = 'join';
  private self: ParticipantView | null = null;
  private permissions = new Set<Action>();
  private local: LocalMedia | null = null;
  private stopMeter: (() => void) | null = null;
  private session: MediaSession | null = null;
  private readonly stage = new Stage(ui.tiles, words);
  private readonly floor = new FloorFocus();
  private microphoneMuted = false;
  private cameraOff = false;
  private screenTrack: MediaStreamTrack | null = null;
  private firstFrameSeen = false;
  /** How many waited at the last state, so that the chime sounds for a new arrival only. */
  private waitingBefore = 0;
  /** True once the media of this visit is closed (left, removed, or the hearing ended). */
  private mediaReleased = false;
  private court: CourtView | null = null;
  /** Who is in the hearing with this person, for the judge's console. */
  private readonly people = new Map<string, ParticipantView>();
  private console: CourtConsole | null = null;
  private minutes: MinutesPanel | null = null;
  /** The listener's mix and channel choice; for an interpreter, the booth. */
  private interpretation: PageInterpretation | null = null;
  /** The latest interpretation state, kept from before Join for when the hearing's modules are loaded. */
  private interpretationView: InterpretationView | null = null;
  private quality: QualityReporter | null = null;
  /** Seals this page's streams during a private consultation; absent where the browser cannot. */
  private frames: ConsultationCrypto | null = null;
  private framesReady = false;
  /** What the server sends of the hearing's video: everything, or (audio-only) at most one camera. */
  private incoming: IncomingVideo = { off: false, keptOwnerId: null };
  private glances: Record<string, QualityGlance | LevelOnly> = {};
  /** Audio-only holds whose camera stop this page has carried out, so it happens once each. */
  private readonly cameraStopsDone = new Set<string>();

  constructor(private readonly socket: HearingConnection) {
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      if (error.data?.code) {
        // The server refused the link itself: retrying cannot help.
        socket.disconnect();
        if (error.data.code === 'hearing_not_open' || error.data.code === 'token_expired') void this.minutesAfterClose(error.message);
        else this.showLinkError(error.message);
      } else {
        this.setStatus(words.t('status.unreachable'));
      }
    });
    socket.on('session:welcome', (welcome) => {
      this.self = welcome.self;
      this.permissions = new Set(welcome.permissions);
      void words.use(welcome.language, welcome.pageLanguage).then(() => this.showLanguageFallback());
      this.console ??= new CourtConsole(ui.courtConsole, (name, payload) => this.command(name, payload), welcome.self.role, words);
      if (this.permissions.has('minutes.read')) {
        const { token, hearingId } = readJoinLink(window.location);
        this.minutes ??= token ? new MinutesPanel(ui.minutesPanel, hearingId ?? welcome.hearing.id, token, this.permissions, words) : null;
      }
      if (!this.frames && supportsInsertableStreams()) {
        this.frames = new ConsultationCrypto(
          welcome.self.id,
          (consultationId, to, message) => void this.command('consultation:relay', { consultationId, to, message }),
          (ready) => {
            this.framesReady = ready;
            this.renderCourt();
          },
        );
      }
      ui.hearingHeading.textContent = welcome.hearing.title;
      if (this.view === 'hearing') void this.enter(); // reconnected after a network drop
      else if (this.view === 'join') void this.prepare(welcome.self, welcome.hearing.title, welcome.hearing.caseReference);
    });
    socket.on('session:replaced', () => this.endSession(words.t('status.replaced'), false));
    socket.on('session:ended', ({ reason }) => this.endSession(words.t(reason === 'removed' ? 'person.removed' : 'status.linkWithdrawn'), false));
    socket.on('participant:joined', (participant) => {
      this.people.set(participant.id, participant);
      this.stage.add(participant);
      this.showIncomingVideo();
      this.renderCourt();
    });
    socket.on('participant:left', ({ participantId }) => {
      this.people.delete(participantId);
      this.stage.remove(participantId);
      this.floor.left(participantId);
      this.renderCourt();
    });
    socket.on('participant:updated', (participant) => {
      if (this.people.has(participant.id)) this.people.set(participant.id, participant);
      this.stage.rename(participant);
      this.renderCourt();
    });
    socket.on('court:state', (view) => {
      this.court = view;
      void this.followConsultation(view);
      this.renderCourt();
    });
    socket.on('interpretation:state', (view) => {
      this.interpretationView = view;
      this.interpretation?.update(view);
      this.console?.showInterpretation(view);
    });
    socket.on('interpretation:slow-down', ({ at, message }) => showQualityAlert(at, message));
    socket.on('consultation:key', ({ consultationId, from, message }) => {
      void this.frames?.receive(consultationId, from, message as KeyMessage);
    });
    socket.on('court:muted', ({ message }) => {
      this.microphoneMuted = true;
      if (this.local?.audio) this.local.audio.enabled = false;
      this.updateControls();
      this.stage.setMuted(this.self?.id ?? '', true);
      this.setStatus(this.self?.role === 'person_heard' ? words.t('person.mutedByCourt') : message);
    });
    socket.on('court:unmute-requested', ({ message }) => {
      this.setStatus(this.self?.role === 'person_heard' ? words.t('person.askedToUnmute') : message);
      ui.toggleMicrophone.focus();
    });
    socket.on('speakers', ({ levels }) => {
      this.stage.setSpeaking(new Set(levels.map((l) => l.participantId)));
      const before = this.floor.speaker;
      if (this.floor.heard(levels.map((l) => l.participantId)) !== before) this.arrangeStage();
    });
    socket.on('quality:state', ({ participants }) => {
      this.glances = participants;
      for (const [id, glance] of Object.entries(participants)) this.stage.setQuality(id, glance.level);
      if (this.self) renderConnections(words, ui.connections, this.court, this.glances, this.people, this.self);
    });
    socket.on('quality:alert', ({ at, message }) => showQualityAlert(at, message));
    socket.on('media:restart', () => {
      this.setStatus(words.t('status.mediaRestart'));
      void this.session?.restart(this.permissions.has('media.receive')).then(
        () => this.setStatus(words.t('status.connected')),
        () => this.setStatus(words.t('status.reconnectFailed')),
      );
    });
    socket.on('disconnect', () => {
      if (this.view === 'hearing') this.setStatus(words.t('status.connectionLost'));
      ui.rejoinButton.disabled = true;
    });
    socket.on('connect', () => {
      ui.rejoinButton.disabled = false;
    });

    ui.joinButton.addEventListener('click', () => void this.enter());
    ui.rejoinButton.addEventListener('click', () => void this.rejoin());
    ui.leaveButton.addEventListener('click', () => void this.leave());
    ui.toggleMicrophone.addEventListener('click', () => void this.toggleMicrophone());
    ui.toggleCamera.addEventListener('click', () => void this.toggleCamera());
    ui.toggleScreen.addEventListener('click', () => void this.toggleScreen());
    ui.toggleConsultation.addEventListener('click', () => void this.toggleConsultation());
    ui.toggleAudioOnly.addEventListener('click', () => void this.toggleAudioOnly());
    ui.cameraSelect.addEventListener('change', () => void this.switchDevices());
    ui.acknowledgeRights.addEventListener('click', () => void this.command('court:acknowledge-rights', {}));
    ui.withdrawConsent.addEventListener('click', () => void this.command('court:withdraw-consent', {}));
    ui.claimPrivilege.addEventListener('click', () => {
      void askText(words, words.t('person.privilegePrompt')).then((basis) => {
        if (basis) void this.command('court:claim-privilege', { basis });
      });
    });
    ui.microphoneSelect.addEventListener('change', () => void this.switchDevices());
    // Whatever the page wrote itself is written again in the new language.
    words.onChange(() => {
      this.relabel();
      this.updateControls();
      this.renderCourt();
      this.showIncomingVideo();
      this.stage.setLanguage();
      this.interpretation?.setPageLanguage();
      this.console?.refresh();
    });
  }

  /** The texts written at a moment in the page's life, again in the page's language. */
  private relabel(): void {
    if (this.self && this.view === 'join' && ui.linkError.hidden) {
      ui.joinTitle.textContent = words.t('join.title');
      ui.selfRole.textContent = words.functionOf(this.self);
    }
  }

  /** A person whose language has no catalogue is told so, in the language shown and named in her own. */
  private showLanguageFallback(): void {
    ui.languageFallback.hidden = !words.fallback;
    if (!words.fallback) return;
    const name = (tag: string, reader: string) => new Intl.DisplayNames([reader], { type: 'language' }).of(tag) ?? tag;
    ui.languageFallback.textContent = words.t('page.languageFallback', { language: name(words.requested, words.requested), shownIn: name(words.lang, words.lang) });
  }

  /**
   * A link that no longer joins the hearing (it has closed, or the link's time is up) may still open
   * its minutes: the judge who reloads while waiting for the officer finds them where she left them.
   */
  private async minutesAfterClose(message: string): Promise<void> {
    const { token, hearingId } = readJoinLink(window.location);
    const found = token && hearingId ? await MinutesPanel.forClosedHearing(ui.minutesPanel, hearingId, token, words) : null;
    if (!found) return this.showLinkError(message);
    if (found.language) await words.use(found.language);
    this.minutes = found.panel;
    ui.hearingHeading.textContent = found.title;
    ui.tiles.hidden = true;
    ui.controls.hidden = true;
    this.show('hearing');
    ui.courtStatus.textContent = words.t('court.ended');
    await found.panel.show();
  }

  showLinkError(message: string): void {
    ui.joinTitle.textContent = words.t('join.linkUnusable');
    ui.linkError.textContent = message;
    ui.linkError.hidden = false;
    ui.setup.hidden = true;
    this.show('join');
  }

  private async prepare(self: ParticipantView, title: string, caseReference: string): Promise<void> {
    ui.joinTitle.textContent = words.t('join.title');
    ui.hearingTitle.textContent = `${title} · ${caseReference}`;
    ui.selfName.textContent = self.displayName;
    ui.selfRole.textContent = words.functionOf(self);
    ui.setup.hidden = false;
    // The rest of the page arrives while the person looks at the preview; Join waits for it if need be.
    loadHearingModules().catch(() => undefined);
    const sends = this.permissions.has('media.send_audio') || this.permissions.has('media.send_video');
    if (sends) await this.openDevices();
    else ui.previewMessage.hidden = false, (ui.previewMessage.textContent = words.t('join.withoutDevices'));
    ui.joinButton.disabled = false;
  }

  private async openDevices(cameraId?: string, microphoneId?: string): Promise<void> {
    try {
      this.local?.stream.getTracks().forEach((t) => t.stop());
      this.local = await openLocalMedia(cameraId, microphoneId);
      ui.preview.srcObject = this.local.stream;
      ui.previewMessage.hidden = Boolean(this.local.video);
      ui.previewMessage.textContent = words.t('join.noCamera');
      this.stopMeter?.();
      this.stopMeter = this.local.audio ? meterMicrophone(this.local.audio, ui.micLevel) : null;
      await fillDeviceChoices(ui.cameraSelect, ui.microphoneSelect, this.local, { camera: words.t('join.camera'), microphone: words.t('join.microphone') });
    } catch {
      ui.previewMessage.hidden = false;
      ui.previewMessage.textContent = words.t('join.noMicrophone');
    }
  }

  private async switchDevices(): Promise<void> {
    await this.openDevices(ui.cameraSelect.value || undefined, ui.microphoneSelect.value || undefined);
  }

  private async rejoin(): Promise<void> {
    if (this.permissions.has('media.send_audio') || this.permissions.has('media.send_video')) await this.openDevices();
    await this.enter();
  }

  private async enter(): Promise<void> {
    if (!this.self) return;
    performance.mark('join-clicked');
    this.firstFrameSeen = false;
    this.mediaReleased = false;
    ui.joinButton.disabled = true;
    let modules: Awaited<ReturnType<typeof loadHearingModules>>;
    try {
      modules = await loadHearingModules();
    } catch {
      // Said where the person is looking: on the preview, or in the hearing after a reconnection.
      const message = words.t('join.loadFailed');
      this.setStatus(message);
      ui.previewMessage.textContent = message;
      ui.previewMessage.hidden = this.view !== 'join';
      ui.joinButton.disabled = false;
      return;
    }
    const { MediaSession, PageInterpretation, QualityReporter } = modules;
    if (!this.interpretation) {
      this.interpretation = new PageInterpretation(
        ui.hearingSound,
        ui.boothConsole,
        (name, payload) => this.command(name, payload),
        (source, paused) => this.pauseOwn(source, paused),
        (id) => this.people.get(id)?.displayName ?? '',
        this.permissions.has('interpretation.interpret'),
        () => {
          this.microphoneMuted = false;
          this.updateControls();
          this.stage.setMuted(this.self?.id ?? '', false);
        },
        words,
      );
      if (this.interpretationView) this.interpretation.update(this.interpretationView);
      ui.listeningSlot.replaceChildren(this.interpretation.picker.root);
    }
    this.session?.close();
    this.stage.clear();
    const session = new MediaSession(
      this.socket,
      {
      trackAdded: (remote) => this.onTrackAdded(remote),
      trackRemoved: (remote) => {
        this.stage.detach(remote);
        this.interpretation?.trackRemoved(remote);
      },
      trackPaused: (remote, paused) => {
        if (remote.source === 'microphone') this.stage.setMuted(remote.participantId, paused);
      },
      connectionState: (state) => this.setStatus(words.t(state === 'connected' ? 'status.connected' : state === 'failed' ? 'status.mediaLost' : 'status.connecting')),
      incomingVideo: (state) => {
        this.incoming = state;
        this.showIncomingVideo();
      },
      },
      this.frames,
    );
    this.session = session;
    // Sound starts from this click (browsers allow audio only after a gesture).
    const sound = this.interpretation?.start();
    try {
      const rtpCapabilities = await session.load();
      const { self, participants } = await request(this.socket, 'hearing:enter', {
        rtpCapabilities: rtpCapabilities as ClientRequest<'hearing:enter'>['rtpCapabilities'],
        canSeal: this.frames !== null,
      });
      this.quality?.stop();
      this.quality = new QualityReporter(session, (report) => request(this.socket, 'quality:report', report));
      this.quality.start();
      this.people.clear();
      this.stage.add(self, true);
      for (const participant of participants) {
        this.people.set(participant.id, participant);
        this.stage.add(participant);
      }
      const camera = this.permissions.has('media.send_video') ? this.local?.video ?? null : null;
      this.stage.showVideo(self.id, 'camera', this.cameraOff ? null : camera);
      this.updateControls();
      this.show('hearing');
      this.setStatus(words.t('status.connecting'));
      const microphone = this.permissions.has('media.send_audio') ? this.local?.audio ?? null : null;
      const booth = this.interpretation?.boothTracks(microphone) ?? {};
      // Start muted streams muted: nothing of a muted microphone may reach the hearing, even briefly.
      await session.setPaused('microphone', this.microphoneMuted || Boolean(this.interpretation?.floorClosedForInterpreter()));
      await session.setPaused('camera', this.cameraOff);
      for (const source of Object.keys(booth) as MediaSource[]) await session.setPaused(source, this.interpretation?.startsPaused(source) ?? true);
      const screen = this.screenTrack?.readyState === 'live' ? this.screenTrack : null;
      await sound;
      await session.start({ microphone, camera, screen, ...booth }, this.permissions.has('media.receive'));
      if (screen) this.stage.showVideo(self.id, 'screen', screen);
      this.updateControls();
    } catch (error) {
      this.setStatus(refusal(error, 'join.failed'));
      ui.joinButton.disabled = false;
    }
  }

  /** Sends a court command; a refusal is shown in words where everyone with the page can read it. */
  private async command(name: string, payload: Record<string, unknown>): Promise<boolean> {
    try {
      await request(this.socket, name as ClientRequestName, payload as never);
      ui.courtError.hidden = true;
      return true;
    } catch (error) {
      ui.courtError.textContent = refusal(error, 'status.noAnswer');
      ui.courtError.hidden = false;
      return false;
    }
  }

  /** Joins or leaves the consultation's key agreement as the court's state says. */
  private async followConsultation(view: CourtView): Promise<void> {
    const id = view.you.consultationId;
    if (!this.frames) return;
    if (id) {
      const members = view.consultations.find((c) => c.id === id)?.participantIds ?? [];
      await this.frames.begin(id, members);
    } else if (this.frames.active) {
      this.frames.end();
    }
  }

  private async toggleConsultation(): Promise<void> {
    const own = this.court?.you.consultationId;
    if (own) {
      await this.command('court:end-consultation', { consultationId: own });
      return;
    }
    // Counsel consults the person heard; the person heard consults counsel.
    const partnerRole = this.self?.role === 'counsel' ? 'person_heard' : 'counsel';
    const partner = [...this.people.values()].find((p) => p.role === partnerRole);
    if (!partner) {
      ui.courtError.textContent = words.t(partnerRole === 'counsel' ? 'consultation.lawyerAbsent' : 'consultation.personAbsent');
      ui.courtError.hidden = false;
      return;
    }
    // Hold every frame back from now on: none may reach the SFU in the clear while the court records it.
    this.frames?.arm();
    await this.command('court:consult', { withParticipantIds: [partner.id] });
  }

  /** Shows the court's state: the status line, the waiting room, the rights notice, the consoles. */
  private renderCourt(): void {
    const view = this.court;
    if (!view || !this.self) return;
    const isPersonHeard = this.self.role === 'person_heard';
    const consulting = view.you.consultationId;
    const nameOf = (id: string) => (id === this.self?.id ? words.t('court.you') : this.people.get(id)?.displayName ?? words.t('court.someone'));
    const names = (ids: string[]) => ids.map(nameOf).reduce((first, second) => words.t('court.namesJoin', { first, second }));
    say(ui.courtStatus, consulting
      ? this.framesReady
        ? words.t('consultation.sealed', { code: this.frames?.securityCode ?? '' })
        : words.t('consultation.agreeing')
      : isPersonHeard && view.phase === 'ended'
        ? words.t('court.endedThanks')
        : [describeCourt(view), ...view.consultations.map((c) => words.t('court.inConsultation', { names: names(c.participantIds) }))].join(' · '));
    // Everyone, in the waiting room too, knows while the hearing is recorded and on what basis.
    ui.recordingIndicator.hidden = !view.recording;
    // "Recording" only while every recorded track reaches the disk; otherwise everyone is told it is interrupted.
    const interrupted = (view.recording?.interrupted.length ?? 0) > 0;
    ui.recordingIndicator.classList.toggle('interrupted', interrupted);
    say(ui.recordingLabel, view.recording ? words.t(interrupted ? 'recording.interrupted' : 'recording.mark') : '');
    say(ui.recordingBasis, view.recording ? words.t('recording.basis', { basis: view.recording.legalBasis }) : '');
    ui.toggleConsultation.hidden = !this.permissions.has('court.consult') || !view.you.inCourtroom || view.phase === 'ended' || !this.frames;
    ui.toggleConsultation.textContent = words.t(consulting ? 'controls.endConsultation' : 'controls.consult');
    ui.toggleConsultation.setAttribute('aria-pressed', String(Boolean(consulting)));
    this.stage.setConsulting(new Set(view.consultations.flatMap((c) => c.participantIds)));
    const waiting = !view.you.inCourtroom && this.view === 'hearing';
    ui.waitingRoom.hidden = !waiting;
    ui.tiles.hidden = waiting;
    if (waiting) {
      ui.waitingTitle.textContent = words.t('waiting.title');
      ui.waitingBody.textContent = words.t('waiting.body');
      ui.waitingDetail.textContent = view.phase === 'awaiting_judge' ? words.t('waiting.forJudge') : view.paused ? words.t('waiting.paused') : '';
    }
    const notice = view.rightsNotice;
    ui.rightsNotice.hidden = !notice;
    if (notice) {
      // The text keeps its own language (the interpreter may be rendering one in the court's); the page's words are the person's.
      ui.rightsNotice.lang = notice.language;
      ui.rightsNotice.dir = directionOf(notice.language);
      ui.acknowledgeRights.lang = ui.rightsInterpreted.lang = words.lang;
      ui.acknowledgeRights.dir = ui.rightsInterpreted.dir = words.dir;
      ui.rightsTitle.textContent = notice.title;
      ui.rightsBody.textContent = notice.body;
      ui.rightsInterpreted.hidden = !notice.interpreted;
      ui.rightsInterpreted.textContent = notice.interpreted ? words.t('rights.interpreted', { language: new Intl.DisplayNames([words.lang], { type: 'language' }).of(words.requested) ?? words.requested }) : '';
      ui.acknowledgeRights.textContent = words.t('person.acknowledge');
    }
    const own = view.personsHeard.find((p) => p.id === this.self?.id);
    ui.personActions.hidden = !isPersonHeard || !view.you.inCourtroom || view.phase === 'ended';
    ui.claimPrivilege.textContent = words.t('person.claimPrivilege');
    ui.withdrawConsent.textContent = words.t('person.withdrawConsent');
    ui.withdrawConsent.hidden = !own?.passed.consent;
    this.arrangeStage();
    this.console?.render(view, this.people, this.self.id);
    this.announceWaiting(view);
    this.renderAudioOnly(view);
    renderConnections(words, ui.connections, view, this.glances, this.people, this.self);
    // The end of the hearing releases every camera and microphone at once: their lights go off.
    if (view.phase === 'ended' && !this.mediaReleased) this.releaseMedia();
    // Those who do not read the minutes are told the hearing is over and what that means for them.
    if (view.phase === 'ended' && !this.minutes) {
      ui.leftTitle.textContent = words.t(isPersonHeard ? 'court.endedThanks' : 'court.ended');
      ui.leftMessage.textContent = words.t('ended.mediaOff');
      ui.rejoinButton.hidden = true;
      this.show('left');
      return;
    }
    // Once the hearing has ended, its minutes take the whole stage for those who read, sign and send
    // them: the tiles, the console's buttons and the connections have nothing left to act on.
    if (view.phase === 'ended' && this.minutes) {
      ui.tiles.hidden = true;
      ui.courtConsole.hidden = true;
      ui.connections.hidden = true;
      ui.qualityAlerts.hidden = true;
      ui.controls.hidden = true;
      void this.minutes.show();
    }
  }

  /**
   * Who is large on this viewer's stage. Whom the court shows to all comes first. Otherwise the person
   * heard sees whoever speaks to her (the presiding judge while nobody does), and an interpreter
   * whoever they render (the person heard while nobody speaks): both follow the voice. Everyone else
   * sees the person heard, and under her, large, whoever else has the floor. Nobody is shown their
   * own voice.
   */
  private arrangeStage(): void {
    const view = this.court;
    if (!view) return;
    const selfId = this.self?.id;
    const present = [...this.people.values()].filter((p) => p.id !== selfId);
    const isPersonHeard = this.self?.role === 'person_heard';
    const followsVoice = isPersonHeard || this.self?.role === 'interpreter';
    const speaker = present.some((p) => p.id === this.floor.speaker) ? this.floor.speaker : null;
    const usual = present.find((p) => p.role === (isPersonHeard ? 'presiding_judge' : 'person_heard'))?.id ?? null;
    const featured = view.spotlight ?? (followsVoice ? speaker ?? usual : usual ?? speaker);
    this.stage.setSpotlight(view.spotlight);
    this.stage.setFeatured(featured);
    this.stage.setSpeaker(!followsVoice && speaker !== featured ? speaker : null);
  }

  /**
   * The judge learns that someone waits even while looking elsewhere: the tab's title counts them and
   * a short chime sounds when one more arrives. Only the one who can admit is told.
   */
  private announceWaiting(view: CourtView): void {
    if (!this.permissions.has('court.preside')) return;
    const waiting = view.phase === 'ended' ? 0 : view.lobby?.length ?? 0;
    const title = words.t('page.titleHearing', { title: ui.hearingHeading.textContent ?? '' });
    if (this.view === 'hearing') document.title = waiting > 0 ? words.t('console.waitingTitle', { count: waiting, title }) : title;
    if (waiting > this.waitingBefore) chime();
    this.waitingBefore = waiting;
  }

  /**
   * Audio-only as the court's state gives it: why this person receives no video, in their language,
   * the control to choose it or take video back, and their camera stopped where that was asked.
   */
  private renderAudioOnly(view: CourtView): void {
    const holds = view.you.audioOnly;
    const sentences = { court: words.t('audioOnly.court'), participant: words.t('audioOnly.self'), link: words.t('audioOnly.link') };
    ui.audioOnlyNotice.hidden = holds.length === 0;
    ui.audioOnlyNotice.textContent = holds.map((hold) => sentences[hold.cause]).join(' ');
    const chosen = holds.some((hold) => hold.cause === 'participant');
    const offered = this.permissions.has('media.receive') && view.you.inCourtroom && view.phase !== 'ended' && this.view === 'hearing';
    ui.toggleAudioOnly.hidden = !offered;
    ui.toggleAudioOnly.textContent = words.t(chosen ? 'audioOnly.off' : 'audioOnly.on');
    ui.toggleAudioOnly.setAttribute('aria-pressed', String(chosen));
    ui.audioOnlyCameraChoice.hidden = !offered || chosen || !this.permissions.has('media.send_video') || this.cameraOff;
    ui.audioOnlyCameraLabel.textContent = words.t('audioOnly.camera');
    for (const hold of holds) {
      const key = `${hold.cause}@${hold.since}`;
      if (!hold.cameraOff || this.cameraStopsDone.has(key)) continue;
      this.cameraStopsDone.add(key);
      if (!this.cameraOff) void this.toggleCamera();
    }
  }

  private showIncomingVideo(): void {
    this.stage.setIncomingVideoOff(this.incoming.off, this.incoming.keptOwnerId, words.t('audioOnly.videoOff'));
  }

  private async toggleAudioOnly(): Promise<void> {
    const on = !this.court?.you.audioOnly.some((hold) => hold.cause === 'participant');
    await this.command('court:audio-only', { on, cameraOff: on && ui.audioOnlyCamera.checked && !this.cameraOff });
  }

  /** Pauses one of this browser's streams; the floor microphone stays closed while the person has muted it. */
  private async pauseOwn(source: MediaSource, paused: boolean): Promise<void> {
    await this.session?.setPaused(source, source === 'microphone' ? paused || this.microphoneMuted : paused);
  }

  private onTrackAdded(remote: RemoteTrack): void {
    this.stage.attach(remote);
    this.interpretation?.trackAdded(remote);
    if (remote.track.kind !== 'video' || this.firstFrameSeen) return;
    const video = this.stage.videoElement(remote.participantId);
    video?.requestVideoFrameCallback(() => {
      if (this.firstFrameSeen) return;
      this.firstFrameSeen = true;
      performance.mark('first-remote-frame');
    });
  }

  private async leave(): Promise<void> {
    await request(this.socket, 'hearing:leave', {}).catch(() => undefined);
    this.endSession(words.t('left.message'), true);
  }

  /** Out of the hearing: media closed, camera and microphone released (their lights go off). */
  private endSession(message: string, canRejoin: boolean): void {
    this.releaseMedia();
    ui.leftTitle.textContent = words.t('left.title');
    ui.leftMessage.textContent = message;
    ui.rejoinButton.hidden = !canRejoin;
    ui.rejoinButton.disabled = !this.socket.connected;
    this.show('left');
  }

  /** Closes the media: no track is sent or received any more, and every device this page opened is stopped. */
  private releaseMedia(): void {
    this.mediaReleased = true;
    this.quality?.stop();
    this.quality = null;
    this.session?.close();
    this.session = null;
    this.interpretation?.stop();
    this.stage.clear();
    this.people.clear();
    this.local?.stream.getTracks().forEach((track) => track.stop());
    this.local = null;
    this.screenTrack?.stop();
    this.screenTrack = null;
    this.stopMeter?.();
    this.stopMeter = null;
  }

  private async toggleMicrophone(): Promise<void> {
    this.microphoneMuted = !this.microphoneMuted;
    const closed = this.microphoneMuted || Boolean(this.interpretation?.floorClosedForInterpreter());
    if (this.local?.audio) this.local.audio.enabled = !closed;
    await this.session?.setPaused('microphone', closed);
    this.stage.setMuted(this.self?.id ?? '', this.microphoneMuted);
    this.updateControls();
  }

  private async toggleCamera(): Promise<void> {
    this.cameraOff = !this.cameraOff;
    if (this.local?.video) this.local.video.enabled = !this.cameraOff;
    await this.session?.setPaused('camera', this.cameraOff);
    if (this.self) this.stage.showVideo(this.self.id, 'camera', this.cameraOff ? null : this.local?.video ?? null);
    this.updateControls();
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
      await this.session?.send('screen', track);
      if (this.self) this.stage.showVideo(this.self.id, 'screen', track);
    } catch {
      this.setStatus(words.t('status.screenNotStarted'));
    }
    this.updateControls();
  }

  private async screenStopped(): Promise<void> {
    this.screenTrack = null;
    await this.session?.stopSending('screen');
    if (this.self) this.stage.showVideo(this.self.id, 'screen', null);
    this.updateControls();
  }

  private updateControls(): void {
    const mic = this.permissions.has('media.send_audio') && Boolean(this.local?.audio);
    const cam = this.permissions.has('media.send_video') && Boolean(this.local?.video);
    ui.toggleMicrophone.hidden = !mic;
    ui.toggleMicrophone.textContent = words.t(this.microphoneMuted ? 'controls.unmute' : 'controls.mute');
    ui.toggleMicrophone.setAttribute('aria-pressed', String(this.microphoneMuted));
    ui.toggleCamera.hidden = !cam;
    ui.toggleCamera.textContent = words.t(this.cameraOff ? 'controls.startCamera' : 'controls.stopCamera');
    ui.toggleCamera.setAttribute('aria-pressed', String(this.cameraOff));
    ui.toggleScreen.hidden = !this.permissions.has('media.share_screen') || !('getDisplayMedia' in navigator.mediaDevices);
    ui.toggleScreen.textContent = words.t(this.screenTrack ? 'controls.stopSharing' : 'controls.shareScreen');
    ui.toggleScreen.setAttribute('aria-pressed', String(Boolean(this.screenTrack)));
  }

  private setStatus(text: string): void {
    ui.status.textContent = text;
  }

  private show(view: View): void {
    this.view = view;
    ui.joinView.hidden = view !== 'join';
    ui.hearingView.hidden = view !== 'hearing';
    ui.leftView.hidden = view !== 'left';
    if (view !== 'join') {
      this.stopMeter?.();
      this.stopMeter = null;
    }
    document.title = view === 'hearing' ? words.t('page.titleHearing', { title: ui.hearingHeading.textContent ?? '' }) : words.t('page.titleJoin');
    this.renderCourt();
  }

  diagnostics() {
    return {
      view: this.view,
      receiveStats: () => this.session?.receiveStats() ?? Promise.resolve([]),
      routes: () => this.session?.routes() ?? Promise.resolve([]),
      iceRestarts: () => this.session?.iceRestartsDone ?? 0,
      marks: () => performance.getEntriesByType('mark').map((m) => ({ name: m.name, startTime: m.startTime })),
    };
  }
}

/** Chromium's insertable streams, which the consultation's end-to-end encryption needs. */
/**
 * Writes a status only when its words change: a screen reader announces a live region on every
 * rewrite, and the court's state arrives many times a minute with the same meaning.
 */
function say(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

/** A soft two-note chime, short enough not to cover anyone speaking. */
function chime(): void {
  try {
    const context = new AudioContext();
    const gain = context.createGain();
    gain.connect(context.destination);
    gain.gain.setValueAtTime(0.0001, context.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.15, context.currentTime + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, context.currentTime + 0.45);
    for (const [frequency, at] of [[660, 0], [880, 0.18]] as const) {
      const tone = context.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(context.currentTime + at);
      tone.stop(context.currentTime + at + 0.25);
    }
    setTimeout(() => void context.close(), 1000);
  } catch {
    // No sound where the browser allows none: the title and the console still say it.
  }
}

function supportsInsertableStreams(): boolean {
  return typeof RTCRtpSender !== 'undefined' && 'createEncodedStreams' in RTCRtpSender.prototype;
}

declare global {
  interface Window {
    /** Read-only figures for support staff and automated checks: media statistics and timing marks. */
    hearingRoomDiagnostics?: {
      view(): View;
      receiveStats(): ReturnType<MediaSession['receiveStats']>;
      routes(): ReturnType<MediaSession['routes']>;
      iceRestarts(): number;
      marks(): { name: string; startTime: number }[];
    };
  }
}

/** The latest connection alerts for the judge and the officer, newest first, read out as they come. */
/**
 * An alert for the court above the stage: the newest first, the same alert again counted on its line
 * rather than repeated, each one dismissed with its own button, five at most.
 */
function showQualityAlert(at: string, message: string): void {
  const same = [...ui.qualityAlerts.children].find((li) => (li as HTMLElement).dataset.message === message) as HTMLLIElement | undefined;
  const item = same ?? document.createElement('li');
  const count = Number(item.dataset.count ?? 0) + 1;
  item.dataset.message = message;
  item.dataset.count = String(count);
  const time = document.createElement('time');
  time.dateTime = at;
  time.textContent = new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  const text = document.createElement('span');
  text.textContent = count > 1 ? words.t('alerts.repeated', { message, count }) : message;
  const dismiss = document.createElement('button');
  dismiss.type = 'button';
  dismiss.className = 'dismiss';
  dismiss.textContent = words.t('alerts.dismiss');
  dismiss.setAttribute('aria-label', words.t('alerts.dismissLabel', { message }));
  dismiss.addEventListener('click', () => {
    item.remove();
    ui.qualityAlerts.hidden = ui.qualityAlerts.children.length === 0;
  });
  item.replaceChildren(time, text, dismiss);
  ui.qualityAlerts.prepend(item);
  while (ui.qualityAlerts.children.length > 5) ui.qualityAlerts.lastElementChild?.remove();
  // After the end, the alerts of connections being torn down would only cover the minutes.
  ui.qualityAlerts.hidden = ui.tiles.hidden && !ui.minutesPanel.hidden;
}

function start(): void {
  const { token, hearingId } = readJoinLink(window.location);
  void words.use(browserLanguage());
  if (!token) {
    ui.joinTitle.textContent = words.t('join.linkUnusable');
    ui.linkError.textContent = words.t('join.noLink');
    ui.linkError.hidden = false;
    // Said again once the browser's language is loaded.
    words.onChange(() => {
      ui.joinTitle.textContent = words.t('join.linkUnusable');
      ui.linkError.textContent = words.t('join.noLink');
    });
    return;
  }
  const page = new JoinPage(connect(token, hearingId));
  window.hearingRoomDiagnostics = {
    view: () => page.diagnostics().view,
    receiveStats: () => page.diagnostics().receiveStats(),
    routes: () => page.diagnostics().routes(),
    iceRestarts: () => page.diagnostics().iceRestarts(),
    marks: () => page.diagnostics().marks(),
  };
}

start();

