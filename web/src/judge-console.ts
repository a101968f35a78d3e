/**
 * The presiding judge's console: the hearing's course (go live, pause, resume, end, start and stop
 * recording), the waiting room with Admit, the participants with Send back, Remove, Mute, Ask to
 * unmute, Show to all, Confirm identity (and, for the person heard, Audio only), the gates with the
 * floor for the person heard, and her protective measures.
 */
import { extraditionSections } from './extradition-console.js';
import type { CourtView, ParticipantView } from '../../signaling/protocol.js';
import { checkbox, select, type ConsoleWriting } from './console-writing.js';
import { h } from './dom.js';
import { recordingControl } from './recording-control.js';
import { gates } from './testimony-gates.js';
import { vulnerableSection } from './vulnerable-console.js';

export function judgeSections(w: ConsoleWriting, view: CourtView, people: ReadonlyMap<string, ParticipantView>, selfId: string): HTMLElement[] {
  const course = h(
    'section',
    { class: 'console-section', 'aria-labelledby': 'course-heading' },
    h('h2', { id: 'course-heading' }, w.t('console.hearing')),
    h(
      'div',
      { class: 'button-row' },
      view.phase === 'open' ? w.button(w.t('console.goLive'), 'court:go-live') : null,
      view.phase === 'live' && !view.pauses.some((p) => p.cause === 'judge') ? w.button(w.t('console.pause'), 'court:pause') : null,
      // Her own pause and a break she gave are the judge's to lift.
      view.pauses.some((p) => p.cause === 'judge' || p.cause === 'break') ? w.button(w.t('console.resume'), 'court:resume') : null,
      view.phase !== 'ended' ? w.button(w.t('console.muteAll'), 'court:mute', { participantId: null }) : null,
      // Adjourning asks the reason (it goes into the minutes) and says what follows.
      view.phase === 'open' || view.phase === 'live'
        ? w.button(w.t('console.adjourn'), 'court:adjourn', {}, { 'data-ask-reason': w.t('console.adjournReason'), 'aria-haspopup': 'dialog' })
        : null,
      view.phase !== 'ended'
        ? w.button(w.t('console.end'), 'court:end', {}, { class: 'danger', ...w.confirmFirst('console.endConfirm', 'console.end', 'console.endKeep') })
        : null,
    ),
    recordingControl(w, view, people, selfId),
    languageFallbacks(w, view),
  );
  const waiting = (view.lobby?.length ?? 0) > 0 && view.phase !== 'ended';
  const lobby = h(
    'section',
    { class: `console-section${waiting ? ' attention' : ''}`, 'aria-labelledby': 'lobby-heading' },
    h('h2', { id: 'lobby-heading' }, w.t('console.waitingRoom', { count: view.lobby?.length ?? 0 })),
    view.lobby && view.lobby.length > 0
      ? h(
          'ul',
          { class: 'people' },
          ...view.lobby.map((p) =>
            h(
              'li',
              { 'data-participant-id': p.id },
              h('span', { class: 'who' }, w.who(p)),
              w.button(w.t('console.admit', { name: p.displayName }), 'court:admit', { participantId: p.id }),
            ),
          ),
        )
      : h('p', { class: 'muted' }, w.t('console.nobodyWaiting')),
  );
  const present = [...people.values()].filter((p) => p.id !== selfId);
  const participants = h(
    'section',
    { class: 'console-section', 'aria-labelledby': 'participants-heading' },
    h('h2', { id: 'participants-heading' }, w.t('console.inHearing')),
    present.length === 0
      ? h('p', { class: 'muted' }, w.t('console.nobodyElse'))
      : h(
          'ul',
          { class: 'people' },
          ...present.map((p) => {
            const judicial = p.role === 'requested_officer';
            const name = p.displayName;
            return h(
              'li',
              { 'data-participant-id': p.id },
              h('span', { class: 'who' }, w.who(p)),
              h(
                'span',
                { class: 'button-row' },
                judicial
                  ? null
                  : w.button(w.t('console.sendBack'), 'court:send-back', { participantId: p.id }, { 'aria-label': w.t('console.sendBackLabel', { name }) }),
                judicial ? null : w.button(w.t('console.mute'), 'court:mute', { participantId: p.id }, { 'aria-label': w.t('console.muteLabel', { name }) }),
                judicial
                  ? null
                  : w.button(w.t('console.askUnmute'), 'court:ask-unmute', { participantId: p.id }, { 'aria-label': w.t('console.askUnmuteLabel', { name }) }),
                w.button(
                  w.t(view.spotlight === p.id ? 'console.stopShowing' : 'console.showToAll'),
                  'court:spotlight',
                  { participantId: view.spotlight === p.id ? null : p.id },
                  { 'aria-label': w.t('console.showToAllLabel', { name }) },
                ),
                p.role === 'person_heard' ? audioOnlyOrder(w, view, p) : null,
                w.button(
                  w.t('console.confirmIdentity'),
                  'court:confirm-identity',
                  { participantId: p.id },
                  { 'aria-label': w.t('console.confirmIdentityLabel', { name }) },
                ),
                judicial
                  ? null
                  : w.button(
                      w.t('console.remove'),
                      'court:remove',
                      { participantId: p.id },
                      { class: 'danger', 'data-ask-reason': w.t('console.removeReason', { name }), 'aria-label': w.t('console.removeLabel', { name }) },
                    ),
              ),
            );
          }),
        ),
  );
  // Whoever waits comes first, Admit in reach without scrolling; otherwise the hearing's course leads.
  const vulnerable = vulnerableSection(w, view, people);
  return waiting
    ? [lobby, course, vulnerable, gates(w, view, true, people), protections(w, view), participants].filter((s) => s !== null)
    : [course, vulnerable, gates(w, view, true, people), ...extraditionSections(w, view, false, () => []), protections(w, view), lobby, participants].filter(
        (s) => s !== null,
      );
}

/** Whose pages are not in their language: the judge knows, so the interpreter can render what they miss. */
function languageFallbacks(w: ConsoleWriting, view: CourtView): HTMLElement | null {
  const fallbacks = view.languageFallbacks ?? [];
  if (fallbacks.length === 0) return null;
  return h(
    'ul',
    { class: 'checklist language-fallbacks', 'aria-label': w.t('console.languageFallbacks') },
    ...fallbacks.map((f) =>
      h(
        'li',
        { 'data-participant-id': f.participantId },
        w.t('console.languageFallback', { name: f.displayName, language: w.language(f.language), shownIn: w.language(f.shownIn) }),
      ),
    ),
  );
}

/** The court switches the person heard's incoming video off when her link cannot carry it, or back on. */
function audioOnlyOrder(w: ConsoleWriting, view: CourtView, person: ParticipantView): HTMLButtonElement {
  const ordered = view.audioOnly?.some((p) => p.participantId === person.id && p.holds.some((hold) => hold.cause === 'court')) ?? false;
  const name = person.displayName;
  return ordered
    ? w.button(
        w.t('console.restoreVideo'),
        'court:order-audio-only',
        { participantId: person.id, on: false },
        { 'aria-label': w.t('console.restoreVideoLabel', { name }) },
      )
    : w.button(
        w.t('audioOnly.on'),
        'court:order-audio-only',
        { participantId: person.id, on: true, cameraOff: false },
        { 'aria-label': w.t('console.audioOnlyLabel', { name }) },
      );
}

/** Agreed protective measures for the person heard (safeguards row 8): the minutes respect them too. */
function protections(w: ConsoleWriting, view: CourtView): HTMLElement {
  return h(
    'section',
    { class: 'console-section', 'aria-labelledby': 'protection-heading' },
    h('h2', { id: 'protection-heading' }, w.t('console.protection')),
    ...view.personsHeard.map((person) =>
      h(
        'form',
        {
          'data-command': 'court:protect',
          'data-payload': JSON.stringify({ participantId: person.id, pseudonym: null }),
          class: 'gate-form',
          'aria-label': w.t('console.protectionFor', { name: person.displayName }),
        },
        measuresInForce(w, person.protection),
        h(
          'label',
          {},
          w.t('console.pseudonym'),
          h('input', { name: 'pseudonym', maxlength: '80', autocomplete: 'off', value: person.protection?.pseudonym ?? undefined }),
        ),
        checkbox('hideVideoFromObservers', w.t('console.hideFromObservers'), person.protection?.hideVideoFromObservers),
        checkbox('audioOnly', w.t('audioOnly.on'), person.protection?.audioOnly),
        checkbox('voiceMasking', w.t('console.maskVoice'), person.protection?.masking.voice),
        select(
          'faceMasking',
          w.t('console.maskFace'),
          [
            ['none', w.t('console.faceAsIs')],
            ['pixelate', w.t('console.facePixelated')],
            ['replace', w.t('console.faceReplaced')],
          ],
          person.protection?.masking.face ?? 'none',
        ),
        checkbox('hideLocation', w.t('console.hideLocation'), person.protection?.hideLocation),
        checkbox('restrictRecording', w.t('console.restrictRecording'), person.protection?.restrictRecording),
        h('button', { type: 'submit' }, w.t('console.applyMeasures')),
      ),
    ),
  );
}

/**
 * The measures in force, in one line the judge reads before changing them. Masking is applied on her
 * device: the server takes no stream of hers that is not masked as ordered, so "in force" is what the
 * court hears and sees.
 */
function measuresInForce(w: ConsoleWriting, protection: CourtView['personsHeard'][number]['protection']): HTMLElement | null {
  if (!protection) return null;
  const measures = [
    protection.pseudonym ? w.t('console.inForcePseudonym', { pseudonym: protection.pseudonym }) : null,
    protection.hideVideoFromObservers ? w.t('console.hideFromObservers') : null,
    protection.audioOnly ? w.t('audioOnly.on') : null,
    protection.masking.voice ? w.t('console.voiceMasked') : null,
    protection.masking.face === 'pixelate' ? w.t('console.facePixelated') : null,
    protection.masking.face === 'replace' ? w.t('console.faceReplaced') : null,
    protection.hideLocation ? w.t('console.hideLocation') : null,
    protection.restrictRecording ? w.t('console.restrictRecording') : null,
  ].filter((m): m is string => m !== null);
  return h(
    'p',
    { class: 'gate-status', role: 'status' },
    measures.length > 0 ? w.t('console.inForce', { measures: measures.join(' · ') }) : w.t('console.noneInForce'),
  );
}
