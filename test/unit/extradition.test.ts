/**
 * Consent to surrender and renunciation of speciality (CETS 209 Arts 3–4), as the court's rules:
 * taken before the requested state's judge in a live hearing, informed in the person's language,
 * with her lawyer's and her interpreter's attestations before she may answer, her own answer from
 * her own device (signed where the law asks), the judge's ruling — and immutable once taken, unless
 * the information recorded that the law allows revocation.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CourtError, decide, MODEL_TEXT_BOOK } from '../../courtroom/index.js';
import type { NamedCourtCommand } from '../../courtroom/decide.js';
import { signatureHash } from '../../courtroom/extradition.js';
import type { Participant } from '../../scheduling/index.js';
import { liveCourt } from '../support/live-court.js';
import { participantMaker } from '../support/people.js';

const someone = participantMaker('30000000');
const judge = someone('presiding_judge', 'Judge Berger', 'de');
const officer = someone('requested_officer', 'Judge Nowak', 'pl');
const sought = { ...someone('person_heard', 'Ana Pereira', 'pt'), capacity: 'person_sought' as const };
const witness = someone('person_heard', 'Maria Rossi', 'it');
const lawyer = someone('counsel', 'Tomasz Wójcik', 'pl');
const piotr = someone('interpreter', 'Piotr Zieliński', 'pl', { from: 'de', into: 'pl' });
const joana = someone('interpreter', 'Joana Silva', 'pt', { from: 'de', into: 'pt' });
const everyone = new Map([judge, officer, sought, witness, lawyer, piotr, joana].map((p) => [p.id, p]));

const SIGNATURE = [
  [
    [100, 200],
    [180, 120],
    [260, 220],
  ],
  [
    [300, 210],
    [420, 160],
  ],
] as [number, number][][];

function hearing(gatesPassed = true) {
  const court = liveCourt(everyone, { courtLanguage: 'de' });
  if (gatesPassed) {
    // Identified, told her rights in Portuguese, consenting to the video hearing: what a declaration rests on.
    court.act(officer, {
      name: 'court:verify-identity',
      command: { participantId: sought.id, method: 'personal_knowledge', match: true, photoCompared: false },
    });
    court.act(officer, { name: 'court:show-rights', command: { participantId: sought.id } });
    court.act(sought, { name: 'court:acknowledge-rights', command: {} });
    court.act(officer, {
      name: 'court:record-consent',
      command: { participantId: sought.id, method: 'oral_on_record', interpreterPresent: false, lawyerPresent: true },
    });
  }
  return {
    ...court,
    /** Her answer, to the text now before her. */
    declare(
      answer: 'given' | 'refused',
      signature?: [number, number][][],
      declaration: 'consent_to_surrender' | 'speciality_renunciation' = 'consent_to_surrender',
    ): NamedCourtCommand {
      const textSha256 = court.state.extradition.get(sought.id)?.get(declaration)?.informed.text.sha256 ?? '0'.repeat(64);
      return { name: 'extradition:declare', command: { declaration, answer, textSha256, ...(signature ? { signature: { strokes: signature } } : {}) } };
    },
    refusal(actor: Participant, command: NamedCourtCommand): CourtError {
      try {
        decide(court.state, command, actor, court.ctx());
      } catch (error) {
        if (error instanceof CourtError) return error;
        throw error;
      }
      assert.fail(`${command.name} was not refused`);
    },
  };
}

const inform = (extra: Partial<NamedCourtCommand['command']> = {}): NamedCourtCommand =>
  ({
    name: 'extradition:inform',
    command: { participantId: sought.id, declaration: 'consent_to_surrender', revocable: false, signatureRequired: true, counselWaived: false, ...extra },
  }) as NamedCourtCommand;

describe('extradition: consent to surrender and renunciation of speciality', () => {
  it('only the person sought consents, and only while the hearing is live and not paused', () => {
    const h = hearing();
    assert.equal(h.refusal(officer, inform({ participantId: witness.id } as never)).code, 'not_person_sought');
    h.act(judge, { name: 'court:pause', command: {} });
    assert.equal(h.refusal(officer, inform()).code, 'not_running');
  });

  it('the text is the one in her language, and the record says so; with the Portuguese interpreter live and an English text, through her', () => {
    const h = hearing();
    const [informed] = h.act(officer, inform());
    const data = informed!.data as { text: { id: string; language: string; sha256: string }; understanding: { via: string; language: string } };
    assert.equal(data.text.id, 'extradition-consent');
    assert.equal(data.text.language, 'pt');
    assert.equal(data.text.sha256, MODEL_TEXT_BOOK.text('extradition-consent', 'pt')!.sha256);
    assert.deepEqual(data.understanding, { language: 'pt', via: 'text' });
    assert.equal(
      h.refusal(officer, inform({ language: 'en', declaration: 'speciality_renunciation' } as never)).code,
      'not_understood',
      'an English text with nobody into Portuguese is not understood',
    );
    h.act(joana, { name: 'interpretation:take', command: {} });
    const [again] = h.act(officer, inform({ language: 'en', declaration: 'speciality_renunciation' } as never));
    assert.deepEqual((again!.data as { understanding: unknown }).understanding, { language: 'pt', via: 'interpreter', interpreterId: joana.id });
  });

  it('she cannot answer before her lawyer attests, nor (through an interpreter) before the interpreter does; only her interpreter may', () => {
    const h = hearing();
    h.act(joana, { name: 'interpretation:take', command: {} });
    h.act(officer, inform({ language: 'de', signatureRequired: false } as never));
    const early = h.refusal(sought, h.declare('given'));
    assert.equal(early.code, 'attestation_missing');
    assert.match(early.message, /lawyer’s attestation and the interpreter’s attestation/);
    h.act(lawyer, { name: 'extradition:attest', command: { participantId: sought.id, declaration: 'consent_to_surrender' } });
    assert.equal(
      h.refusal(piotr, { name: 'extradition:attest', command: { participantId: sought.id, declaration: 'consent_to_surrender' } }).code,
      'not_her_interpreter',
      'the Polish interpreter does not attest a Portuguese interpretation',
    );
    assert.equal(h.refusal(sought, h.declare('given')).code, 'attestation_missing');
    h.act(joana, { name: 'extradition:attest', command: { participantId: sought.id, declaration: 'consent_to_surrender' } });
    const [declared] = h.act(sought, h.declare('given'));
    assert.equal((declared!.data as { answer: string }).answer, 'given');
  });

  it('where the law asks for her signature, a consent without one is refused; the record keeps the strokes and names them by their hash', () => {
    const h = hearing();
    h.act(officer, inform());
    h.act(lawyer, { name: 'extradition:attest', command: { participantId: sought.id, declaration: 'consent_to_surrender' } });
    assert.equal(h.refusal(sought, h.declare('given')).code, 'signature_required');
    const [declared] = h.act(sought, h.declare('given', SIGNATURE));
    const signature = (declared!.data as { signature: { strokes: unknown; sha256: string } }).signature;
    assert.deepEqual(signature.strokes, SIGNATURE);
    assert.equal(signature.sha256, signatureHash(SIGNATURE));
    assert.equal(
      h.refusal(lawyer, { name: 'extradition:attest', command: { participantId: sought.id, declaration: 'consent_to_surrender' } }).code,
      'already_declared',
    );
  });

  it('only the person herself declares; the judge rules; once taken, the consent is immutable and cannot be revoked where the law does not allow it', () => {
    const h = hearing();
    h.act(officer, inform());
    h.act(lawyer, { name: 'extradition:attest', command: { participantId: sought.id, declaration: 'consent_to_surrender' } });
    const declare = h.declare('given', SIGNATURE);
    assert.equal(h.refusal(lawyer, declare).code, 'not_person_sought', 'counsel cannot answer for her');
    h.act(sought, declare);
    h.act(officer, { name: 'extradition:confirm', command: { participantId: sought.id, declaration: 'consent_to_surrender', accepted: true } });
    const course = h.state.extradition.get(sought.id)?.get('consent_to_surrender');
    assert.equal(course?.confirmed?.accepted, true);
    assert.equal(h.refusal(officer, inform()).code, 'irrevocable', 'it is not put before her again');
    assert.equal(h.refusal(sought, declare).code, 'already_confirmed');
    const revoke = h.refusal(sought, { name: 'extradition:revoke', command: { declaration: 'consent_to_surrender' } });
    assert.equal(revoke.code, 'irrevocable');
    assert.match(revoke.message, /cannot be revoked/);
  });

  it('where the law allows revocation (recorded with its provision), she may revoke it once, and it may then be taken again', () => {
    const h = hearing();
    h.act(officer, inform({ revocable: true, revocationBasis: 'Art. 17 of the Extradition Act', counselWaived: true, signatureRequired: false } as never));
    h.act(sought, h.declare('given'));
    h.act(officer, { name: 'extradition:confirm', command: { participantId: sought.id, declaration: 'consent_to_surrender', accepted: true } });
    h.act(sought, { name: 'extradition:revoke', command: { declaration: 'consent_to_surrender' } });
    assert.equal(h.refusal(sought, { name: 'extradition:revoke', command: { declaration: 'consent_to_surrender' } }).code, 'nothing_to_revoke');
    h.act(officer, inform());
    assert.equal(h.state.extradition.get(sought.id)?.get('consent_to_surrender')?.declared, undefined, 'a new course begins');
  });

  it('a declaration the judge does not accept binds nothing and may be put before her again', () => {
    const h = hearing();
    h.act(officer, inform({ counselWaived: true, signatureRequired: false } as never));
    h.act(sought, h.declare('given'));
    h.act(officer, {
      name: 'extradition:confirm',
      command: { participantId: sought.id, declaration: 'consent_to_surrender', accepted: false, reason: 'she seemed confused about the consequences' },
    });
    assert.equal(h.refusal(sought, { name: 'extradition:revoke', command: { declaration: 'consent_to_surrender' } }).code, 'nothing_to_revoke');
    h.act(officer, inform());
  });

  it('nothing is taken from a person the court has not identified, told her rights and asked to consent to the video hearing', () => {
    const h = hearing(false);
    const refused = h.refusal(officer, inform());
    assert.equal(refused.code, 'gates_missing');
    assert.match(refused.message, /identity/);
  });

  it('a declaration before her is ruled on before it is put again, and her answer is to the words on her screen', () => {
    const h = hearing();
    h.act(officer, inform({ counselWaived: true, signatureRequired: false } as never));
    assert.equal(h.refusal(officer, inform({ counselWaived: true } as never)).code, 'course_open');
    const stale: NamedCourtCommand = {
      name: 'extradition:declare',
      command: { declaration: 'consent_to_surrender', answer: 'given', textSha256: MODEL_TEXT_BOOK.text('extradition-consent', 'de')!.sha256 },
    };
    assert.equal(h.refusal(sought, stale).code, 'text_changed');
    h.act(sought, h.declare('given'));
  });

  it('she revokes before the judge: not from the waiting room', () => {
    const h = hearing();
    h.act(officer, inform({ revocable: true, revocationBasis: 'Art. 17 of the Extradition Act', counselWaived: true, signatureRequired: false } as never));
    h.act(sought, h.declare('given'));
    h.act(officer, { name: 'extradition:confirm', command: { participantId: sought.id, declaration: 'consent_to_surrender', accepted: true } });
    h.act(judge, { name: 'court:send-back', command: { participantId: sought.id } });
    assert.equal(h.refusal(sought, { name: 'extradition:revoke', command: { declaration: 'consent_to_surrender' } }).code, 'not_admitted');
  });

  it('a trusted time dates the ruling it names, not a course put to her after it', () => {
    const h = hearing();
    h.act(officer, inform({ counselWaived: true, signatureRequired: false } as never));
    h.act(sought, h.declare('refused'));
    const [ruling] = h.act(officer, {
      name: 'extradition:confirm',
      command: { participantId: sought.id, declaration: 'consent_to_surrender', accepted: true },
    });
    const rulingAt = h.state.extradition.get(sought.id)!.get('consent_to_surrender')!.confirmed!.at;
    assert.ok(ruling);
    // Put to her again before the authority answers; then the token for the first ruling arrives.
    h.act(officer, inform({ counselWaived: true, signatureRequired: false } as never));
    h.record(officer, [
      {
        type: 'extradition.timestamped',
        data: { participantId: sought.id, declaration: 'consent_to_surrender', entrySha256: 'a'.repeat(64), rulingAt, token: 'AAAA' },
      } as never,
    ]);
    assert.equal(
      h.state.extradition.get(sought.id)!.get('consent_to_surrender')!.timestamped,
      undefined,
      'the new course is not dated by the old ruling’s token',
    );
  });
});
