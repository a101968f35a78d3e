/**
 * Interpretation enforced by the server, over real sockets and a real SFU: which channel producers
 * the worker forwards (handover, release, consecutive mode), who is offered a channel or the booth
 * line, relay circles refused, and the record and minutes saying who interpreted which channel when.
 * No browser here: the streams are produced over signalling without media flowing, which is enough
 * to see what the SFU forwards (a paused producer forwards nothing) and to whom it offers what. The
 * sound itself is tested in real Chromium.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { generateMinutes, renderMinutesHtml } from '../../record/index.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { CAPS, opus, type Offer } from '../support/audio-offers.js';

/** One person's connection, entered and receiving, with every stream the server offered them. */
interface Person {
  socket: TestSocket;
  offers: Offer[];
  closed: Set<string>;
  /** Streams offered and not closed since. */
  holding(): Offer[];
}

describe('interpretation on the server', () => {
  let server: TestServer;
  let court: TestHearing;
  const sockets: TestSocket[] = [];
  const people = new Map<string, Person>();
  const id = (name: string) => court.people[name]!.id;
  const settle = () => new Promise((r) => setTimeout(r, 250));

  const enter = async (name: string): Promise<Person> => {
    const { socket } = await join(server.url, { token: court.people[name]!.token, hearingId: court.hearing.id });
    sockets.push(socket);
    const person: Person = {
      socket,
      offers: [],
      closed: new Set(),
      holding: () => person.offers.filter((o) => !person.closed.has(o.consumerId)),
    };
    socket.on('consumer:new', (offer: Offer, ack: (a: unknown) => void) => {
      person.offers.push(offer);
      ack({ ok: true });
    });
    socket.on('consumer:closed', ({ consumerId }: { consumerId: string }) => person.closed.add(consumerId));
    const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS });
    assert.equal(entered.ok, true, JSON.stringify(entered.error));
    people.set(name, person);
    return person;
  };
  const receive = async (person: Person) => {
    assert.equal((await ask(person.socket, 'transport:create', { direction: 'recv' })).ok, true);
    assert.equal((await ask(person.socket, 'consumers:ready', {})).ok, true);
  };
  const sending = new Map<string, string>();
  const produce = async (name: string, source: string, ssrc: number): Promise<string> => {
    const socket = people.get(name)!.socket;
    // One sending transport per person: a second would replace the first and close what it carries.
    if (!sending.has(name)) sending.set(name, (await ask(socket, 'transport:create', { direction: 'send' })).data.transport.id);
    const produced = await ask(socket, 'producer:create', { transportId: sending.get(name), kind: 'audio', source, rtpParameters: opus(ssrc) });
    assert.equal(produced.ok, true, JSON.stringify(produced.error));
    return produced.data.producer.producerId as string;
  };
  /** Each channel producer's state in the SFU itself: paused there means nothing is forwarded. */
  const pausedInSfu = async () => {
    const media = await server.sfu.hearing(court.hearing.id);
    const state: Record<string, boolean> = {};
    for (const peer of media.streams()) for (const p of peer.producers) state[p.producerId] = p.paused;
    return state;
  };
  const heldSources = (name: string) =>
    people
      .get(name)!
      .holding()
      .map((o) => `${o.source}:${o.channel ?? 'floor'}:${o.participantId}`)
      .sort();

  const producers: Record<string, string> = {};

  before(async () => {
    server = await startTestServer();
    court = await server.hearingWith([
      { name: 'Judge', role: 'presiding_judge', language: 'de' },
      { name: 'Officer', role: 'requested_officer', language: 'fr' },
      { name: 'Witness', role: 'person_heard', capacity: 'witness', language: 'it' },
      { name: 'Observer', role: 'observer' },
      { name: 'Lucia', role: 'interpreter', interprets: { from: 'de', into: 'it' } },
      { name: 'Paolo', role: 'interpreter', interprets: { from: 'de', into: 'it' } },
      { name: 'Emma', role: 'interpreter', interprets: { from: 'de', into: 'en' } },
      { name: 'Sofia', role: 'interpreter', interprets: { from: 'en', into: 'es' } },
    ]);
    const judge = await enter('Judge');
    await enter('Officer');
    for (const name of ['Witness', 'Observer', 'Lucia', 'Paolo', 'Emma', 'Sofia']) await enter(name);
    for (const name of ['Witness', 'Observer', 'Lucia', 'Paolo', 'Emma', 'Sofia']) {
      assert.equal((await ask(judge.socket, 'court:admit', { participantId: id(name) })).ok, true, name);
    }
    assert.equal((await ask(judge.socket, 'court:go-live', {})).ok, true);
    for (const person of people.values()) await receive(person);
    producers.judge = await produce('Judge', 'microphone', 1001);
    producers.lucia = await produce('Lucia', 'interpretation', 2001);
    producers.luciaBooth = await produce('Lucia', 'booth', 2002);
    producers.paolo = await produce('Paolo', 'interpretation', 3001);
    producers.paoloBooth = await produce('Paolo', 'booth', 3002);
    producers.emma = await produce('Emma', 'interpretation', 4001);
    producers.sofia = await produce('Sofia', 'interpretation', 5001);
    await settle();
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
  });

  it('a channel producer is paused at the SFU until its interpreter is live, and the page cannot unpause it', async () => {
    const paused = await pausedInSfu();
    for (const key of ['lucia', 'paolo', 'emma', 'sofia']) assert.equal(paused[producers[key]!], true, key);
    assert.equal(paused[producers.luciaBooth!], false, 'the booth line is the booth’s own to mute');
    const unpause = await ask(people.get('Lucia')!.socket, 'producer:set-paused', { producerId: producers.lucia, paused: false });
    assert.equal(unpause.error?.code, 'not_live');
    assert.equal((await pausedInSfu())[producers.lucia!], true);
  });

  it('handover resumes the partner’s channel producer and pauses the other’s at the SFU, and the record says so', async () => {
    const lucia = people.get('Lucia')!.socket;
    const paolo = people.get('Paolo')!.socket;
    assert.deepEqual((await ask(lucia, 'interpretation:take', {})).data?.recorded, ['interpretation.live']);
    let paused = await pausedInSfu();
    assert.equal(paused[producers.lucia!], false, 'the live interpreter is forwarded');
    assert.equal(paused[producers.paolo!], true, 'the idle partner is not');
    assert.equal((await ask(paolo, 'interpretation:take', {})).error?.code, 'channel_taken');

    assert.deepEqual((await ask(lucia, 'interpretation:hand-over', {})).data?.recorded, ['interpretation.handover']);
    paused = await pausedInSfu();
    assert.equal(paused[producers.paolo!], false, 'the partner is forwarded from the handover on');
    assert.equal(paused[producers.lucia!], true, 'the idle interpreter’s microphone no longer reaches the channel');
    const handover = (await server.store.events.list(court.hearing.id)).find((e) => e.type === 'interpretation.handover');
    assert.deepEqual(handover?.data, { channel: 'it', from: id('Lucia'), to: id('Paolo'), relayFrom: null });
    // What a recorder of the channel follows: the channel, its booth's streams, which one is live.
    const media = await server.sfu.hearing(court.hearing.id);
    assert.deepEqual(
      media
        .channels()
        .find((c) => c.channel === 'it')
        ?.producers.map((p) => [p.producerId, p.live]),
      [
        [producers.lucia, false],
        [producers.paolo, true],
      ],
    );
    // The idle interpreter's page cannot put itself back on the channel.
    assert.equal((await ask(lucia, 'producer:set-paused', { producerId: producers.lucia, paused: false })).error?.code, 'not_live');
    // Only interpreters interpret.
    assert.equal((await ask(people.get('Witness')!.socket, 'interpretation:take', {})).error?.code, 'forbidden');
  });

  it('the booth line reaches the booth partner and nobody else, whatever they listen to', async () => {
    const observer = people.get('Observer')!;
    assert.equal((await ask(observer.socket, 'interpretation:listen', { channel: 'it' })).ok, true);
    await settle();
    const booth = (name: string) =>
      people
        .get(name)!
        .holding()
        .filter((o) => o.source === 'booth')
        .map((o) => o.producerId);
    assert.deepEqual(booth('Paolo'), [producers.luciaBooth]);
    assert.deepEqual(booth('Lucia'), [producers.paoloBooth]);
    for (const name of ['Observer', 'Judge', 'Officer', 'Witness', 'Emma', 'Sofia']) assert.deepEqual(booth(name), [], name);
    // Nor can an observer send into a channel or a booth.
    const send = await ask(observer.socket, 'transport:create', { direction: 'send' });
    assert.equal(send.error?.code, 'forbidden');
    assert.equal((await ask(observer.socket, 'interpretation:listen', { channel: null })).ok, true);
  });

  it('a floor listener is offered no channel; the person heard starts on the channel into her language', async () => {
    await settle();
    const channels = (name: string) =>
      people
        .get(name)!
        .holding()
        .filter((o) => o.source === 'interpretation')
        .map((o) => o.channel);
    assert.deepEqual(channels('Judge'), [], 'the judge (German, no German channel) listens to the floor');
    assert.deepEqual(channels('Officer'), []);
    assert.deepEqual(channels('Observer'), [], 'back on the floor, the channel was taken away');
    assert.deepEqual(channels('Witness').sort(), ['it', 'it'], 'both booth members’ streams; only the live one is forwarded');
    assert.ok(heldSources('Judge').includes(`microphone:floor:${id('Judge')}`) === false, 'nobody is offered their own stream');
    assert.ok(heldSources('Witness').includes(`microphone:floor:${id('Judge')}`), 'the floor stays under the channel');
  });

  it('switching channel cuts the old one and offers the new one on the same connection', async () => {
    const witness = people.get('Witness')!;
    const answer = await ask(witness.socket, 'interpretation:listen', { channel: 'en' });
    assert.deepEqual(answer.data, { listening: 'en' });
    await settle();
    const channels = witness.holding().filter((o) => o.source === 'interpretation');
    assert.deepEqual(
      channels.map((o) => o.producerId),
      [producers.emma],
    );
    const refused = await ask(witness.socket, 'interpretation:listen', { channel: 'pt' });
    assert.equal(refused.error?.code, 'no_such_channel');
    await ask(witness.socket, 'interpretation:listen', { channel: 'it' });
  });

  it('relay: the pivot is offered to the relaying interpreter, a silent pivot and a circle are refused', async () => {
    const emma = people.get('Emma')!.socket;
    const sofia = people.get('Sofia')!;
    assert.equal((await ask(sofia.socket, 'interpretation:source', { relay: 'en' })).error?.code, 'pivot_silent');
    assert.equal((await ask(emma, 'interpretation:take', {})).ok, true);
    assert.deepEqual((await ask(sofia.socket, 'interpretation:source', { relay: 'en' })).data?.recorded, ['interpretation.source_set']);
    assert.equal((await ask(sofia.socket, 'interpretation:take', {})).ok, true);
    await settle();
    assert.ok(
      sofia.holding().some((o) => o.producerId === producers.emma),
      'Sofia hears the English channel she relays',
    );
    const circle = await ask(emma, 'interpretation:source', { relay: 'es' });
    assert.equal(circle.error?.code, 'relay_cycle');
    assert.match(circle.error?.message ?? '', /circle/);
    const paused = await pausedInSfu();
    assert.equal(paused[producers.sofia!], false);
  });

  it('consecutive mode silences every channel at the SFU; back to simultaneous the live ones return and the interpreters’ floor microphones are muted', async () => {
    const judge = people.get('Judge')!.socket;
    let toldOnJoin: string | null = null;
    people.get('Lucia')!.socket.once('court:muted', ({ message }: { message: string }) => (toldOnJoin = message));
    const luciaMic = await produce('Lucia', 'microphone', 2003);
    assert.equal((await pausedInSfu())[luciaMic], true, 'in simultaneous mode an interpreter’s floor microphone starts muted');
    // Sent before the answer to her request: her page shows the microphone muted, not open to nobody.
    assert.match(toldOnJoin ?? 'not told', /floor microphone is muted/);
    assert.equal((await ask(people.get('Paolo')!.socket, 'interpretation:mode', { mode: 'consecutive' })).error?.code, 'forbidden');
    assert.equal((await ask(judge, 'interpretation:mode', { mode: 'consecutive' })).ok, true);
    assert.equal(
      (await ask(people.get('Lucia')!.socket, 'producer:set-paused', { producerId: luciaMic, paused: false })).ok,
      true,
      'she unmutes to speak on the floor',
    );
    let paused = await pausedInSfu();
    for (const key of ['lucia', 'paolo', 'emma', 'sofia']) assert.equal(paused[producers[key]!], true, key);
    assert.equal(paused[luciaMic], false, 'the interpreter speaks on the floor');
    const muted = new Promise<{ message: string }>((resolve) => people.get('Lucia')!.socket.once('court:muted', resolve));
    assert.equal((await ask(judge, 'interpretation:mode', { mode: 'simultaneous' })).ok, true);
    assert.match((await muted).message, /floor microphone is muted/);
    paused = await pausedInSfu();
    assert.equal(paused[producers.paolo!], false, 'Paolo is live again');
    assert.equal(paused[producers.emma!], false);
    assert.equal(paused[producers.lucia!], true);
    assert.equal(paused[luciaMic], true);
  });

  it('a handover undone before the worker answered leaves the channel as last decided, not as the first reply says', async () => {
    const media = await server.sfu.hearing(court.hearing.id);
    const before = await pausedInSfu();
    const liveBefore = !before[producers.lucia!] ? id('Lucia') : !before[producers.paolo!] ? id('Paolo') : null;
    const idle = liveBefore === id('Lucia') ? 'paolo' : 'lucia';
    // Live, then released at once: the release is sent while the resume is still on its way.
    const handover = media.setChannelLive('it', id(idle === 'lucia' ? 'Lucia' : 'Paolo'));
    const release = media.setChannelLive('it', null);
    await Promise.all([handover, release]);
    const after = await pausedInSfu();
    assert.equal(after[producers[idle]!], true, 'the released interpreter’s microphone does not reach the channel');
    assert.equal(after[producers.lucia!] && after[producers.paolo!], true, 'the channel is silent, as decided last');
    await media.setChannelLive('it', liveBefore);
  });

  it('the judge is told of a request to slow down; a problem flag is recorded', async () => {
    const told = new Promise<{ message: string; channel: string }>((resolve) => people.get('Judge')!.socket.once('interpretation:slow-down', resolve));
    assert.equal((await ask(people.get('Paolo')!.socket, 'interpretation:slow-down', {})).ok, true);
    const notice = await told;
    assert.equal(notice.channel, 'it');
    assert.match(notice.message, /Paolo .*slow down/);
    const flagged = await ask(people.get('Witness')!.socket, 'interpretation:problem', {
      channel: 'it',
      text: 'I could not hear the interpreter for a minute.',
    });
    assert.equal(flagged.ok, true);
    const refused = await ask(people.get('Observer')!.socket, 'interpretation:problem', { channel: 'it', text: 'too quiet' });
    assert.equal(refused.error?.code, 'forbidden');
  });

  it('each page is told the channels, who is live, its own choice; only the judicial authorities see slow-downs and problems', async () => {
    const views = new Map<string, { listening: string | null; channels: { language: string; live: string | null }[]; slowDowns: unknown[] | null }>();
    for (const name of ['Judge', 'Witness']) people.get(name)!.socket.once('interpretation:state', (v) => views.set(name, v));
    await ask(people.get('Paolo')!.socket, 'interpretation:hand-over', {});
    await settle();
    const judgeView = views.get('Judge')!;
    assert.deepEqual(
      judgeView.channels.map((c) => [c.language, c.live]),
      [
        ['en', id('Emma')],
        ['es', id('Sofia')],
        ['it', id('Lucia')],
      ],
    );
    assert.equal(judgeView.listening, null);
    assert.equal(judgeView.slowDowns?.length, 1);
    assert.equal(views.get('Witness')!.listening, 'it');
    assert.equal(views.get('Witness')!.slowDowns, null);
  });

  it('the record and the minutes say who interpreted which channel when, the handovers and the relay', async () => {
    people.get('Emma')!.socket.close();
    await settle();
    assert.equal((await ask(people.get('Judge')!.socket, 'court:end', {})).ok, true);
    const events = await server.store.events.list(court.hearing.id);
    const participants = await server.store.participants.listByHearing(court.hearing.id);
    // Read in English (the same record as a court sitting in English would have it); the minutes' languages have tests of their own.
    const minutes = generateMinutes(
      { ...court.hearing, courtLanguage: 'en' },
      participants.map((p) => ({ ...p, language: 'en' })),
      events,
    );
    const i = minutes.interpretation;
    assert.deepEqual(
      i.channels.map((c) => [c.language, c.interpreters.map((x) => `${x.name}: ${x.pair}`)]),
      [
        ['en', ['Emma: German into English']],
        ['es', ['Sofia: English into Spanish']],
        ['it', ['Lucia: German into Italian', 'Paolo: German into Italian']],
      ],
    );
    assert.deepEqual(
      i.periods.map((p) => [p.channel, p.name, p.source, p.endedBy]),
      [
        ['it', 'Lucia', 'the floor', 'handed over to Paolo'],
        ['it', 'Paolo', 'the floor', 'handed over to Lucia'],
        ['en', 'Emma', 'the floor', 'lost the connection'],
        ['es', 'Sofia', 'relay of the English channel', 'end of the hearing'],
        ['it', 'Lucia', 'the floor', 'end of the hearing'],
      ],
    );
    assert.deepEqual(
      i.handovers.map((h) => [h.from, h.to]),
      [
        ['Lucia', 'Paolo'],
        ['Paolo', 'Lucia'],
      ],
    );
    assert.deepEqual(
      i.modes.map((m) => m.mode),
      ['consecutive', 'simultaneous'],
    );
    assert.equal(i.slowDowns.length, 1);
    assert.deepEqual(
      i.problems.map((p) => [p.name, p.text]),
      [['Witness', 'I could not hear the interpreter for a minute.']],
    );
    assert.ok(
      minutes.chronology.some((c) => c.text === 'Lucia (Interpreter) handed the Italian channel over to Paolo (Interpreter), who interprets from the floor.'),
    );
    const html = renderMinutesHtml(minutes, { signed: null, transmissions: [] });
    assert.match(html, /<h2>\d+\. Interpretation<\/h2>/);
    assert.match(html, /relay of the English channel/);
  });
});
