/**
 * Interpretation's rules, decided against the state alone: one channel per target language, one live
 * interpreter per channel, relay without circles or silent pivots, handover in one step, the judge's
 * mode, slow-down and problem flags — and the view each person is given of it.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { channelsOf, CourtError, decide, interpretationView, onDeparture, startingChannel } from '../../courtroom/index.js';
import type { NamedCourtCommand } from '../../courtroom/decide.js';
import type { Participant } from '../../scheduling/index.js';
import { liveCourt } from '../support/live-court.js';
import { participantMaker } from '../support/people.js';
import { mayHear } from '../../courtroom/index.js';

const someone = participantMaker('10000000');

const judge = someone('presiding_judge', 'Judge Berger', 'de');
const officer = someone('requested_officer', 'Officer Dupont', 'fr');
const witness = someone('person_heard', 'Maria Rossi', 'it');
const observer = someone('observer', 'Press', 'en');
// Channel it: a booth of two, interpreting the floor (German) into Italian.
const lucia = someone('interpreter', 'Lucia Bianchi', 'it', { from: 'de', into: 'it' });
const paolo = someone('interpreter', 'Paolo Conti', 'it', { from: 'de', into: 'it' });
// Channel en from the floor; channel es relays en (its interpreter has no German).
const emma = someone('interpreter', 'Emma Hart', 'en', { from: 'de', into: 'en' });
const sofia = someone('interpreter', 'Sofia Ruiz', 'es', { from: 'en', into: 'es' });
const everyone = new Map([judge, officer, witness, observer, lucia, paolo, emma, sofia].map((p) => [p.id, p]));

type Command = NamedCourtCommand;

/** A live hearing with everybody connected and admitted. */
function session() {
  const live = liveCourt(everyone, { courtLanguage: 'en' });
  const { court, present, ctx } = live;
  const record = (actor: Participant, events: ReturnType<typeof decide>) => live.record(actor, events).map((e) => e.type);
  const act = (actor: Participant, command: Command) => live.act(actor, command).map((e) => e.type);
  return {
    state: court.state,
    act,
    refused(actor: Participant, command: Command, code: string) {
      assert.throws(
        () => decide(court.state, command, actor, ctx()),
        (e: unknown) => e instanceof CourtError && e.code === code,
        `expected ${code}`,
      );
    },
    leave(p: Participant) {
      present.delete(p.id);
      return record(p, onDeparture(court.state, p, ctx()));
    },
    live: (channel: string) => court.state.interpretation.live.get(channel),
    wait: live.wait,
    /** Gone without a departure on the record, as when the server stops under them. */
    vanish: (p: Participant) => present.delete(p.id),
  };
}

const take: Command = { name: 'interpretation:take', command: {} };
const handOver = (to?: string): Command => ({ name: 'interpretation:hand-over', command: to ? { to } : {} });
const relay = (channel: string | null): Command => ({ name: 'interpretation:source', command: { relay: channel } });

describe('channels', () => {
  it('a hearing has one channel per language its interpreters interpret into, each with its booth', () => {
    assert.deepEqual(
      channelsOf(everyone).map((c) => [c.language, c.interpreters.map((p) => p.displayName)]),
      [
        ['en', ['Emma Hart']],
        ['es', ['Sofia Ruiz']],
        ['it', ['Lucia Bianchi', 'Paolo Conti']],
      ],
    );
  });

  it('a person starts on the channel into their own language; an interpreter, or a language without channel, on the floor', () => {
    const channels = channelsOf(everyone);
    assert.equal(startingChannel(witness, channels, 'de'), 'it');
    assert.equal(startingChannel(observer, channels, 'de'), 'en');
    assert.equal(startingChannel(judge, channels, 'de'), null);
    assert.equal(startingChannel(lucia, channels, 'de'), null);
  });

  it('whoever speaks the court’s language starts on the floor, never on a channel into it that only carries interpreted answers', () => {
    const channels = channelsOf(everyone);
    assert.equal(startingChannel(observer, channels, 'en'), null, 'the English channel is silent while the court speaks English');
    assert.equal(startingChannel({ ...observer, language: 'en-GB' }, channels, 'en'), null, 'a regional variant is the same language');
    assert.equal(startingChannel(witness, channels, 'en'), 'it');
  });
});

describe('who is live', () => {
  it('one interpreter takes an idle channel; the partner cannot take it from them', () => {
    const h = session();
    assert.deepEqual(h.act(lucia, take), ['interpretation.live']);
    assert.equal(h.live('it'), lucia.id);
    h.refused(paolo, take, 'channel_taken');
    h.refused(lucia, take, 'already_live');
    h.refused(judge, take, 'no_channel');
  });

  it('a handover moves the channel to the partner in one recorded step', () => {
    const h = session();
    h.act(lucia, take);
    assert.deepEqual(h.act(lucia, handOver()), ['interpretation.handover']);
    assert.equal(h.live('it'), paolo.id);
    // Only the live interpreter hands over.
    h.refused(lucia, handOver(), 'not_live');
    assert.deepEqual(h.act(paolo, handOver(lucia.id)), ['interpretation.handover']);
    assert.equal(h.live('it'), lucia.id);
  });

  it('a handover needs a partner of the same channel who is connected', () => {
    const h = session();
    h.act(emma, take);
    h.refused(emma, handOver(), 'no_partner');
    h.refused(emma, handOver(sofia.id), 'not_partner');
    h.act(lucia, take);
    h.leave(paolo);
    h.refused(lucia, handOver(paolo.id), 'not_connected');
  });

  it('the live interpreter who leaves or is sent back takes the channel off the air, on the record', () => {
    const h = session();
    h.act(lucia, take);
    assert.deepEqual(h.leave(lucia), ['interpretation.released']);
    assert.equal(h.live('it'), undefined);
    h.act(paolo, take);
    assert.deepEqual(h.act(judge, { name: 'court:send-back', command: { participantId: paolo.id } }), ['interpretation.released', 'lobby.sent_back']);
    assert.equal(h.live('it'), undefined);
    h.refused(paolo, take, 'not_admitted');
  });

  it('a channel whose live interpreter is on the record but not connected (a server restart) can be taken', () => {
    const h = session();
    h.act(lucia, take);
    h.vanish(lucia);
    assert.deepEqual(h.act(paolo, take), ['interpretation.released', 'interpretation.live']);
    assert.equal(h.live('it'), paolo.id);
  });

  it('releasing leaves the channel silent until someone takes it', () => {
    const h = session();
    h.act(lucia, take);
    assert.deepEqual(h.act(lucia, { name: 'interpretation:release', command: {} }), ['interpretation.released']);
    h.refused(lucia, { name: 'interpretation:release', command: {} }, 'not_live');
    h.act(paolo, take);
    assert.equal(h.live('it'), paolo.id);
  });
});

describe('the source: floor or relay', () => {
  it('an interpreter relays another channel only while someone is live on it', () => {
    const h = session();
    h.refused(sofia, relay('en'), 'pivot_silent');
    h.act(emma, take);
    assert.deepEqual(h.act(sofia, relay('en')), ['interpretation.source_set']);
    h.act(sofia, take);
    assert.equal(h.state.interpretation.relay.get(sofia.id), 'en');
  });

  it('a relay that would go round in a circle is refused, however long the circle', () => {
    const h = session();
    h.act(emma, take);
    h.act(sofia, relay('en'));
    h.act(sofia, take);
    // en ← es ← en
    h.refused(emma, relay('es'), 'relay_cycle');
    // it ← es ← en, then en ← it would close it ← es ← en ← it.
    h.act(lucia, relay('es'));
    h.act(lucia, take);
    h.refused(emma, relay('it'), 'relay_cycle');
    h.refused(lucia, relay('it'), 'relay_own_channel');
    h.refused(lucia, relay('pt'), 'no_such_channel');
  });

  it('a partner whose chosen source has fallen silent cannot be handed the channel until they choose again', () => {
    const h = session();
    h.act(emma, take);
    h.act(paolo, relay('en'));
    h.act(lucia, take);
    h.act(emma, { name: 'interpretation:release', command: {} });
    h.refused(lucia, handOver(), 'pivot_silent');
    h.act(paolo, relay(null));
    assert.deepEqual(h.act(lucia, handOver()), ['interpretation.handover']);
  });

  it('choosing the source one already has records nothing', () => {
    const h = session();
    assert.deepEqual(h.act(lucia, relay(null)), []);
  });
});

describe('mode, slow down and problems', () => {
  it('only a change of mode is recorded', () => {
    const h = session();
    assert.equal(h.state.interpretation.mode, 'simultaneous');
    assert.deepEqual(h.act(judge, { name: 'interpretation:mode', command: { mode: 'consecutive' } }), ['interpretation.mode_set']);
    assert.equal(h.state.interpretation.mode, 'consecutive');
    h.refused(judge, { name: 'interpretation:mode', command: { mode: 'consecutive' } }, 'mode_unchanged');
  });

  it('a slow-down request and a problem flag reach the judicial authorities’ view and nobody else’s', () => {
    const h = session();
    h.act(lucia, take);
    h.act(lucia, { name: 'interpretation:slow-down', command: {} });
    h.act(witness, { name: 'interpretation:problem', command: { channel: 'it', text: 'I cannot hear the interpreter.' } });
    h.refused(witness, { name: 'interpretation:problem', command: { channel: 'pt', text: 'no such channel' } }, 'no_such_channel');
    const connected = new Set(everyone.keys());
    const judges = interpretationView(h.state, judge, everyone, connected, null);
    assert.deepEqual(
      judges.slowDowns?.map((s) => [s.displayName, s.channel]),
      [['Lucia Bianchi', 'it']],
    );
    assert.deepEqual(
      judges.problems?.map((p) => [p.displayName, p.channel, p.text]),
      [['Maria Rossi', 'it', 'I cannot hear the interpreter.']],
    );
    const witnesses = interpretationView(h.state, witness, everyone, connected, 'it');
    assert.equal(witnesses.slowDowns, null);
    assert.equal(witnesses.problems, null);
    assert.equal(witnesses.listening, 'it');
    assert.equal(witnesses.booth, null);
  });

  it('a request to slow down pressed twice in a moment is recorded once', () => {
    const h = session();
    assert.deepEqual(h.act(lucia, { name: 'interpretation:slow-down', command: {} }), ['interpretation.slow_down']);
    h.refused(lucia, { name: 'interpretation:slow-down', command: {} }, 'slow_down_sent');
    assert.deepEqual(h.act(paolo, { name: 'interpretation:slow-down', command: {} }), ['interpretation.slow_down'], 'the partner’s is their own');
    h.wait(10);
    assert.deepEqual(h.act(lucia, { name: 'interpretation:slow-down', command: {} }), ['interpretation.slow_down']);
  });

  it('an interpreter sees their booth: their channel, whether they are live, their source, their partners', () => {
    const h = session();
    h.act(lucia, take);
    const view = interpretationView(h.state, paolo, everyone, new Set(everyone.keys()), null);
    assert.deepEqual(view.booth, {
      channel: 'it',
      live: false,
      relayFrom: null,
      partners: [lucia.id],
      soundChecks: [{ participantId: witness.id, displayName: 'Maria Rossi', result: null, at: null }],
    });
    const it = view.channels.find((c) => c.language === 'it')!;
    assert.equal(it.live, lucia.id);
    assert.deepEqual(
      it.interpreters.map((i) => [i.displayName, i.live]),
      [
        ['Lucia Bianchi', true],
        ['Paolo Conti', false],
      ],
    );
  });

  it('nothing of the interpretation changes once the hearing has ended', () => {
    const h = session();
    h.act(judge, { name: 'court:end', command: {} });
    h.refused(lucia, take, 'hearing_ended');
  });
});

describe('the sound check between the interpreter and the person heard', () => {
  const check = (result: 'go' | 'no_go'): Command => ({ name: 'interpretation:sound-check', command: { participantId: witness.id, result } });
  const testify: Command = { name: 'court:testimony', command: { participantId: witness.id, action: 'start' } };
  /** Maria passes her gates (identity, rights, oath in Italian), so that only the sound check can hold her testimony. */
  function ready() {
    const h = session();
    h.act(officer, { name: 'court:verify-identity', command: { participantId: witness.id, method: 'personal_knowledge', match: true, photoCompared: false } });
    h.act(officer, { name: 'court:show-rights', command: { participantId: witness.id } });
    h.act(witness, { name: 'court:acknowledge-rights', command: {} });
    h.act(officer, { name: 'court:record-oath', command: { participantId: witness.id, form: 'oath' } });
    return h;
  }

  it('only the interpreter into her language makes it, and the record says who, with whom and the result', () => {
    const h = ready();
    h.refused(emma, check('go'), 'not_her_interpreter');
    h.refused(judge, check('go'), 'no_channel');
    assert.deepEqual(h.act(lucia, check('go')), ['interpretation.sound_checked']);
    assert.equal(h.state.interpretation.soundChecks.get(witness.id)?.result, 'go');
    assert.equal(h.state.interpretation.soundChecks.get(witness.id)?.interpreterId, lucia.id);
  });

  it('a no-go holds her testimony until a new check says go', () => {
    const h = ready();
    h.act(paolo, check('no_go'));
    h.refused(judge, testify, 'sound_check_failed');
    h.act(lucia, check('go'));
    assert.deepEqual(h.act(judge, testify), ['testimony.started']);
  });

  it('the booth sees the persons heard of its language and the last check with each; the judge sees it on her gates', () => {
    const h = ready();
    h.act(lucia, check('no_go'));
    const booth = interpretationView(h.state, paolo, everyone, new Set(everyone.keys()), 'it').booth;
    assert.deepEqual(
      booth?.soundChecks.map((c) => [c.displayName, c.result]),
      [['Maria Rossi', 'no_go']],
    );
    assert.deepEqual(interpretationView(h.state, emma, everyone, new Set(everyone.keys()), 'en').booth?.soundChecks, [], 'nobody speaks English');
  });
});

describe('who may hear a channel or the booth line', () => {
  it('the booth line reaches only the interpreters of its channel, whatever anyone listens to', () => {
    const h = session();
    const booth = { source: 'booth', channel: 'it' } as const;
    assert.equal(mayHear(h.state, paolo, null, booth), true);
    for (const p of [observer, judge, witness, emma, sofia]) assert.equal(mayHear(h.state, p, 'it', booth), false, p.displayName);
  });

  it('a channel reaches those who chose it, its own booth, and the interpreter relaying it; never a floor listener', () => {
    const h = session();
    const english = { source: 'interpretation', channel: 'en' } as const;
    assert.equal(mayHear(h.state, observer, 'en', english), true);
    assert.equal(mayHear(h.state, observer, null, english), false, 'the floor alone');
    assert.equal(mayHear(h.state, judge, 'it', english), false, 'another channel');
    assert.equal(mayHear(h.state, sofia, null, english), false, 'not before she relays it');
    h.act(emma, take);
    h.act(sofia, relay('en'));
    assert.equal(mayHear(h.state, sofia, null, english), true);
    assert.equal(mayHear(h.state, judge, null, { source: 'microphone' }), true, 'the floor is everyone’s');
  });
});
