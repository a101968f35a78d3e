/**
 * The hearing's status line — the court's state, or the sealed consultation this person is in — and
 * the recording mark everyone sees, the waiting room too: while the hearing is recorded, on what
 * basis, and when the recording is interrupted.
 */
import type { MessageKey } from '../../../language/index.js';
import type { CourtView, ParticipantView } from '../../../signaling/protocol.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

/** Why the hearing is paused, for the status line of every page. */
const PAUSE_KEYS: Record<string, MessageKey> = {
  judge: 'court.pause.judge',
  officer: 'court.pause.officer',
  judge_absent: 'court.pause.judgeAbsent',
  officer_absent: 'court.pause.officerAbsent',
  consent_withdrawn: 'court.pause.consentWithdrawn',
  support_absent: 'court.pause.supportAbsent',
  break: 'court.pause.break',
};

/** The court's state in one line, in the page's language. */
function describeCourt(view: CourtView): string {
  if (view.phase === 'awaiting_judge') return words.t('court.awaitingJudge');
  if (view.phase === 'ended') return words.t('court.ended');
  if (view.paused)
    return words.t('court.paused', { causes: view.pauses.map((p) => (PAUSE_KEYS[p.cause] ? words.t(PAUSE_KEYS[p.cause]!) : p.cause)).join('; ') });
  if (view.phase === 'open') return words.t('court.open');
  return view.testimony ? words.t('court.liveTestimony') : words.t('court.live');
}

/**
 * Writes a status only when its words change: a screen reader announces a live region on every
 * rewrite, and the court's state arrives many times a minute with the same meaning.
 */
function say(element: HTMLElement, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}

export function showCourtStatus(
  view: CourtView,
  self: ParticipantView,
  people: ReadonlyMap<string, ParticipantView>,
  /** The line of the consultation this person is in: its key agreement, or its security code once sealed. */
  consultationLine: () => string,
): void {
  const nameOf = (id: string) => (id === self.id ? words.t('court.you') : (people.get(id)?.displayName ?? words.t('court.someone')));
  const names = (ids: string[]) => ids.map(nameOf).reduce((first, second) => words.t('court.namesJoin', { first, second }));
  say(
    ui.courtStatus,
    view.you.consultationId
      ? consultationLine()
      : self.role === 'person_heard' && view.phase === 'ended'
        ? words.t('court.endedThanks')
        : [
            describeCourt(view),
            ...view.consultations.map((c) => words.t('court.inConsultation', { names: names(c.participantIds) })),
            ...maskedLine(view),
          ].join(' · '),
  );
  // Everyone, in the waiting room too, knows while the hearing is recorded and on what basis.
  ui.recordingIndicator.hidden = !view.recording;
  // "Recording" only while every recorded track reaches the disk; otherwise everyone is told it is interrupted.
  const interrupted = (view.recording?.interrupted.length ?? 0) > 0;
  ui.recordingIndicator.classList.toggle('interrupted', interrupted);
  say(ui.recordingLabel, view.recording ? words.t(interrupted ? 'recording.interrupted' : 'recording.mark') : '');
  say(ui.recordingBasis, view.recording ? words.t('recording.basis', { basis: view.recording.legalBasis }) : '');
}

/** A protected person is told, in her language, that what leaves her device is masked — so she can speak freely. */
function maskedLine(view: CourtView): string[] {
  const masking = view.you.masking;
  if (!masking) return [];
  const face = masking.face !== 'none';
  return [words.t(masking.voice && face ? 'court.youMaskedBoth' : masking.voice ? 'court.youMaskedVoice' : 'court.youMaskedFace')];
}
