/**
 * Interpretation, proved by ear in real Chromium. Each browser's fake microphone plays its own tone:
 * the judge 300 Hz, the witness 500 Hz, the Italian booth's Lucia 700 Hz and Paolo 1100 Hz, and Ana,
 * who interprets Italian into Spanish by relay, 1300 Hz. What each person hears is analysed in their
 * page: the stream the page plays out (the browser's own mix), through a Web Audio AnalyserNode.
 *
 * The browsers have no camera: this is proved by ear, and five browsers encoding and decoding
 * everyone's video leave two cores too little for the pages to answer a click.
 *
 * The court speaks German. The witness speaks Italian and starts on the Italian channel; an observer
 * (a page in the judge's browser: observers send nothing) listens in Spanish.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  admit,
  enterHearing,
  keepLocalTracks,
  launchChromium,
  liveLocalTracks,
  receivedStreams,
  screenshot,
  type ParticipantPage,
  pressAndConfirm,
} from '../support/browser.js';
import { toneFile } from '../support/media-files.js';
import { wordsOf, type Words } from '../support/words.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { describeLevels, listenUntil, louderBy, toneLevels, type ToneLevels } from '../support/sound.js';

const TONE = { judge: 300, witness: 500, lucia: 700, paolo: 1100, ana: 1300 } as const;
const ALL = Object.values(TONE);
/**
 * A tone this far under the loudest one in the mix is not there. What is left is coding noise, and
 * what a sender's echo canceller puts back of what that sender hears (it subtracts an echo that a fake
 * microphone never picked up): 35 to 60 dB down. A floor tone at 10 % is only 19 dB under the
 * interpretation.
 */
const ABSENT_BELOW_LOUDEST_DB = 30;
/** A tone heard at all: a floor tone at 10 % still reads far above this. */
const PRESENT_DB = -85;
/** The interpretation over the floor: 90 % against 10 % is 19 dB; allow for the voices' own levels. */
const DOMINANT_BY_DB = 12;

describe('interpretation, by sound', () => {
  /** What the judge (German), the Italian booth and witness, and the Spanish interpreter read on their pages. */
  let de: Words, itWords: Words, es: Words;
  let server: TestServer;
  const browsers: Browser[] = [];
  let court: TestHearing;
  let judge: ParticipantPage;
  let witness: ParticipantPage;
  let lucia: ParticipantPage;
  let paolo: ParticipantPage;
  let ana: ParticipantPage;
  let observer: ParticipantPage;

  const present = (levels: ToneLevels, f: number) => levels[f]! > PRESENT_DB;
  const absent = (levels: ToneLevels, f: number) => levels[f]! < Math.max(...Object.values(levels)) - ABSENT_BELOW_LOUDEST_DB;
  const check = (who: string, levels: ToneLevels, ok: boolean, what: string) => assert.ok(ok, `${who} ${what}; heard ${describeLevels(levels)}`);

  before(async () => {
    const launching = Promise.all(
      [TONE.judge, TONE.witness, TONE.lucia, TONE.paolo, TONE.ana].map((f) => launchChromium({ audioFile: toneFile(f), camera: false })),
    );
    // Kept even if the server fails to start, so that `after` closes them and the file ends.
    try {
      server = await startTestServer();
    } finally {
      browsers.push(...(await launching));
    }
    const [judgeBrowser, witnessBrowser, luciaBrowser, paoloBrowser, anaBrowser] = browsers as [Browser, Browser, Browser, Browser, Browser];
    court = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge', language: 'de' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness', language: 'it' },
      { name: 'Lucia Bianchi', role: 'interpreter', language: 'it', interprets: { from: 'de', into: 'it' } },
      { name: 'Paolo Conti', role: 'interpreter', language: 'it', interprets: { from: 'de', into: 'it' } },
      { name: 'Ana García', role: 'interpreter', language: 'es', interprets: { from: 'it', into: 'es' } },
      { name: 'Olga Novak', role: 'observer', language: 'es' },
    ]);
    const url = (name: string) => court.people[name]!.url;
    judge = await enterHearing(judgeBrowser, url('Judge Anna Berger'));
    [witness, lucia, paolo, ana, observer] = await Promise.all([
      enterHearing(witnessBrowser, url('Maria Rossi')),
      enterHearing(luciaBrowser, url('Lucia Bianchi'), keepLocalTracks),
      enterHearing(paoloBrowser, url('Paolo Conti'), keepLocalTracks),
      enterHearing(anaBrowser, url('Ana García'), keepLocalTracks),
      enterHearing(judgeBrowser, url('Olga Novak')),
    ]);
    [de, itWords, es] = await Promise.all([wordsOf('de'), wordsOf('it'), wordsOf('es')]);
    for (const name of ['Maria Rossi', 'Lucia Bianchi', 'Paolo Conti', 'Ana García', 'Olga Novak']) await admit(judge.page, name, de);
  });
  after(async () => {
    await Promise.all(browsers.map((b) => b.close().catch(() => undefined)));
    await server?.close();
  });

  it('the witness starts on her own language and hears the live interpreter dominant, the floor quietly, the idle partner never', async () => {
    await lucia.page.getByRole('button', { name: itWords('booth.takeOver') }).click();
    await lucia.page.locator('.live-state[data-live="true"]').waitFor();
    assert.equal(await witness.page.locator('#listen-language').inputValue(), 'it');
    const heard = await listenUntil(witness.page, ALL, (l) => louderBy(l, TONE.lucia, TONE.judge) >= DOMINANT_BY_DB && present(l, TONE.judge));
    check('the witness', heard, louderBy(heard, TONE.lucia, TONE.judge) >= DOMINANT_BY_DB, 'hears Lucia at least 12 dB over the floor');
    check('the witness', heard, present(heard, TONE.judge), 'hears the judge quietly underneath');
    const loudest = await toneLevels(witness.page, ALL, 2000, 'loudest');
    check('the witness', loudest, absent(loudest, TONE.paolo), 'never hears Paolo, who is idle');
    check('the witness', loudest, absent(loudest, TONE.ana), 'does not hear the Spanish channel');
  });

  it('a floor listener hears the witness and no interpreter', async () => {
    assert.equal(await judge.page.locator('#listen-language').inputValue(), '');
    const heard = await listenUntil(judge.page, ALL, (l) => present(l, TONE.witness));
    check('the judge', heard, present(heard, TONE.witness), 'hears the witness on the floor');
    const loudest = await toneLevels(judge.page, ALL, 2000, 'loudest');
    for (const f of [TONE.lucia, TONE.paolo, TONE.ana]) check('the judge', loudest, absent(loudest, f), `hears no interpreter (${f} Hz)`);
  });

  it('relay: Ana interprets from the Italian channel, and the Spanish listener hears her', async () => {
    await ana.page.getByLabel(es('booth.source')).selectOption('it');
    await ana.page.getByRole('button', { name: es('booth.takeOver') }).click();
    await ana.page.locator('.live-state[data-live="true"]').waitFor();
    const pivot = await listenUntil(ana.page, ALL, (l) => louderBy(l, TONE.lucia, TONE.judge) >= DOMINANT_BY_DB);
    check('Ana', pivot, louderBy(pivot, TONE.lucia, TONE.judge) >= DOMINANT_BY_DB, 'hears the Italian channel (Lucia) as her source, over the floor');
    assert.equal(await observer.page.locator('#listen-language').inputValue(), 'es');
    const spanish = await listenUntil(observer.page, ALL, (l) => louderBy(l, TONE.ana, TONE.judge) >= DOMINANT_BY_DB);
    check('the observer', spanish, louderBy(spanish, TONE.ana, TONE.judge) >= DOMINANT_BY_DB, 'hears Ana on the Spanish channel over the floor');
    check('the observer', spanish, absent(spanish, TONE.lucia), 'does not hear the Italian channel');
  });

  it('the booth partners talk privately; an observer cannot consume the booth line', async () => {
    const talk = lucia.page.locator('#booth-line');
    assert.equal((await talk.textContent()) ?? '', itWords('booth.talk', { partner: 'Paolo Conti' }), 'the booth console speaks Italian to Lucia');
    await talk.click();
    await lucia.page.locator('#booth-line[aria-pressed="true"]').waitFor();
    const partner = await listenUntil(paolo.page, ALL, (l) => present(l, TONE.lucia));
    check('Paolo', partner, present(partner, TONE.lucia), 'hears Lucia on the booth line');
    assert.ok((await receivedStreams(paolo.page)).some((s) => s.source === 'booth' && s.participantId === court.people['Lucia Bianchi']!.id));
    const observed = await toneLevels(observer.page, ALL, 2000, 'loudest');
    check('the observer', observed, absent(observed, TONE.lucia), 'does not hear the booth line');
    assert.deepEqual(
      (await receivedStreams(observer.page)).filter((s) => s.source === 'booth'),
      [],
    );
    await screenshot(lucia.page, 'interpretation-interpreter-console');
    await talk.click();
  });

  it('after a handover the channel carries the partner and never the idle interpreter', async () => {
    await lucia.page.getByRole('button', { name: itWords('booth.handOver') }).click();
    await paolo.page.locator('.live-state[data-live="true"]').waitFor();
    const heard = await listenUntil(witness.page, ALL, (l) => louderBy(l, TONE.paolo, TONE.judge) >= DOMINANT_BY_DB && absent(l, TONE.lucia));
    check('the witness', heard, louderBy(heard, TONE.paolo, TONE.judge) >= DOMINANT_BY_DB, 'hears Paolo dominant after the handover');
    const loudest = await toneLevels(witness.page, ALL, 3000, 'loudest');
    check('the witness', loudest, absent(loudest, TONE.lucia), 'never hears Lucia once she is idle');
    const pivot = await listenUntil(ana.page, ALL, (l) => louderBy(l, TONE.paolo, TONE.judge) >= DOMINANT_BY_DB);
    check('Ana', pivot, louderBy(pivot, TONE.paolo, TONE.judge) >= DOMINANT_BY_DB, 'relays Paolo now');
  });

  it('the listener switches to the floor at once and back', async () => {
    await witness.page.getByLabel(itWords('picker.listenTo')).selectOption('');
    const floor = await listenUntil(witness.page, ALL, (l) => absent(l, TONE.paolo) && present(l, TONE.judge));
    check('the witness', floor, absent(floor, TONE.paolo) && present(floor, TONE.judge), 'hears the floor alone');
    await witness.page.getByLabel(itWords('picker.listenTo')).selectOption('it');
    const back = await listenUntil(witness.page, ALL, (l) => louderBy(l, TONE.paolo, TONE.judge) >= DOMINANT_BY_DB);
    check('the witness', back, louderBy(back, TONE.paolo, TONE.judge) >= DOMINANT_BY_DB, 'hears Paolo again');
    await screenshot(witness.page, 'interpretation-listener-picker');
  });

  it('slow-down requests and problem flags reach the judge, who sees who is live on each channel', async () => {
    await paolo.page.getByRole('button', { name: itWords('booth.slowDown') }).click();
    const problem = ana.page.getByRole('form', { name: es('booth.problem') });
    await problem.getByRole('textbox').fill('The relay drops words');
    await problem.getByRole('button', { name: es('booth.flagProblem') }).click();
    await judge.page.locator('.interpretation-state li', { hasText: 'Ana García: The relay drops words' }).waitFor();
    // The judge's console speaks German, the judge's language.
    const italianName = de.language('it');
    const spanishName = de.language('es');
    for (const text of [
      `Paolo Conti (${italianName})`,
      `${de('booth.channelMeter', { channel: italianName })}${de('console.live', { name: 'Paolo Conti' })}`,
      `${de('booth.channelMeter', { channel: spanishName })}${de('console.liveRelay', { name: 'Ana García', language: italianName })}`,
    ]) {
      await judge.page
        .waitForFunction((text) => document.querySelector('.interpretation-state')?.textContent?.includes(text), text, { timeout: 15_000 })
        .catch(async () => assert.fail(`the judge's console does not say "${text}": ${await judge.page.locator('.interpretation-state').textContent()}`));
    }
    // The console re-renders this list on every state the court sends, so scroll in one step in the page.
    await judge.page.evaluate(() => document.querySelector('.interpretation-state')?.scrollIntoView({ block: 'nearest' }));
    await screenshot(judge.page, 'interpretation-judge-console');
  });

  it('in consecutive mode everyone hears the interpreter on the floor', async () => {
    await judge.page.getByRole('button', { name: de('console.consecutive') }).click();
    const judgeHears = await listenUntil(judge.page, ALL, (l) => present(l, TONE.paolo));
    check('the judge', judgeHears, present(judgeHears, TONE.paolo), 'hears Paolo on the floor');
    const witnessHears = await listenUntil(
      witness.page,
      ALL,
      (l) => present(l, TONE.paolo) && present(l, TONE.judge) && louderBy(l, TONE.judge, TONE.paolo) > -DOMINANT_BY_DB,
    );
    check('the witness', witnessHears, present(witnessHears, TONE.paolo), 'hears Paolo on the floor');
    check('the witness', witnessHears, louderBy(witnessHears, TONE.judge, TONE.paolo) > -DOMINANT_BY_DB, 'hears the judge at full level, not under a channel');
  });

  it('when the judge ends the hearing, every interpreter’s microphone stops, the channel and booth line included', async () => {
    await pressAndConfirm(judge.page, de('console.end'));
    for (const [name, interpreter] of [
      ['Lucia', lucia],
      ['Paolo', paolo],
      ['Ana', ana],
    ] as const) {
      await interpreter.page
        .waitForFunction(
          () => ((window as unknown as { __localTracks?: MediaStreamTrack[] }).__localTracks ?? []).every((t) => t.readyState === 'ended'),
          undefined,
          { timeout: 5_000 },
        )
        .catch(() => undefined);
      assert.deepEqual(await liveLocalTracks(interpreter.page), [], `${name}: no microphone, clone or channel still open`);
    }
  });
});
