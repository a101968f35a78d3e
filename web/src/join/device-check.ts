/**
 * The page before the hearing: which hearing the link opens and who the person is in it, or why the
 * link cannot be used; the camera and microphone preview with its level meter and the choice of
 * devices. The tracks opened here are the ones the hearing is sent.
 */
import type { ParticipantView } from '../../../signaling/protocol.js';
import { fillDeviceChoices, meterMicrophone, openLocalMedia, type LocalMedia } from '../preview.js';
import { ui } from './elements.js';
import { loadHearingModules } from './hearing-chunk.js';
import { words } from './page-words.js';

export class DeviceCheck {
  local: LocalMedia | null = null;
  private stopMeter: (() => void) | null = null;

  constructor() {
    ui.cameraSelect.addEventListener('change', () => void this.switchDevices());
    ui.microphoneSelect.addEventListener('change', () => void this.switchDevices());
  }

  /** The hearing and the person as the server named them; the preview for one who sends sound or picture. */
  async prepare(self: ParticipantView, title: string, caseReference: string, sends: boolean): Promise<void> {
    ui.joinTitle.textContent = words.t('join.title');
    ui.hearingTitle.textContent = `${title} · ${caseReference}`;
    ui.selfName.textContent = self.displayName;
    ui.selfRole.textContent = words.functionOf(self);
    ui.setup.hidden = false;
    // The rest of the page arrives while the person looks at the preview; Join waits for it if need be.
    loadHearingModules().catch(() => undefined);
    if (sends) await this.open();
    else {
      ui.previewMessage.hidden = false;
      ui.previewMessage.textContent = words.t('join.withoutDevices');
    }
    ui.joinButton.disabled = false;
  }

  /** Why this link joins nothing, in the server's words; the preview is not offered. */
  refuseLink(message: string): void {
    ui.joinTitle.textContent = words.t('join.linkUnusable');
    ui.linkError.textContent = message;
    ui.linkError.hidden = false;
    ui.setup.hidden = true;
  }

  /** The texts of the join view, again in the page's language (a refused link keeps its own). */
  relabel(self: ParticipantView): void {
    if (!ui.linkError.hidden) return;
    ui.joinTitle.textContent = words.t('join.title');
    ui.selfRole.textContent = words.functionOf(self);
  }

  async open(cameraId?: string, microphoneId?: string): Promise<void> {
    try {
      for (const t of this.local?.stream.getTracks() ?? []) t.stop();
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

  /** The level meter stops once the preview is out of sight. */
  stopMetering(): void {
    this.stopMeter?.();
    this.stopMeter = null;
  }

  /** Every device this page opened is stopped: their lights go off. */
  release(): void {
    for (const track of this.local?.stream.getTracks() ?? []) track.stop();
    this.local = null;
    this.stopMetering();
  }

  private async switchDevices(): Promise<void> {
    await this.open(ui.cameraSelect.value || undefined, ui.microphoneSelect.value || undefined);
  }
}
