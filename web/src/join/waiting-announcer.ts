/**
 * The judge learns that someone waits even while looking elsewhere: the tab's title counts them and
 * a short chime sounds when one more arrives. Only the one who can admit is told.
 */
import type { CourtView } from '../../../signaling/protocol.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

export class WaitingAnnouncer {
  /** How many waited at the last state, so that the chime sounds for a new arrival only. */
  private waitingBefore = 0;

  announce(view: CourtView, presides: boolean, inHearingView: boolean): void {
    if (!presides) return;
    const waiting = view.phase === 'ended' ? 0 : (view.lobby?.length ?? 0);
    const title = words.t('page.titleHearing', { title: ui.hearingHeading.textContent ?? '' });
    if (inHearingView) document.title = waiting > 0 ? words.t('console.waitingTitle', { count: waiting, title }) : title;
    if (waiting > this.waitingBefore) chime();
    this.waitingBefore = waiting;
  }
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
    for (const [frequency, at] of [
      [660, 0],
      [880, 0.18],
    ] as const) {
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
