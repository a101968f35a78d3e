/**
 * The rule that puts a participant on audio-only when their link cannot carry video, and gives the
 * video back when it can: what counts as trouble, how long it must last, how recovery is judged
 * with the video off, and why a link that keeps failing does not flap. Then the court's rules for
 * the choice and the order, and the state the record rebuilds from them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CourtError, decide, HEARING_EVENTS, MODEL_TEXT_BOOK, onLinkVerdict, type CourtContext } from '../../courtroom/index.js';
import { apply, emptyState, type CourtroomState } from '../../courtroom/state.js';
import { courtView } from '../../courtroom/view.js';
import type { Participant } from '../../scheduling/index.js';
import { AudioOnlyTracker, DEFAULT_AUDIO_ONLY_POLICY, type LinkSample } from '../../signaling/audio-only-policy.js';

const KEY = 'hearing/witness';
const clean: LinkSample = { availableKbps: 1200, lossPercent: 0, roundTripMs: 30, videoFrozenSeconds: 0, liveVideos: 2, starvedVideos: 0 };
/** 128 kbit/s with 10 % loss, as the SFU and the page see it. */
const starved: LinkSample = { availableKbps: 90, lossPercent: 11, roundTripMs: 700, videoFrozenSeconds: 4, liveVideos: 2, starvedVideos: 2 };
/** Audio-only on the same link: speech gets through, losing what the link loses. */
const audioOnlyWeak: LinkSample = { lossPercent: 10, roundTripMs: 300, liveVideos: 0, starvedVideos: 0 };
const audioOnlyClean: LinkSample = { lossPercent: 0, roundTripMs: 25, liveVideos: 0, starvedVideos: 0 };

/** One report, its decision (if any) written to the record at once. */
function step(tracker: AudioOnlyTracker, sample: LinkSample) {
  const decision = tracker.observe(KEY, sample);
  if (decision) tracker.settle(KEY, true);
  return decision;
}

function feed(tracker: AudioOnlyTracker, sample: LinkSample, times: number) {
  const decisions = [];
  for (let i = 0; i < times; i++) {
    const decision = step(tracker, sample);
    if (decision) decisions.push({ at: i, ...decision });
  }
  return decisions;
}

describe('the audio-only rule', () => {
  it('leaves a clean link alone, however long', () => {
    assert.deepEqual(feed(new AudioOnlyTracker(), clean, 100), []);
  });

  it('switches video off after three reports in trouble in a row, with the figures that decided it', () => {
    const tracker = new AudioOnlyTracker();
    const decisions = feed(tracker, starved, 5);
    assert.equal(decisions.length, 1, 'one decision, not one per report');
    const [first] = decisions;
    assert.equal(first!.at, DEFAULT_AUDIO_ONLY_POLICY.enterAfter - 1);
    assert.equal(first!.audioOnly, true);
    assert.deepEqual(first!.figures, { lossPercent: 11, availableKbps: 90, roundTripMs: 700, videoFrozenSeconds: 4, starvedVideos: 2 });
    assert.match(first!.reason, /packet loss 11 % \(above 8 %\)/);
    assert.match(first!.reason, /estimated bandwidth 90 kbit\/s/);
    assert.match(first!.reason, /no video layer fits/);
    assert.ok(tracker.isAudioOnly(KEY));
  });

  it('does not act on a short dip: trouble must last', () => {
    const tracker = new AudioOnlyTracker();
    for (let i = 0; i < 20; i++) {
      assert.equal(tracker.observe(KEY, { ...clean, availableKbps: 100 }), null);
      assert.equal(tracker.observe(KEY, { ...clean, availableKbps: 100 }), null);
      assert.equal(tracker.observe(KEY, clean), null);
    }
  });

  it('averages loss over several reports: a 256 kbit/s link losing 5 % keeps its video', () => {
    const tracker = new AudioOnlyTracker();
    // Measured loss on a 5 % link scatters around 5 %; single reports above 8 % must not switch.
    const losses = [4, 9, 3, 6, 10, 2, 5, 7, 4, 9, 3];
    for (const lossPercent of losses) assert.equal(tracker.observe(KEY, { ...clean, availableKbps: 210, lossPercent }), null);
  });

  it('each sign of trouble on its own is enough once it lasts', () => {
    const signs: [string, LinkSample, RegExp][] = [
      ['loss', { ...clean, lossPercent: 12 }, /packet loss 12 %/],
      ['estimate', { ...clean, availableKbps: 120 }, /estimated bandwidth 120 kbit\/s/],
      ['no layer', { ...clean, availableKbps: 250, starvedVideos: 2 }, /no video layer fits/],
      ['frozen', { ...clean, availableKbps: 250, videoFrozenSeconds: 7 }, /frozen for 7 s/],
    ];
    // Loss counts once the window of reports it is averaged over is full.
    const { window, enterAfter } = DEFAULT_AUDIO_ONLY_POLICY;
    for (const [name, sample, words] of signs) {
      const decisions = feed(new AudioOnlyTracker(), sample, window + enterAfter - 1);
      assert.equal(decisions.length, 1, name);
      assert.match(decisions[0]!.reason, words, name);
    }
  });

  it('takes a frozen video for the sender’s trouble, not this link’s, while the estimate for this link is good', () => {
    assert.deepEqual(feed(new AudioOnlyTracker(), { ...clean, videoFrozenSeconds: 20 }, 10), []);
  });

  it('takes a video with no layer for the sender’s trouble too while this link has room: a judge on a clean link keeps video of a witness on a weak uplink', () => {
    assert.deepEqual(feed(new AudioOnlyTracker(), { ...clean, availableKbps: 1215, liveVideos: 1, starvedVideos: 1 }, 20), []);
    const unknown = feed(new AudioOnlyTracker(), { ...clean, availableKbps: undefined, liveVideos: 1, starvedVideos: 1 }, 20);
    assert.equal(unknown.length, 1, 'with no estimate at all, a starved video still counts');
  });

  it('does not count one starved camera among several, nor a low estimate with no video to carry', () => {
    assert.deepEqual(feed(new AudioOnlyTracker(), { ...clean, starvedVideos: 1 }, 10), []);
    assert.deepEqual(feed(new AudioOnlyTracker(), { ...clean, availableKbps: 60, liveVideos: 0, starvedVideos: 0 }, 10), []);
  });

  it('keeps audio-only while speech still loses packets, and brings video back after ten seconds of a clean link', () => {
    const tracker = new AudioOnlyTracker();
    feed(tracker, starved, 3);
    assert.deepEqual(feed(tracker, audioOnlyWeak, 30), [], 'no return while the link loses 10 %');
    // The loss is averaged, so the window must first fill with clean reports.
    const decisions = feed(tracker, audioOnlyClean, 20);
    assert.equal(decisions.length, 1);
    assert.equal(decisions[0]!.audioOnly, false);
    assert.equal(decisions[0]!.at, DEFAULT_AUDIO_ONLY_POLICY.window - 1 + DEFAULT_AUDIO_ONLY_POLICY.recoverAfter - 1);
    assert.match(decisions[0]!.reason, /packet loss 0 % \(below 3 %\)/);
    assert.ok(!tracker.isAudioOnly(KEY));
  });

  it('does not bring video back while the speaker’s lowest layer it kept cannot get through, nor with a long round trip', () => {
    const tracker = new AudioOnlyTracker();
    feed(tracker, starved, 3);
    assert.deepEqual(feed(tracker, { ...audioOnlyClean, liveVideos: 1, starvedVideos: 1 }, 30), []);
    assert.deepEqual(feed(tracker, { ...audioOnlyClean, roundTripMs: 600 }, 30), []);
  });

  it('does not flap: a link that fails again soon after waits twice as long each time, up to a ceiling', () => {
    const tracker = new AudioOnlyTracker();
    const waits: number[] = [];
    for (let round = 0; round < 6; round++) {
      feed(tracker, starved, 3);
      assert.ok(tracker.isAudioOnly(KEY));
      let waited = 0;
      while (tracker.isAudioOnly(KEY)) {
        step(tracker, audioOnlyClean);
        waited += 1;
      }
      waits.push(waited);
      // Video back; the link fails again at once (a link that is fine with speech only).
      step(tracker, clean);
    }
    const { recoverAfter, maxRecoverAfter, window } = DEFAULT_AUDIO_ONLY_POLICY;
    // Each wait also counts the reports it takes the averaged loss to fall below the threshold.
    const fill = window - 1;
    assert.deepEqual(
      waits.slice(1),
      [recoverAfter * 2, recoverAfter * 4, recoverAfter * 8, maxRecoverAfter, maxRecoverAfter].map((w) => w + fill),
    );
  });

  it('forgets the back-off once video has held for two minutes', () => {
    const tracker = new AudioOnlyTracker();
    const roundTrip = () => {
      feed(tracker, starved, 3);
      let waited = 0;
      while (tracker.isAudioOnly(KEY)) {
        step(tracker, audioOnlyClean);
        waited += 1;
      }
      return waited;
    };
    roundTrip();
    roundTrip(); // failed again soon: the wait doubled
    feed(tracker, clean, DEFAULT_AUDIO_ONLY_POLICY.stableAfter);
    const { recoverAfter, window } = DEFAULT_AUDIO_ONLY_POLICY;
    assert.equal(roundTrip(), recoverAfter + window - 1, 'the base wait again');
  });

  it('starts afresh for a participant it forgot (a new connection)', () => {
    const tracker = new AudioOnlyTracker();
    feed(tracker, starved, 3);
    tracker.forget(KEY);
    assert.ok(!tracker.isAudioOnly(KEY));
    assert.deepEqual(feed(tracker, clean, 5), []);
  });

  it('a decision the record could not keep is undone; one still being written is not taken twice', () => {
    const tracker = new AudioOnlyTracker();
    for (let i = 0; i < DEFAULT_AUDIO_ONLY_POLICY.enterAfter - 1; i++) assert.equal(tracker.observe(KEY, starved), null);
    assert.equal(tracker.observe(KEY, starved)?.audioOnly, true);
    assert.equal(tracker.observe(KEY, starved), null, 'the same change is not decided again while it is being written');
    tracker.settle(KEY, false);
    assert.ok(!tracker.isAudioOnly(KEY), 'the record does not say audio-only, so neither does the rule');
    assert.equal(tracker.observe(KEY, starved)?.audioOnly, true, 'the next report in trouble decides again');
    tracker.settle(KEY, true);
    assert.ok(tracker.isAudioOnly(KEY));
    tracker.forget(KEY);
    tracker.settle(KEY, false);
    assert.ok(!tracker.isAudioOnly(KEY), 'settling after the participant left recreates nothing');
  });
});

const person = (id: string, role: Participant['role'], displayName = id): Participant =>
  ({ id, hearingId: 'h', displayName, role, capacity: role === 'person_heard' ? 'witness' : null }) as Participant;
const JUDGE = person('judge', 'presiding_judge', 'Judge Berger');
const WITNESS = person('witness', 'person_heard', 'Maria Rossi');
const COUNSEL = person('counsel', 'counsel', 'Tom Okafor');
const ctx: CourtContext = {
  participants: new Map([JUDGE, WITNESS, COUNSEL].map((p) => [p.id, p])),
  present: new Set(['judge', 'witness', 'counsel']),
  hashDocumentNumber: (s) => s,
  newId: () => 'id',
  canSeal: new Set(),
  courtLanguage: 'en',
  texts: MODEL_TEXT_BOOK,
};

function record(state: CourtroomState, actor: Participant | null, events: { type: string; data: unknown }[]): void {
  for (const e of events) {
    assert.ok(HEARING_EVENTS[e.type as keyof typeof HEARING_EVENTS].safeParse(e.data).success, `${e.type} is in the catalogue as written`);
    apply(state, { type: e.type, at: '2026-11-26T10:00:00.000Z', actorId: actor?.id ?? null, data: e.data as Record<string, unknown> });
  }
}

describe('audio-only in the court’s record', () => {
  it('causes stack: the link, the participant’s choice and the court’s order are lifted each by its own', () => {
    const state = emptyState();
    const verdict = { audioOnly: true, figures: { lossPercent: 11, availableKbps: 90 }, reason: 'packet loss 11 % (above 8 %)' };
    record(state, WITNESS, onLinkVerdict(state, 'witness', verdict));
    assert.deepEqual(onLinkVerdict(state, 'witness', verdict), [], 'a verdict the record already holds is not written twice');
    record(state, JUDGE, decide(state, { name: 'court:order-audio-only', command: { participantId: 'witness', on: true, cameraOff: true } }, JUDGE, ctx));
    record(state, WITNESS, onLinkVerdict(state, 'witness', { ...verdict, audioOnly: false, reason: 'recovered' }));
    const view = courtView(state, WITNESS, ctx.participants);
    assert.deepEqual(
      view.you.audioOnly.map((h) => [h.cause, h.by, h.cameraOff]),
      [['court', 'judge', true]],
      'the court’s order outlives the link’s recovery',
    );
    const judges = courtView(state, JUDGE, ctx.participants).audioOnly;
    assert.deepEqual(
      judges?.map((p) => [p.displayName, p.holds.map((h) => h.cause)]),
      [['Maria Rossi', ['court']]],
    );
    assert.equal(courtView(state, COUNSEL, ctx.participants).audioOnly, null, 'only the judicial authorities see who is on audio-only');
    record(state, JUDGE, decide(state, { name: 'court:order-audio-only', command: { participantId: 'witness', on: false } }, JUDGE, ctx));
    assert.equal(state.audioOnly.has('witness'), false);
  });

  it('the link’s verdict ends with the connection; a person’s own choice does not', () => {
    const state = emptyState();
    record(state, WITNESS, onLinkVerdict(state, 'witness', { audioOnly: true, figures: {}, reason: 'no video layer fits the link' }));
    record(state, COUNSEL, decide(state, { name: 'court:audio-only', command: { on: true } }, COUNSEL, ctx));
    record(state, WITNESS, [{ type: 'participant.left', data: { reason: 'disconnected' } }]);
    record(state, COUNSEL, [{ type: 'participant.left', data: { reason: 'disconnected' } }]);
    assert.equal(state.audioOnly.has('witness'), false);
    assert.deepEqual([...(state.audioOnly.get('counsel')?.keys() ?? [])], ['participant']);
  });

  it('refuses what would change nothing, and an order for anyone but the person heard', () => {
    const state = emptyState();
    assert.throws(
      () => decide(state, { name: 'court:audio-only', command: { on: false } }, COUNSEL, ctx),
      (e: unknown) => e instanceof CourtError && e.code === 'not_audio_only',
    );
    record(state, COUNSEL, decide(state, { name: 'court:audio-only', command: { on: true } }, COUNSEL, ctx));
    assert.throws(
      () => decide(state, { name: 'court:audio-only', command: { on: true } }, COUNSEL, ctx),
      (e: unknown) => e instanceof CourtError && e.code === 'already_audio_only',
    );
    assert.throws(
      () => decide(state, { name: 'court:order-audio-only', command: { participantId: 'counsel', on: true } }, JUDGE, ctx),
      (e: unknown) => e instanceof CourtError && e.code === 'not_person_heard',
    );
  });
});
