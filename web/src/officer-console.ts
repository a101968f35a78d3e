/**
 * The requested-state officer's console: the gates of each person heard as numbered steps in the
 * order they are passed (identity, rights, consent, oath), each saying before it is pressed whether
 * she will understand it — a text in her language, or an interpreter live into it — and the
 * officer's interventions.
 */
import type { CourtView, ParticipantView } from '../../signaling/protocol.js';
import { checkbox, select, time, type ConsoleWriting } from './console-writing.js';
import { h } from './dom.js';
import { extraditionSections } from './extradition-console.js';
import { gates, GATE_KEYS, understanding, type Gate } from './testimony-gates.js';

/**
 * The languages a text can be shown in: hers first (the default, sent as no language so the court
 * chooses her text), then the court's and the model texts' languages for use with an interpreter.
 */
function textLanguages(w: ConsoleWriting, view: CourtView, own: string): [string, string][] {
  const tags = [view.courtLanguage, ...(view.textLanguages ?? [])].filter((tag, i, all) => all.indexOf(tag) === i && tag !== own);
  return [['', w.t('console.herLanguage', { language: w.language(own) })], ...tags.map((tag): [string, string] => [tag, w.language(tag)])];
}

export function officerSections(w: ConsoleWriting, view: CourtView, people: ReadonlyMap<string, ParticipantView>): HTMLElement[] {
  const forms = view.personsHeard.map((person) => {
    const languages = textLanguages(w, view, person.understanding.language);
    const identity = h(
      'form',
      {
        'data-command': 'court:verify-identity',
        'data-payload': JSON.stringify({ participantId: person.id }),
        class: 'gate-form',
        'aria-label': w.t('console.identityCheck'),
      },
      h('h3', {}, w.t('console.identityCheck')),
      select('method', w.t('console.method'), [
        ['identity_document', w.t('console.method.document')],
        ['personal_knowledge', w.t('console.method.knowledge')],
        ['official_record', w.t('console.method.record')],
      ]),
      select('documentType', w.t('console.document'), [
        ['passport', w.t('console.document.passport')],
        ['national_id', w.t('console.document.nationalId')],
        ['residence_permit', w.t('console.document.residencePermit')],
        ['driving_licence', w.t('console.document.drivingLicence')],
        ['other', w.t('console.document.other')],
      ]),
      h('label', {}, w.t('console.issuingCountry'), h('input', { name: 'issuingCountry', maxlength: '2', autocomplete: 'off', pattern: '[A-Z]{2}' })),
      h('label', {}, w.t('console.documentNumber'), h('input', { name: 'documentNumber', autocomplete: 'off' })),
      checkbox('match', w.t('console.matches')),
      checkbox('photoCompared', w.t('console.photoCompared')),
      h('button', { type: 'submit' }, w.t('console.recordIdentity')),
    );
    const rights = h(
      'form',
      {
        'data-command': 'court:show-rights',
        'data-payload': JSON.stringify({ participantId: person.id }),
        class: 'gate-form',
        'aria-label': w.t('console.gate.rights'),
      },
      h('h3', {}, w.t('console.rightsHeading')),
      understanding(w, person, people),
      select('language', w.t('console.textLanguage'), languages),
      h('button', { type: 'submit' }, w.t(person.rightsShown ? 'console.showRightsAgain' : 'console.showRights')),
    );
    const consent = person.required.includes('consent')
      ? h(
          'form',
          {
            'data-command': 'court:record-consent',
            'data-payload': JSON.stringify({ participantId: person.id }),
            class: 'gate-form',
            'aria-label': w.t('console.gate.consent'),
          },
          h('h3', {}, w.t('console.consentHeading')),
          select('language', w.t('console.textLanguage'), languages),
          select('method', w.t('console.consentMethod'), [
            ['oral_on_record', w.t('console.consentMethod.oral')],
            ['signature', w.t('console.consentMethod.signature')],
            ['electronic_signature', w.t('console.consentMethod.electronic')],
          ]),
          checkbox('interpreterPresent', w.t('console.interpreterPresent')),
          checkbox('lawyerPresent', w.t('console.lawyerPresent')),
          h('button', { type: 'submit' }, w.t('console.recordConsent')),
        )
      : null;
    const oath = person.required.includes('oath')
      ? h(
          'form',
          {
            'data-command': 'court:record-oath',
            'data-payload': JSON.stringify({ participantId: person.id }),
            class: 'gate-form',
            'aria-label': w.t('console.gate.oath'),
          },
          h('h3', {}, w.t('console.oathHeading')),
          select('form', w.t('console.oathForm'), [
            ['oath', w.t('console.oathForm.oath')],
            ['affirmation', w.t('console.oathForm.affirmation')],
          ]),
          select('language', w.t('console.textLanguage'), languages),
          h('button', { type: 'submit' }, w.t('console.recordOath')),
        )
      : null;
    // The gates as numbered steps in the order they are passed: the next one open and marked, the
    // ones done folded to a line with their time (open to record again), the later ones below.
    const steps = (
      [
        ['identity', identity],
        ['rights', rights],
        ['consent', consent],
        ['oath', oath],
      ] as [Gate, HTMLFormElement | null][]
    ).filter((step): step is [Gate, HTMLFormElement] => step[1] !== null);
    const next = steps.find(([gate]) => !person.passed[gate])?.[0];
    return h(
      'ol',
      { class: 'officer-steps', 'aria-label': w.t('console.stepsFor', { name: person.displayName }) },
      ...steps.map(([gate, form]) => {
        const at = person.passed[gate];
        const state = at ? 'done' : gate === next ? 'current' : 'later';
        return h(
          'li',
          { class: 'step', 'data-step': gate, 'data-step-state': state, 'aria-current': state === 'current' ? 'step' : undefined },
          at
            ? h(
                'details',
                {},
                h('summary', {}, `✓ ${w.t('console.gatePassed', { gate: w.t(GATE_KEYS[gate] ?? 'console.gate.identity'), time: time(at) })}`),
                form,
              )
            : form,
        );
      }),
    );
  });
  const intervening = view.pauses.some((p) => p.cause === 'officer');
  const intervene = h(
    'section',
    { class: 'console-section', 'aria-labelledby': 'intervene-heading' },
    h('h2', { id: 'intervene-heading' }, w.t('console.intervene')),
    intervening
      ? h(
          'div',
          {},
          h('p', {}, w.t('console.interventionInForce', { reason: view.officerIntervention?.reason ?? '' })),
          w.button(w.t('console.liftIntervention'), 'court:lift-intervention'),
        )
      : h(
          'form',
          { 'data-command': 'court:intervene', class: 'gate-form', 'aria-label': w.t('console.intervene') },
          select('action', w.t('console.action'), [
            ['pause', w.t('console.action.pause')],
            ['suspend', w.t('console.action.suspend')],
            ['stop_recording', w.t('console.action.stopRecording')],
            ['end', w.t('console.action.end')],
          ]),
          h('label', {}, w.t('console.reason'), h('input', { name: 'reason', required: true, minlength: '3' })),
          h('button', { type: 'submit', class: 'danger' }, w.t('console.intervene')),
        ),
  );
  return [gates(w, view, false, people), ...forms, ...extraditionSections(w, view, true, (own) => textLanguages(w, view, own)), intervene];
}
