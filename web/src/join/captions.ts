/**
 * The live captions on the join page: the last lines the captioner wrote of what is said on the
 * floor, under the picture, for whoever turns them on — on by default for the person heard and for a
 * person who follows the hearing in a sign language. The captioner's own page has the line to write
 * in; each line sent is an entry of the record (`caption.line`) and of the minutes.
 */
import type { Action, CourtView, ParticipantView } from '../../../signaling/protocol.js';
import type { SendCommand } from '../court-console.js';
import { ui } from './elements.js';

/** Lines shown at once: enough to follow a sentence, few enough to leave the picture its room. */
const LINES_SHOWN = 3;

export interface CaptionsHost {
  readonly permissions: ReadonlySet<Action>;
  command: SendCommand;
}

export class Captions {
  /** The person's own choice; until she makes one, the default for her. */
  private chosen: boolean | null = null;
  private view: CourtView | null = null;
  private self: ParticipantView | null = null;

  constructor(private readonly host: CaptionsHost) {
    ui.toggleCaptions.addEventListener('click', () => {
      this.chosen = !this.showing();
      this.draw();
    });
    ui.captionWriter.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = ui.captionInput.value.trim();
      if (!text) return;
      // Cleared only once recorded: a refused line stays to be sent again.
      void this.host.command('captions:line', { text }).then((recorded) => {
        if (recorded && ui.captionInput.value.trim() === text) ui.captionInput.value = '';
      });
    });
  }

  render(view: CourtView, self: ParticipantView): void {
    this.view = view;
    this.self = self;
    this.draw();
  }

  private writes(): boolean {
    return this.host.permissions.has('captions.write');
  }

  private showing(): boolean {
    if (this.writes()) return true;
    return this.chosen ?? (this.self?.role === 'person_heard' || Boolean(this.view?.you.signInterpreter));
  }

  private draw(): void {
    const lines = this.view?.captions ?? null;
    const live = this.view?.phase === 'live';
    ui.toggleCaptions.hidden = lines === null || this.writes();
    ui.toggleCaptions.setAttribute('aria-pressed', String(this.showing()));
    ui.captions.hidden = lines === null || !this.showing() || (lines.length === 0 && !this.writes());
    ui.captionWriter.hidden = !this.writes() || !live;
    const shown = (lines ?? []).slice(-LINES_SHOWN);
    const items = shown.map((line) => {
      const item = document.createElement('li');
      item.lang = line.language;
      item.textContent = line.text;
      return item;
    });
    // Rewritten only when the lines change: the live region announces each rewrite.
    const now = shown.map((l) => `${l.at}${l.text}`).join('\n');
    if (ui.captionLines.dataset.lines !== now) {
      ui.captionLines.dataset.lines = now;
      ui.captionLines.replaceChildren(...items);
    }
  }
}
