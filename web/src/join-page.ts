/**
 * The page behind a personal link: check the link, prepare camera and microphone, join, and take
 * part. The same page stays loaded for the whole hearing, through network drops and media-server
 * restarts, so nobody has to find their link again.
 *
 * This part follows the server: who this person is, who is with them and the court's state, and it
 * shows each change in every part of the page (`join/`): the device check before the hearing, the
 * hearing's media, the person's own controls, the gates she passes, the private consultation,
 * audio-only, the stage, the judge's and officer's consoles, and the minutes at the end.
 */
import type { Action, ClientRequestName, CourtView, LevelOnly, ParticipantView, QualityGlance } from '../../signaling/protocol.js';
import { connect, readJoinLink, request, type HearingConnection } from './connection.js';
import { renderConnections } from './connections-panel.js';
import type { KeyMessage } from './consultation-crypto.js';
import { CourtConsole } from './court-console.js';
import { FloorFocus } from './floor-focus.js';
import type { MediaSession } from './media-session.js';
import { browserLanguage } from './page-language.js';
import { Stage } from './tiles.js';
import { AudioOnly } from './join/audio-only.js';
import { Captions } from './join/captions.js';
import { PrivateConsultation } from './join/consultation.js';
import { OwnControls } from './join/controls.js';
import { showCourtStatus } from './join/court-status.js';
import { DeviceCheck } from './join/device-check.js';
import { ui, type View } from './join/elements.js';
import { Declarations } from './join/declarations.js';
import { ExhibitViewer } from './join/exhibit-viewer.js';
import { answerGatesWith, showGates } from './join/gates.js';
import { HearingEnd } from './join/hearing-end.js';
import { PageMedia } from './join/page-media.js';
import { words } from './join/page-words.js';
import { showQualityAlert } from './join/quality-alerts.js';
import { refusal } from './join/refusals.js';
import { arrangeStage } from './join/stage-arrangement.js';
import { WaitingAnnouncer } from './join/waiting-announcer.js';

class JoinPage {
  view: View = 'join';
  self: ParticipantView | null = null;
  permissions = new Set<Action>();
  /** Who is in the hearing with this person, for the judge's console. */
  readonly people = new Map<string, ParticipantView>();
  private readonly declarations = new Declarations((name, payload) => this.command(name, payload));
  private readonly captions = new Captions(this);
  private readonly exhibit = new ExhibitViewer(
    () => this.hearingId,
    () => this.self?.role === 'presiding_judge' || this.self?.role === 'requested_officer',
  );
  private hearingId = '';
  court: CourtView | null = null;
  readonly stage = new Stage(ui.tiles, words);
  private readonly floor = new FloorFocus();
  readonly devices = new DeviceCheck();
  readonly controls: OwnControls;
  readonly consultation: PrivateConsultation;
  readonly audioOnly: AudioOnly;
  readonly media: PageMedia;
  private readonly waiting = new WaitingAnnouncer();
  private readonly end: HearingEnd;
  private console: CourtConsole | null = null;
  private glances: Record<string, QualityGlance | LevelOnly> = {};

  constructor(readonly socket: HearingConnection) {
    this.controls = new OwnControls(this);
    this.consultation = new PrivateConsultation(this);
    this.audioOnly = new AudioOnly(this);
    this.media = new PageMedia(this);
    this.end = new HearingEnd(this);
    socket.on('connect_error', (error: Error & { data?: { code?: string } }) => {
      // Held by another server of the service, or none can take it this moment: the page follows it
      // there, or asks again (server-follower.ts).
      if (error.data?.code === 'hearing_elsewhere') return;
      if (error.data?.code === 'service_busy') return void this.setStatus(words.t('status.unreachable'));
      if (error.data?.code) {
        // The server refused the link itself: retrying cannot help.
        socket.disconnect();
        if (error.data.code === 'hearing_not_open' || error.data.code === 'token_expired') void this.end.minutesAfterClose(error.message);
        else if (error.data.code === 'hearing_adjourned') this.showLinkError(words.t('join.adjourned'));
        else this.showLinkError(error.message);
      } else {
        this.setStatus(words.t('status.unreachable'));
      }
    });
    socket.on('session:welcome', (welcome) => {
      this.self = welcome.self;
      this.hearingId = welcome.hearing.id;
      this.permissions = new Set(welcome.permissions);
      void words.use(welcome.language, welcome.pageLanguage).then(() => this.showLanguageFallback());
      this.console ??= new CourtConsole(ui.courtConsole, (name, payload) => this.command(name, payload), welcome.self.role, words, welcome.hearing.id);
      this.end.offerMinutes(welcome.hearing.id, this.permissions);
      this.consultation.prepare(welcome.self.id, welcome.hearing.id);
      ui.hearingHeading.textContent = welcome.hearing.title;
      if (this.view === 'hearing')
        void this.media.enter(); // reconnected after a network drop
      else if (this.view === 'join') {
        const sends = this.permissions.has('media.send_audio') || this.permissions.has('media.send_video');
        void this.devices.prepare(welcome.self, welcome.hearing.title, welcome.hearing.caseReference, sends);
      }
    });
    socket.on('session:replaced', () => this.end.endSession(words.t('status.replaced'), false));
    socket.on('session:ended', ({ reason, courtReason }) => {
      // An adjournment is not the end: she is told the court will send the new date and a new link.
      // The court's reason is in the court's words and direction, isolated (FSI…PDI) inside hers.
      const isolated = `\u2068${courtReason ?? ''}\u2069`;
      if (reason === 'adjourned') return this.end.endSession(words.t('left.adjourned', { reason: isolated }), false, words.t('left.adjournedTitle'));
      this.end.endSession(words.t(reason === 'removed' ? 'person.removed' : 'status.linkWithdrawn'), false);
    });
    socket.on('participant:joined', (participant) => {
      this.people.set(participant.id, participant);
      this.stage.add(participant);
      this.audioOnly.showIncomingVideo();
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
      void this.consultation.follow(view);
      void this.media.followMasking(view);
      this.renderCourt();
    });
    socket.on('interpretation:state', (view) => {
      this.media.showInterpretation(view);
      this.console?.showInterpretation(view);
    });
    socket.on('interpretation:slow-down', ({ at, message }) => showQualityAlert(at, message));
    socket.on('consultation:key', ({ consultationId, from, message }) => this.consultation.receive(consultationId, from, message as KeyMessage));
    socket.on('court:muted', ({ message }) => this.controls.mutedByCourt(message));
    socket.on('court:unmute-requested', ({ message }) => this.controls.unmuteRequested(message));
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
    socket.on('media:restart', () => this.media.restart());
    socket.on('disconnect', () => {
      if (this.view === 'hearing') this.setStatus(words.t('status.connectionLost'));
      ui.rejoinButton.disabled = true;
    });
    socket.on('connect', () => {
      ui.rejoinButton.disabled = false;
    });

    ui.joinButton.addEventListener('click', () => void this.media.enter());
    ui.rejoinButton.addEventListener('click', () => void this.media.rejoin());
    answerGatesWith((name, payload) => this.command(name, payload));
    // Whatever the page wrote itself is written again in the new language.
    words.onChange(() => {
      if (this.self && this.view === 'join') this.devices.relabel(this.self);
      this.controls.update();
      this.renderCourt();
      this.audioOnly.showIncomingVideo();
      this.stage.setLanguage();
      this.media.interpretation?.setPageLanguage();
      this.console?.refresh();
    });
  }

  /** A person whose language has no catalogue is told so, in the language shown and named in her own. */
  private showLanguageFallback(): void {
    ui.languageFallback.hidden = !words.fallback;
    if (!words.fallback) return;
    const name = (tag: string, reader: string) => new Intl.DisplayNames([reader], { type: 'language' }).of(tag) ?? tag;
    ui.languageFallback.textContent = words.t('page.languageFallback', {
      language: name(words.requested, words.requested),
      shownIn: name(words.lang, words.lang),
    });
  }

  showLinkError(message: string): void {
    this.devices.refuseLink(message);
    this.show('join');
  }

  /** Sends a court command; a refusal is shown in words where everyone with the page can read it. */
  async command(name: string, payload: Record<string, unknown>): Promise<boolean> {
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

  /** Shows the court's state: the status line, the waiting room, the rights notice, the consoles. */
  renderCourt(): void {
    const view = this.court;
    if (!view || !this.self) return;
    showCourtStatus(view, this.self, this.people, () => this.consultation.statusLine());
    this.consultation.showButton(view);
    this.stage.setConsulting(new Set(view.consultations.flatMap((c) => c.participantIds)));
    showGates(view, this.self, this.view === 'hearing');
    this.declarations.render(view, this.self, this.people);
    this.exhibit.render(view);
    this.arrangeStage();
    this.console?.render(view, this.people, this.self.id);
    this.waiting.announce(view, this.permissions.has('court.preside'), this.view === 'hearing');
    this.audioOnly.render(view);
    this.captions.render(view, this.self);
    renderConnections(words, ui.connections, view, this.glances, this.people, this.self);
    // The end of the hearing releases every camera and microphone at once: their lights go off.
    if (view.phase === 'ended' && !this.media.released) this.media.release();
    this.end.ended(view, this.self.role === 'person_heard');
  }

  private arrangeStage(): void {
    arrangeStage(this.stage, this.court, this.self, this.people, this.floor.speaker);
  }

  setStatus(text: string): void {
    ui.status.textContent = text;
  }

  show(view: View): void {
    this.view = view;
    ui.joinView.hidden = view !== 'join';
    ui.hearingView.hidden = view !== 'hearing';
    ui.leftView.hidden = view !== 'left';
    if (view !== 'join') this.devices.stopMetering();
    document.title = view === 'hearing' ? words.t('page.titleHearing', { title: ui.hearingHeading.textContent ?? '' }) : words.t('page.titleJoin');
    this.renderCourt();
  }

  diagnostics() {
    return {
      view: this.view,
      ...this.media.diagnostics(),
      marks: () => performance.getEntriesByType('mark').map((m) => ({ name: m.name, startTime: m.startTime })),
    };
  }
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
