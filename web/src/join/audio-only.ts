/**
 * Audio-only on this person's page: why they receive no video, in their language (the court's
 * order, their own choice, or their link), the control to choose it or take video back, their
 * camera stopped where that was asked, and the stage's tiles still rather than frozen.
 */
import type { Action, CourtView, IncomingVideo } from '../../../signaling/protocol.js';
import type { SendCommand } from '../court-console.js';
import type { Stage } from '../tiles.js';
import type { OwnControls } from './controls.js';
import { ui, type View } from './elements.js';
import { words } from './page-words.js';

export interface AudioOnlyHost {
  readonly view: View;
  readonly permissions: ReadonlySet<Action>;
  readonly court: CourtView | null;
  readonly stage: Stage;
  readonly controls: OwnControls;
  command: SendCommand;
}

export class AudioOnly {
  /** What the server sends of the hearing's video: everything, or (audio-only) at most one camera. */
  private incoming: IncomingVideo = { off: false, keptOwnerId: null };
  /** Audio-only holds whose camera stop this page has carried out, so it happens once each. */
  private readonly cameraStopsDone = new Set<string>();

  constructor(private readonly host: AudioOnlyHost) {
    ui.toggleAudioOnly.addEventListener('click', () => void this.toggle());
  }

  /** Audio-only as the court's state gives it. */
  render(view: CourtView): void {
    const { controls, permissions } = this.host;
    const holds = view.you.audioOnly;
    const sentences = { court: words.t('audioOnly.court'), participant: words.t('audioOnly.self'), link: words.t('audioOnly.link') };
    ui.audioOnlyNotice.hidden = holds.length === 0;
    ui.audioOnlyNotice.textContent = holds.map((hold) => sentences[hold.cause]).join(' ');
    const chosen = holds.some((hold) => hold.cause === 'participant');
    const offered = permissions.has('media.receive') && view.you.inCourtroom && view.phase !== 'ended' && this.host.view === 'hearing';
    ui.toggleAudioOnly.hidden = !offered;
    ui.toggleAudioOnly.textContent = words.t(chosen ? 'audioOnly.off' : 'audioOnly.on');
    ui.toggleAudioOnly.setAttribute('aria-pressed', String(chosen));
    ui.audioOnlyCameraChoice.hidden = !offered || chosen || !permissions.has('media.send_video') || controls.cameraOff;
    ui.audioOnlyCameraLabel.textContent = words.t('audioOnly.camera');
    for (const hold of holds) {
      const key = `${hold.cause}@${hold.since}`;
      if (!hold.cameraOff || this.cameraStopsDone.has(key)) continue;
      this.cameraStopsDone.add(key);
      if (!controls.cameraOff) void controls.toggleCamera();
    }
  }

  /** The server switched this person's incoming video off or on, or changed the one camera kept. */
  receive(state: IncomingVideo): void {
    this.incoming = state;
    this.showIncomingVideo();
  }

  showIncomingVideo(): void {
    this.host.stage.setIncomingVideoOff(this.incoming.off, this.incoming.keptOwnerId, words.t('audioOnly.videoOff'));
  }

  private async toggle(): Promise<void> {
    const on = !this.host.court?.you.audioOnly.some((hold) => hold.cause === 'participant');
    await this.host.command('court:audio-only', { on, cameraOff: on && ui.audioOnlyCamera.checked && !this.host.controls.cameraOff });
  }
}
