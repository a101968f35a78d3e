/**
 * The gates each person heard passes before testimony (identity, rights, consent, oath), as both
 * judicial consoles show them: one strip in the order they are passed, and what each gate relies on
 * for her to understand it. The judge's strip also starts and ends the testimony.
 */
import type { MessageKey } from '../../language/index.js';
import type { CourtView, ParticipantView } from '../../signaling/protocol.js';
import { time, type ConsoleWriting } from './console-writing.js';
import { h } from './dom.js';

export type Gate = keyof CourtView['personsHeard'][number]['passed'];

export const GATE_KEYS: Record<string, MessageKey> = {
  identity: 'console.gate.identity',
  rights: 'console.gate.rights',
  consent: 'console.gate.consent',
  oath: 'console.gate.oath',
};
/** A gate in one word, for the judge's strip; the whole sentence is there for screen readers. */
const GATE_SHORT_KEYS: Record<string, MessageKey> = {
  identity: 'console.gateShort.identity',
  rights: 'console.gateShort.rights',
  consent: 'console.gateShort.consent',
  oath: 'console.gateShort.oath',
};

/**
 * What each gate of the person heard relies on: her language, a text in it, an interpreter live into
 * it, and for each gate passed how she understood it. A gate nothing can carry says so in words.
 */
export function understanding(w: ConsoleWriting, person: CourtView['personsHeard'][number], people: ReadonlyMap<string, ParticipantView>): HTMLElement {
  const u = person.understanding;
  const language = w.language(u.language);
  const interpreter = u.interpreterId ? (people.get(u.interpreterId)?.displayName ?? w.t('console.anInterpreter')) : null;
  const blocked = !u.text && !interpreter;
  return h(
    'p',
    { class: blocked ? 'understanding blocked' : 'understanding', 'data-understanding': blocked ? 'blocked' : u.text ? 'text' : 'interpreter' },
    blocked
      ? w.t('console.understanding.blocked', { language })
      : interpreter
        ? w.t('console.understanding.interpreter', { language, name: interpreter })
        : w.t('console.understanding.text', { language }),
  );
}

export function gates(w: ConsoleWriting, view: CourtView, presiding: boolean, people: ReadonlyMap<string, ParticipantView>): HTMLElement {
  return h(
    'section',
    { class: 'console-section', 'aria-labelledby': 'gates-heading' },
    h('h2', { id: 'gates-heading' }, w.t('console.beforeTestimony')),
    ...view.personsHeard.map((person) =>
      h(
        'div',
        { class: 'gates', 'data-person-heard': person.id },
        h('p', { class: 'who' }, w.who({ displayName: person.displayName, role: 'person_heard', capacity: person.capacity })),
        understanding(w, person, people),
        // One strip, in the order the gates are passed: what is done is green and timed, what is not is open.
        h(
          'ol',
          { class: 'gate-strip', 'aria-label': w.t('console.beforeTestimony') },
          ...person.required.map((gate) => {
            const at = person.passed[gate];
            const how = person.understood[gate];
            const via =
              how?.via === 'interpreter'
                ? w.t('console.viaInterpreter', { name: people.get(how.interpreterId ?? '')?.displayName ?? w.t('console.anInterpreter') })
                : '';
            const label = w.t(GATE_KEYS[gate] ?? 'console.gate.identity');
            const short = w.t(GATE_SHORT_KEYS[gate] ?? 'console.gateShort.identity');
            const full = at ? `${w.t('console.gatePassed', { gate: label, time: time(at) })}${via ? ` ${via}` : ''}` : label;
            return h(
              'li',
              { 'data-gate': gate, 'data-passed': String(Boolean(at)), title: full },
              h('span', { 'aria-hidden': 'true' }, at ? `✓ ${short} ${time(at).slice(0, 5)}` : `○ ${short}`),
              h('span', { class: 'visually-hidden' }, at ? `✓ ${full}` : `○ ${full}`),
            );
          }),
          // The sound check with her interpreter, where one was made: a no-go holds her testimony.
          person.soundCheck ? soundMark(w, person.soundCheck) : null,
        ),
        presiding
          ? h(
              'div',
              { class: 'button-row' },
              view.testimony === person.id
                ? w.button(w.t('console.endTestimony'), 'court:testimony', { participantId: person.id, action: 'end' })
                : w.button(
                    w.t('console.startTestimony'),
                    'court:testimony',
                    { participantId: person.id, action: 'start' },
                    person.missing.length > 0
                      ? {
                          title: w.t('console.missing', {
                            gates: person.required
                              .filter((g) => !person.passed[g])
                              .map((g) => w.t(GATE_KEYS[g] ?? 'console.gate.identity'))
                              .join('; '),
                          }),
                        }
                      : {},
                  ),
            )
          : null,
      ),
    ),
  );
}

function soundMark(w: ConsoleWriting, check: NonNullable<CourtView['personsHeard'][number]['soundCheck']>): HTMLElement {
  const go = check.result === 'go';
  const full = w.t(go ? 'console.soundGo' : 'console.soundNoGo', { time: time(check.at) });
  return h(
    'li',
    { 'data-gate': 'sound', 'data-passed': String(go), title: full },
    h('span', { 'aria-hidden': 'true' }, `${go ? '✓' : '✗'} ${w.t('console.soundShort')} ${time(check.at).slice(0, 5)}`),
    h('span', { class: 'visually-hidden' }, full),
  );
}
