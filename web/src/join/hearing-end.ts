/**
 * The end of a visit: leaving (with the way back in), being removed or replaced by another window,
 * and the end of the hearing itself. Those who read, sign and send the minutes find them in place of
 * the hearing, even from a link that no longer joins it; everyone else is told the hearing is over.
 */
import type { Action, CourtView } from '../../../signaling/protocol.js';
import { readJoinLink, request, type HearingConnection } from '../connection.js';
import { MinutesPanel } from '../minutes-panel.js';
import { ui, type View } from './elements.js';
import { words } from './page-words.js';

export interface EndHost {
  readonly socket: HearingConnection;
  readonly media: { release(): void };
  show(view: View): void;
  showLinkError(message: string): void;
}

export class HearingEnd {
  private minutes: MinutesPanel | null = null;

  constructor(private readonly host: EndHost) {
    ui.leaveButton.addEventListener('click', () => void this.leave());
  }

  /** The minutes panel, for those who may read them. */
  offerMinutes(hearingId: string, permissions: ReadonlySet<Action>): void {
    if (!permissions.has('minutes.read')) return;
    const { token, hearingId: linked } = readJoinLink(window.location);
    this.minutes ??= token ? new MinutesPanel(ui.minutesPanel, linked ?? hearingId, token, permissions, words) : null;
  }

  /**
   * A link that no longer joins the hearing (it has closed, or the link's time is up) may still open
   * its minutes: the judge who reloads while waiting for the officer finds them where she left them.
   */
  async minutesAfterClose(message: string): Promise<void> {
    const { token, hearingId } = readJoinLink(window.location);
    const found = token && hearingId ? await MinutesPanel.forClosedHearing(ui.minutesPanel, hearingId, token, words) : null;
    if (!found) return this.host.showLinkError(message);
    if (found.language) await words.use(found.language);
    this.minutes = found.panel;
    ui.hearingHeading.textContent = found.title;
    ui.tiles.hidden = true;
    ui.controls.hidden = true;
    this.host.show('hearing');
    ui.courtStatus.textContent = words.t('court.ended');
    await found.panel.show();
  }

  /** The hearing has ended: the minutes, or the words that it is over. */
  ended(view: CourtView, isPersonHeard: boolean): void {
    if (view.phase !== 'ended') return;
    // Those who do not read the minutes are told the hearing is over and what that means for them.
    if (!this.minutes) {
      ui.leftTitle.textContent = words.t(isPersonHeard ? 'court.endedThanks' : 'court.ended');
      ui.leftMessage.textContent = words.t('ended.mediaOff');
      ui.rejoinButton.hidden = true;
      // Showing a view renders the court again, which comes back here: once is enough.
      if (ui.leftView.hidden) this.host.show('left');
      return;
    }
    // Once the hearing has ended, its minutes take the whole stage for those who read, sign and send
    // them: the tiles, the console's buttons and the connections have nothing left to act on.
    ui.tiles.hidden = true;
    ui.courtConsole.hidden = true;
    ui.connections.hidden = true;
    ui.qualityAlerts.hidden = true;
    ui.controls.hidden = true;
    void this.minutes.show();
  }

  /** Out of the hearing: media closed, camera and microphone released (their lights go off). */
  endSession(message: string, canRejoin: boolean, title = words.t('left.title')): void {
    this.host.media.release();
    ui.leftTitle.textContent = title;
    ui.leftMessage.textContent = message;
    ui.rejoinButton.hidden = !canRejoin;
    ui.rejoinButton.disabled = !this.host.socket.connected;
    this.host.show('left');
  }

  private async leave(): Promise<void> {
    await request(this.host.socket, 'hearing:leave', {}).catch(() => undefined);
    this.endSession(words.t('left.message'), true);
  }
}
