/**
 * What the person heard passes through on her own page: the waiting room until the court admits
 * her, the notice of her rights to acknowledge, and what she may do herself while she is in the
 * courtroom — claim a privilege, withdraw her consent.
 */
import { directionOf } from '../../../language/index.js';
import type { CourtView, ParticipantView } from '../../../signaling/protocol.js';
import { askText } from '../ask.js';
import type { SendCommand } from '../court-console.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

/** Her answers to the court, each a command the court records. */
export function answerGatesWith(command: SendCommand): void {
  ui.acknowledgeRights.addEventListener('click', () => void command('court:acknowledge-rights', {}));
  ui.withdrawConsent.addEventListener('click', () => void command('court:withdraw-consent', {}));
  ui.claimPrivilege.addEventListener('click', () => {
    void askText(words, words.t('person.privilegePrompt')).then((basis) => {
      if (basis) void command('court:claim-privilege', { basis });
    });
  });
}

export function showGates(view: CourtView, self: ParticipantView, inHearingView: boolean): void {
  const waiting = !view.you.inCourtroom && inHearingView;
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
    ui.rightsInterpreted.textContent = notice.interpreted
      ? words.t('rights.interpreted', { language: new Intl.DisplayNames([words.lang], { type: 'language' }).of(words.requested) ?? words.requested })
      : '';
    ui.acknowledgeRights.textContent = words.t('person.acknowledge');
  }
  const own = view.personsHeard.find((p) => p.id === self.id);
  ui.personActions.hidden = self.role !== 'person_heard' || !view.you.inCourtroom || view.phase === 'ended';
  ui.claimPrivilege.textContent = words.t('person.claimPrivilege');
  ui.withdrawConsent.textContent = words.t('person.withdrawConsent');
  ui.withdrawConsent.hidden = !own?.passed.consent;
}
