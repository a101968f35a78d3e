/**
 * The courtroom enforced by the server, over real connections: refusals change nothing, the judge's
 * powers survive a dropped connection, and the court's controls act on the media itself.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ask, enterWith, join, refusal, type TestSocket } from '../support/socket-client.js';
import { COURTROOM_CAST } from '../support/people.js';
import { until } from '../support/until.js';
import { renderMinutesHtml } from '../../record/index.js';
import { minutesNow } from '../support/minutes.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };

describe('the courtroom on the server', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: TestSocket[] = [];
  const enter = (name: string, canSeal = false) => enterWith(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id }, sockets, canSeal);
  const recordLength = async () => (await server.store.events.list(court.hearing.id)).length;
  const id = (name: string) => court.people[name]!.id;

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([...COURTROOM_CAST]);
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('the person heard cannot use the judge’s controls, and the refusal changes nothing', async () => {
    const witness = await enter('Witness');
    const before = await recordLength();
    for (const [command, payload] of [
      ['court:admit', { participantId: id('Counsel') }],
      ['court:go-live', {}],
      ['court:end', {}],
      ['court:intervene', { action: 'end', reason: 'I want to leave' }],
      ['court:verify-identity', { participantId: id('Witness'), method: 'personal_knowledge', match: true, photoCompared: false }],
    ] as const) {
      const answer = await ask(witness, command, payload);
      assert.equal(answer.error?.code, 'forbidden', command);
    }
    assert.match((await ask(witness, 'court:admit', { participantId: id('Counsel') })).error?.message ?? '', /presiding judge/);
    assert.equal(await recordLength(), before, 'nothing was written');
  });

  it('the judge cannot exercise the officer’s powers, nor the officer the judge’s', async () => {
    const judge = await enter('Judge');
    const officer = await enter('Officer');
    assert.equal((await ask(judge, 'court:record-oath', { participantId: id('Witness'), form: 'oath', language: 'en' })).error?.code, 'forbidden');
    assert.equal((await ask(judge, 'court:intervene', { action: 'pause', reason: 'because I can' })).error?.code, 'forbidden');
    assert.equal((await ask(officer, 'court:admit', { participantId: id('Witness') })).error?.code, 'forbidden');
  });

  it('a malformed command is answered with the field at fault and writes nothing', async () => {
    const officer = await enter('Officer');
    const before = await recordLength();
    const answer = await ask(officer, 'court:verify-identity', { participantId: id('Witness'), method: 'identity_document', match: true, photoCompared: true });
    assert.equal(answer.error?.code, 'invalid_input');
    assert.equal(answer.error?.field, 'documentNumber');
    assert.equal(await recordLength(), before);
  });

  it('testimony before the gates is refused with what is missing; admitting while paused is refused', async () => {
    const judge = await enter('Judge');
    await enter('Officer');
    assert.equal((await ask(judge, 'court:admit', { participantId: id('Witness') })).ok, true);
    assert.equal((await ask(judge, 'court:go-live', {})).ok, true);
    const early = await ask(judge, 'court:testimony', { participantId: id('Witness'), action: 'start' });
    assert.equal(early.error?.code, 'gates_missing');
    assert.match(early.error?.message ?? '', /identity verified/);
    await enter('Counsel');
    assert.equal((await ask(judge, 'court:pause', { reason: 'short break' })).ok, true);
    assert.equal((await ask(judge, 'court:admit', { participantId: id('Counsel') })).error?.code, 'hearing_paused');
    assert.equal((await ask(judge, 'court:resume', {})).ok, true);
  });

  it('a judge whose connection drops comes back with every power, and the hearing paused meanwhile', async () => {
    const judge = await enter('Judge');
    const officer = await enter('Officer');
    const states: { paused: boolean; pauses: { cause: string }[] }[] = [];
    officer.on('court:state', (view) => states.push(view));
    judge.close();
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(
      states.some((s) => s.pauses.some((p) => p.cause === 'judge_absent')),
      'paused while no judge is connected',
    );
    const back = await enter('Judge');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(states.at(-1)?.paused, false, 'resumed when the judge is back');
    const admitted = await ask(back, 'court:admit', { participantId: id('Counsel') });
    assert.equal(admitted.ok, true, `the judge’s powers are intact: ${JSON.stringify(admitted.error)}`);
    const types = (await server.store.events.list(court.hearing.id)).map((e) => e.type);
    assert.ok(types.includes('hearing.paused') && types.includes('hearing.resumed'));
  });

  it('the court’s mute silences the microphone at the server and tells the person', async () => {
    const judge = await enter('Judge');
    const counsel = await enter('Counsel'); // admitted already: admission outlasts a new connection
    const send = await ask(counsel, 'transport:create', { direction: 'send' });
    const produced = await ask(counsel, 'producer:create', {
      transportId: send.data.transport.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 5151 }] },
    });
    assert.equal(produced.ok, true, JSON.stringify(produced.error));
    const told = new Promise<{ message: string }>((resolve) => counsel.once('court:muted', resolve));
    assert.equal((await ask(judge, 'court:mute', { participantId: id('Counsel') })).ok, true);
    assert.match((await told).message, /muted your microphone/);
    const media = await server.sfu.hearing(court.hearing.id);
    const paused = media.producers().find((p) => p.producerId === produced.data.producer.producerId)?.paused;
    assert.equal(paused, true);
  });

  it('protective measures: a pseudonym for everyone, no video to observers, and audio only when ordered', async () => {
    const judge = await enter('Judge');
    const witness = await enter('Witness');
    const observerLink = await server.linkFor(court.people.Observer!);
    const { socket: observer } = await join(server.url, { token: observerLink.token, hearingId: court.hearing.id });
    sockets.push(observer);
    await ask(observer, 'hearing:enter', {
      rtpCapabilities: { ...CAPS, codecs: [...CAPS.codecs, { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 }] },
    });
    await ask(judge, 'court:admit', { participantId: id('Observer') });
    const renamed = new Promise<{ displayName: string }>((resolve) => judge.once('participant:updated', resolve));
    const applied = await ask(judge, 'court:protect', { participantId: id('Witness'), pseudonym: 'Witness A', hideVideoFromObservers: true, audioOnly: true });
    assert.equal(applied.ok, true, JSON.stringify(applied.error));
    assert.equal((await renamed).displayName, 'Witness A');
    const send = await ask(witness, 'transport:create', { direction: 'send' });
    const camera = await ask(witness, 'producer:create', {
      transportId: send.data.transport.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 6161 }] },
    });
    assert.equal(camera.error?.code, 'audio_only');
    const protection = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'protection.set').at(-1);
    assert.deepEqual(protection?.data, {
      participantId: id('Witness'),
      pseudonym: 'Witness A',
      hideVideoFromObservers: true,
      audioOnly: true,
      voiceMasking: false,
      faceMasking: 'none',
      hideLocation: false,
      restrictRecording: false,
    });
    observer.close();
  });

  it('masking ordered while she sends closes her unmasked streams, and refuses any stream her page does not declare masked', async () => {
    const judge = await enter('Judge');
    const witness = await enter('Witness');
    const send = await ask(witness, 'transport:create', { direction: 'send' });
    const microphone = (masking?: { voice: boolean; face: 'none' | 'pixelate' | 'replace' }, ssrc = 7171) =>
      ask(witness, 'producer:create', {
        transportId: send.data.transport.id,
        kind: 'audio',
        source: 'microphone',
        rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc }] },
        ...(masking ? { masking } : {}),
      });
    const before = await microphone();
    assert.equal(before.ok, true, JSON.stringify(before.error));
    const media = await server.sfu.hearing(court.hearing.id);
    const ordered = await ask(judge, 'court:protect', {
      participantId: id('Witness'),
      pseudonym: 'Witness B',
      hideVideoFromObservers: false,
      audioOnly: false,
      voiceMasking: true,
      faceMasking: 'pixelate',
    });
    assert.equal(ordered.ok, true, JSON.stringify(ordered.error));
    await until('her unmasked voice closed by the order', async () => !media.producers().some((p) => p.producerId === before.data.producer.producerId), 5_000);
    const unmasked = await microphone(undefined, 7172);
    assert.equal(unmasked.error?.code, 'unmasked');
    assert.match(unmasked.error?.message ?? '', /masked/);
    const masked = await microphone({ voice: true, face: 'pixelate' }, 7173);
    assert.equal(masked.ok, true, JSON.stringify(masked.error));
    const camera = await ask(witness, 'producer:create', {
      transportId: send.data.transport.id,
      kind: 'video',
      source: 'camera',
      rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc: 7174 }] },
      masking: { voice: true, face: 'none' },
    });
    assert.equal(camera.error?.code, 'unmasked', 'a picture declared unmasked is refused');
    // The minutes say which measures were ordered, and where she was is not written in them.
    const withheld = await ask(judge, 'court:protect', {
      participantId: id('Witness'),
      pseudonym: 'Witness B',
      hideVideoFromObservers: false,
      audioOnly: false,
      voiceMasking: true,
      faceMasking: 'replace',
      hideLocation: true,
      restrictRecording: true,
    });
    assert.equal(withheld.ok, true, JSON.stringify(withheld.error));
    const minutes = await minutesNow(server, court, { [id('Witness')]: 'requested' });
    const heard = minutes.personsHeard.find((p) => p.participantId === id('Witness'))!;
    // (The pseudonym is left out here: this cast's real name, "Witness", is in it, and the minutes write every mention of the real name as the pseudonym.)
    assert.deepEqual(heard.protectiveMeasures.at(-1)!.measures.slice(1), [
      'voice disguised on her own device before it was sent',
      'picture replaced by a neutral figure on her own device',
      'where she is withheld',
      'her recorded voice and picture playable by the presiding judge only',
    ]);
    assert.equal(heard.locationWithheld, true);
    assert.equal(heard.site, null);
    const html = renderMinutesHtml(minutes, { signed: null, transmissions: [] });
    assert.match(html, /withheld by order of the court/);
    assert.doesNotMatch(html.slice(html.indexOf('person-heard'), html.indexOf('</div>', html.indexOf('person-heard'))), /Milan/);
    // Lifted, for the tests after this one that have her send as she is.
    const lifted = await ask(judge, 'court:protect', { participantId: id('Witness'), pseudonym: 'Witness B', hideVideoFromObservers: false, audioOnly: false });
    assert.equal(lifted.ok, true, JSON.stringify(lifted.error));
    const again = await microphone(undefined, 7175);
    assert.equal(again.ok, true, 'lifted: her page sends as she is again');
  });

  it('an observer cannot consume a private consultation, nor take part in its key exchange', async () => {
    const judge = await enter('Judge');
    const witness = await enter('Witness', true);
    const counsel = await enter('Counsel');
    for (const name of ['Witness', 'Counsel']) await ask(judge, 'court:admit', { participantId: id(name) });
    const refused = await ask(counsel, 'court:consult', { withParticipantIds: [id('Witness')] });
    assert.equal(refused.error?.code, 'cannot_seal', 'no consultation with a browser that cannot seal it');
    const counselAgain = await enter('Counsel', true);
    const send = await ask(witness, 'transport:create', { direction: 'send' });
    const produced = await ask(witness, 'producer:create', {
      transportId: send.data.transport.id,
      kind: 'audio',
      source: 'microphone',
      rtpParameters: { codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }], encodings: [{ ssrc: 7171 }] },
    });
    assert.equal(produced.ok, true, JSON.stringify(produced.error));
    const started = await ask(counselAgain, 'court:consult', { withParticipantIds: [id('Witness')] });
    assert.deepEqual(started.data?.recorded, ['consultation.started']);
    const consultationId = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'consultation.started').at(-1)!.data
      .consultationId as string;

    const link = await server.linkFor(court.people.Observer!);
    const { socket: observer } = await join(server.url, { token: link.token, hearingId: court.hearing.id });
    sockets.push(observer);
    const offers: string[] = [];
    observer.on('consumer:new', (c: { producerId: string }, ack: (a: unknown) => void) => {
      offers.push(c.producerId);
      ack({ ok: true });
    });
    const views: { you: { inCourtroom: boolean } }[] = [];
    observer.on('court:state', (view) => views.push(view));
    await ask(observer, 'hearing:enter', { rtpCapabilities: CAPS });
    assert.equal(views.at(-1)?.you.inCourtroom, true, 'the observer is in the hearing (admitted earlier)');
    await ask(observer, 'transport:create', { direction: 'recv' });
    await ask(observer, 'consumers:ready', {});
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(offers.includes(produced.data.producer.producerId), false, 'the observer is never offered the consultation');
    const relay = await ask(observer, 'consultation:relay', {
      consultationId,
      to: id('Witness'),
      message: { kind: 'frame-key', iv: 'A'.repeat(16), wrapped: 'B'.repeat(40) },
    });
    assert.equal(relay.error?.code, 'forbidden');
    const judgeOffers: string[] = [];
    judge.on('consumer:new', (c: { producerId: string }, ack: (a: unknown) => void) => {
      judgeOffers.push(c.producerId);
      ack({ ok: true });
    });
    await ask(judge, 'transport:create', { direction: 'recv' });
    await ask(judge, 'consumers:ready', {});
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(judgeOffers.includes(produced.data.producer.producerId), false, 'nor is the judge');
    assert.equal((await ask(witness, 'court:end-consultation', { consultationId })).ok, true);
    observer.close();
  });

  it('removing someone withdraws their links and ends their connection', async () => {
    const judge = await enter('Judge');
    const observer = await enter('Observer'); // admitted in the test before: admission outlasts a reconnection
    const ended = new Promise<{ message: string }>((resolve) => observer.once('session:ended', resolve));
    assert.equal((await ask(judge, 'court:remove', { participantId: id('Observer'), reason: 'recording the hearing on a phone' })).ok, true);
    assert.match((await ended).message, /removed you/);
    assert.equal((await refusal(server.url, { token: court.people.Observer!.token, hearingId: court.hearing.id })).code, 'token_revoked');
  });

  it('a camera the court switched off stays off: a new camera starts paused and the page cannot unpause it until the order is lifted', async () => {
    const hearing = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness' },
    ]);
    const connect = async (name: string) => {
      const { socket } = await join(server.url, { token: hearing.people[name]!.token, hearingId: hearing.hearing.id });
      sockets.push(socket);
      assert.equal((await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS })).ok, true);
      return socket;
    };
    const judge = await connect('Judge');
    const witness = await connect('Witness');
    const witnessId = hearing.people.Witness!.id;
    assert.equal((await ask(judge, 'court:admit', { participantId: witnessId })).ok, true);
    assert.equal((await ask(judge, 'court:order-audio-only', { participantId: witnessId, on: true, cameraOff: true })).ok, true);
    const send = await ask(witness, 'transport:create', { direction: 'send' });
    const camera = async (ssrc: number) => {
      const produced = await ask(witness, 'producer:create', {
        transportId: send.data.transport.id,
        kind: 'video',
        source: 'camera',
        paused: false,
        rtpParameters: { codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }], encodings: [{ ssrc }] },
      });
      assert.equal(produced.ok, true, JSON.stringify(produced.error));
      return produced.data.producer.producerId as string;
    };
    const pausedInSfu = async (producerId: string) =>
      (await server.sfu.hearing(hearing.hearing.id)).producers().find((p) => p.producerId === producerId)?.paused;
    // A device switch: the new camera asks to start open.
    const switched = await camera(7171);
    assert.equal(await pausedInSfu(switched), true, 'the new camera is held paused at the server');
    const unpause = await ask(witness, 'producer:set-paused', { producerId: switched, paused: false });
    assert.equal(unpause.error?.code, 'camera_off');
    assert.match(unpause.error?.message ?? '', /court has switched your camera off/);
    assert.equal(await pausedInSfu(switched), true, 'the refusal changed nothing');
    assert.equal((await ask(judge, 'court:order-audio-only', { participantId: witnessId, on: false })).ok, true);
    assert.equal((await ask(witness, 'producer:set-paused', { producerId: switched, paused: false })).ok, true, 'lifted: the camera may come back');
    assert.equal(await pausedInSfu(switched), false);
    witness.close();
    judge.close();
  });

  it('audio-only: anyone may choose it for themselves, only the presiding judge may order it for the person heard, and the record says who', async () => {
    const judge = await enter('Judge');
    const witness = await enter('Witness');
    const counsel = await enter('Counsel');
    for (const name of ['Witness', 'Counsel']) await ask(judge, 'court:admit', { participantId: id(name) }).catch(() => undefined);
    const before = await recordLength();
    const refused = await ask(counsel, 'court:order-audio-only', { participantId: id('Witness'), on: true });
    assert.equal(refused.error?.code, 'forbidden');
    assert.equal(await recordLength(), before, 'a refusal changes nothing');

    const witnessState = new Promise<{ you: { audioOnly: { cause: string; by: string; cameraOff: boolean }[] } }>((resolve) => {
      const seen = (view: { you: { audioOnly: unknown[] } }) => {
        if (view.you.audioOnly.length === 0) return;
        witness.off('court:state', seen);
        resolve(view as never);
      };
      witness.on('court:state', seen);
    });
    assert.equal((await ask(judge, 'court:order-audio-only', { participantId: id('Witness'), on: true, cameraOff: true })).ok, true);
    assert.deepEqual(
      (await witnessState).you.audioOnly.map((h) => [h.cause, h.by, h.cameraOff]),
      [['court', id('Judge'), true]],
    );
    assert.equal((await ask(judge, 'court:order-audio-only', { participantId: id('Counsel'), on: true })).error?.code, 'not_person_heard');
    assert.equal((await ask(counsel, 'court:audio-only', { on: true })).ok, true);
    assert.equal((await ask(counsel, 'court:audio-only', { on: true })).error?.code, 'already_audio_only');
    assert.equal((await ask(counsel, 'court:audio-only', { on: false })).ok, true);
    assert.equal((await ask(judge, 'court:order-audio-only', { participantId: id('Witness'), on: false })).ok, true);

    const written = (await server.store.events.list(court.hearing.id)).filter((e) => e.type === 'media.audio_only');
    assert.deepEqual(
      written.map((e) => [e.actorId, e.data]),
      [
        [id('Judge'), { participantId: id('Witness'), active: true, cause: 'court', cameraOff: true }],
        [id('Counsel'), { participantId: id('Counsel'), active: true, cause: 'participant', cameraOff: false }],
        [id('Counsel'), { participantId: id('Counsel'), active: false, cause: 'participant' }],
        [id('Judge'), { participantId: id('Witness'), active: false, cause: 'court' }],
      ],
    );
  });
});
