/**
 * Gates that follow understanding: the court speaks German, the person heard her own language. A
 * gate passes only on a text in her language or with an interpreter live into it at that moment, and
 * the record says which, who interpreted and which words; a language with neither blocks the gate
 * in words the officer can act on.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CourtError, decide, MODEL_TEXT_BOOK, textBook, textHash, type TextBook } from '../../courtroom/index.js';
import type { NamedCourtCommand } from '../../courtroom/decide.js';
import type { Participant } from '../../scheduling/index.js';
import { liveCourt } from '../support/live-court.js';
import { participantMaker } from '../support/people.js';

const someone = participantMaker('20000000');

const judge = someone('presiding_judge', 'Judge Berger', 'de');
const officer = someone('requested_officer', 'Officer Nowak', 'pl');
const maria = someone('person_heard', 'Maria Rossi', 'it');
const anna = someone('person_heard', 'Anna Kowalska', 'pl');
const lucia = someone('interpreter', 'Lucia Bianchi', 'it', { from: 'de', into: 'it' });
const piotr = someone('interpreter', 'Piotr Zieliński', 'pl', { from: 'de', into: 'pl' });
const everyone = new Map([judge, officer, maria, anna, lucia, piotr].map((p) => [p.id, p]));

/** A live hearing in German with everyone connected and admitted; nobody interprets yet. */
function hearing(texts: TextBook = MODEL_TEXT_BOOK) {
  const { court, present, ctx, act } = liveCourt(everyone, { courtLanguage: 'de', texts, day: new Date(Date.UTC(2026, 11, 5, 10, 0, 0)) });
  return {
    state: court.state,
    act,
    present,
    refusal(actor: Participant, command: NamedCourtCommand): CourtError {
      try {
        decide(court.state, command, actor, ctx());
      } catch (error) {
        if (error instanceof CourtError) return error;
        throw error;
      }
      assert.fail(`${command.name} was not refused`);
    },
  };
}

describe('rights, consent and oath are passed in the language the person heard understands', () => {
  it('an Italian witness is shown the Italian text by default, and the record says she read it in Italian', () => {
    const h = hearing();
    const [shown] = h.act(officer, { name: 'court:show-rights', command: { participantId: maria.id } });
    const data = shown!.data as { notice: { language: string; sha256: string; source: string }; understanding: { language: string; via: string } };
    assert.equal(data.notice.language, 'it');
    assert.equal(data.notice.source, 'model', 'a built-in text is marked as a model text');
    assert.equal(data.notice.sha256, MODEL_TEXT_BOOK.text('rights-and-caution', 'it')!.sha256);
    assert.deepEqual(data.understanding, { language: 'it', via: 'text' });
    const [ack] = h.act(maria, { name: 'court:acknowledge-rights', command: {} });
    assert.deepEqual((ack!.data as { understanding: unknown }).understanding, { language: 'it', via: 'text' });
  });

  it('the officer cannot put the English text before her with no interpreter live; with Lucia live into Italian, she can, and the record names Lucia', () => {
    const h = hearing();
    const refused = h.refusal(officer, { name: 'court:show-rights', command: { participantId: maria.id, language: 'en' } });
    assert.equal(refused.code, 'not_understood');
    assert.match(refused.message, /Italian/);
    h.act(lucia, { name: 'interpretation:take', command: {} });
    const [shown] = h.act(officer, { name: 'court:show-rights', command: { participantId: maria.id, language: 'en' } });
    const data = shown!.data as { notice: { language: string }; understanding: { language: string; via: string; interpreterId: string } };
    assert.equal(data.notice.language, 'en');
    assert.deepEqual(data.understanding, { language: 'it', via: 'interpreter', interpreterId: lucia.id });
  });

  it('a Polish witness is blocked at the rights gate, the oath and consent, until a Polish interpreter goes live; then the oath is taken in Polish through him', () => {
    const h = hearing();
    const refused = h.refusal(officer, { name: 'court:show-rights', command: { participantId: anna.id } });
    assert.equal(refused.code, 'not_understood');
    assert.match(refused.message, /Polish/);
    assert.match(refused.message, /no interpreter into Polish is live/);
    assert.equal(h.refusal(officer, { name: 'court:record-oath', command: { participantId: anna.id, form: 'oath' } }).code, 'not_understood');
    // The Italian interpreter being live does not help her.
    h.act(lucia, { name: 'interpretation:take', command: {} });
    assert.equal(h.refusal(officer, { name: 'court:show-rights', command: { participantId: anna.id } }).code, 'not_understood');

    h.act(piotr, { name: 'interpretation:take', command: {} });
    const [shown] = h.act(officer, { name: 'court:show-rights', command: { participantId: anna.id } });
    const rights = shown!.data as { notice: { language: string }; understanding: { language: string; via: string; interpreterId: string } };
    assert.equal(rights.notice.language, 'de', 'the text the interpreter renders is the one in the language he interprets from');
    assert.deepEqual(rights.understanding, { language: 'pl', via: 'interpreter', interpreterId: piotr.id });
    const [oath] = h.act(officer, { name: 'court:record-oath', command: { participantId: anna.id, form: 'affirmation' } });
    const taken = oath!.data as { language: string; text: { id: string; language: string }; understanding: { via: string; interpreterId: string } };
    assert.equal(taken.language, 'pl', 'the affirmation was made in Polish, not in the text’s German');
    assert.equal(taken.text.id, 'affirmation');
    assert.equal(taken.understanding.interpreterId, piotr.id);
  });

  it('an interpreter who went off the air no longer carries the gate', () => {
    const h = hearing();
    h.act(piotr, { name: 'interpretation:take', command: {} });
    h.act(piotr, { name: 'interpretation:release', command: {} });
    assert.equal(h.refusal(officer, { name: 'court:show-rights', command: { participantId: anna.id } }).code, 'not_understood');
  });

  it('an authority’s approved Polish text lets the gate pass on the text alone, named by its own version and hash', () => {
    const title = 'Pouczenie o prawach';
    const body = 'Tekst zatwierdzony przez organ.';
    const book = textBook([{ id: 'rights-and-caution', version: '2026-03', language: 'pl', title, body, sha256: textHash(title, body), source: 'authority' }]);
    const h = hearing(book);
    const [shown] = h.act(officer, { name: 'court:show-rights', command: { participantId: anna.id } });
    const data = shown!.data as { notice: { version: string; source: string; sha256: string }; understanding: { via: string } };
    assert.equal(data.notice.version, '2026-03');
    assert.equal(data.notice.source, 'authority');
    assert.equal(data.notice.sha256, textHash(title, body));
    assert.equal(data.understanding.via, 'text');
  });

  it('a language with no text at all is refused by name, not replaced by English', () => {
    const h = hearing();
    const refused = h.refusal(officer, { name: 'court:show-rights', command: { participantId: maria.id, language: 'pl' } });
    assert.equal(refused.code, 'no_text');
    assert.match(refused.message, /Polish/);
  });
});
