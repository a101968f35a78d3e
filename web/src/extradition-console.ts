/**
 * Consent to surrender and renunciation of speciality (CETS 209 Arts 3–4) on the court's console:
 * for each person sought, each declaration's course as steps with their times — put before her, her
 * lawyer's and the interpreter's attestations, her answer, the ruling, the trusted date — and, for
 * the requested state's judge who takes it, the form that puts a declaration before her and the two
 * answers to her declaration. The presiding judge sees the same steps without the buttons.
 */
import type { CourtView } from '../../signaling/protocol.js';
import { checkbox, select, time, type ConsoleWriting } from './console-writing.js';
import { DECLARATION_NAMES } from './declaration-names.js';
import { h } from './dom.js';

type Course = CourtView['extradition'][number];
type Declaration = Course['declaration'];
const DECLARATIONS: readonly Declaration[] = ['consent_to_surrender', 'speciality_renunciation'];

/** One course as numbered steps: what is done with its time, what is awaited said so. */
function steps(w: ConsoleWriting, course: Course, takes: boolean): HTMLElement {
  const items: [string, string][] = [['done', w.t('console.extraditionInformed', { time: time(course.informedAt) })]];
  if (course.counselWaived) items.push(['done', w.t('console.extraditionNoCounsel')]);
  else
    items.push(
      course.counselAttestedAt
        ? ['done', w.t('console.extraditionCounselDone', { time: time(course.counselAttestedAt) })]
        : ['waiting', w.t('console.extraditionCounselWaiting')],
    );
  if (course.interpreted || course.interpreterAttestedAt)
    items.push(
      course.interpreterAttestedAt
        ? ['done', w.t('console.extraditionInterpreterDone', { time: time(course.interpreterAttestedAt) })]
        : ['waiting', w.t('console.extraditionInterpreterWaiting')],
    );
  if (!course.answer) items.push(['waiting', w.t('console.extraditionAnswerWaiting')]);
  else items.push(['done', w.t(course.answer.given ? 'console.extraditionGiven' : 'console.extraditionRefused', { time: time(course.answer.at) })]);
  if (course.ruling)
    items.push(
      course.ruling.accepted
        ? ['done', w.t('console.extraditionAccepted', { time: time(course.ruling.at) })]
        : ['refused', w.t('console.extraditionRejected', { time: time(course.ruling.at), reason: course.ruling.reason ?? '' })],
    );
  if (course.timestamped) items.push(['done', w.t('console.extraditionDated')]);
  if (course.ruling?.accepted && course.answer?.given && !course.revocable) items.push(['done', w.t('console.extraditionIrrevocable')]);
  if (course.revokedAt) items.push(['refused', w.t('console.extraditionRevoked', { time: time(course.revokedAt) })]);
  const ruling =
    takes && course.answer && !course.ruling
      ? h(
          'p',
          { class: 'actions' },
          // Confirming binds her: the judge is asked once more, the safe answer first.
          w.button(
            w.t('console.extraditionAccept'),
            'extradition:confirm',
            { participantId: course.participantId, declaration: course.declaration, accepted: true },
            w.confirmFirst('console.extraditionAcceptQuestion', 'console.extraditionAccept', 'console.extraditionNotYet'),
          ),
          w.button(
            w.t('console.extraditionReject'),
            'extradition:confirm',
            { participantId: course.participantId, declaration: course.declaration, accepted: false },
            { 'data-ask-reason': w.t('console.extraditionRejectReason'), class: 'danger', 'aria-haspopup': 'dialog' },
          ),
        )
      : null;
  return h(
    'div',
    { class: 'extradition-course', 'data-declaration': course.declaration, 'data-standing': String(course.standing) },
    h('h4', {}, w.t(DECLARATION_NAMES[course.declaration])),
    h('ol', { class: 'extradition-steps' }, ...items.map(([state, text]) => h('li', { 'data-step-state': state }, state === 'done' ? `✓ ${text}` : text))),
    ruling,
  );
}

/** The form that puts a declaration before her: which, in which language's text, and what the requested state's law asks. */
function informForm(w: ConsoleWriting, personId: string, open: readonly Declaration[], languages: [string, string][]): HTMLFormElement {
  return h(
    'form',
    {
      'data-command': 'extradition:inform',
      'data-payload': JSON.stringify({ participantId: personId }),
      class: 'gate-form',
      'aria-label': w.t('console.extraditionInform'),
    },
    select(
      'declaration',
      w.t('console.extraditionDeclaration'),
      open.map((d) => [d, w.t(DECLARATION_NAMES[d])]),
    ),
    select('language', w.t('console.textLanguage'), languages),
    checkbox('signatureRequired', w.t('console.extraditionSignature')),
    checkbox('counselWaived', w.t('console.extraditionCounselWaived')),
    checkbox('revocable', w.t('console.extraditionRevocable')),
    h('label', {}, w.t('console.extraditionRevocationBasis'), h('input', { name: 'revocationBasis', autocomplete: 'off', maxlength: '300' })),
    h('button', { type: 'submit' }, w.t('console.extraditionInform')),
  );
}

/**
 * A section per person sought, where there is one. `takes`: the console of the requested state's
 * judge, who puts declarations before her and rules on them.
 */
export function extraditionSections(w: ConsoleWriting, view: CourtView, takes: boolean, languagesFor: (own: string) => [string, string][]): HTMLElement[] {
  return view.personsHeard
    .filter((person) => person.capacity === 'person_sought')
    .map((person) => {
      const courses = view.extradition.filter((c) => c.participantId === person.id);
      const open = DECLARATIONS.filter((d) => !courses.some((c) => c.declaration === d && c.standing));
      return h(
        'section',
        { class: 'console-section extradition', 'data-person-sought': person.id, 'aria-labelledby': `extradition-${person.id}` },
        h('h2', { id: `extradition-${person.id}` }, w.t('console.extradition', { name: person.displayName })),
        ...courses.map((course) => steps(w, course, takes)),
        takes && open.length > 0 && view.phase === 'live' ? informForm(w, person.id, open, languagesFor(person.understanding.language)) : null,
      );
    });
}
