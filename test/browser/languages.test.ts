/**
 * The person heard understands every word, in real Chromium. The court speaks German. Each page
 * speaks its reader's language — the judge's German, the officer's French, the Italian witness's
 * Italian, the Arabic witness's Arabic written right to left — and a Polish witness, for whose
 * language no page exists, reads English and is told so, as the judge is. The Italian witness passes
 * the gates from the Italian text and through the live Italian interpreter; the Polish witness is
 * blocked at the rights gate until a Polish interpreter goes live; the record and the minutes say how
 * each gate was understood.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { MODEL_TEXT_BOOK } from '../../courtroom/index.js';
import { MinutesWords } from '../../record/minutes-words.js';
import {
  admit,
  enterHearing,
  LAPTOP,
  launchChromium,
  openLink,
  PHONE,
  screenshot,
  soundOnly,
  type ParticipantPage,
  pressAndConfirm,
} from '../support/browser.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { wordsOf, type Words } from '../support/words.js';

describe('every person heard in her own language, from the page to the minutes', () => {
  let server: TestServer;
  let browser: Browser;
  let court: TestHearing;
  let judge: ParticipantPage;
  let officer: ParticipantPage;
  let maria: ParticipantPage;
  let lucia: ParticipantPage;
  let anna: ParticipantPage;
  let piotr: ParticipantPage;
  let de: Words, fr: Words, it_: Words, en: Words, ar: Words;

  before(async () => {
    [server, browser, de, fr, it_, en, ar] = await Promise.all([
      startTestServer(),
      launchChromium(),
      wordsOf('de'),
      wordsOf('fr'),
      wordsOf('it'),
      wordsOf('en'),
      wordsOf('ar'),
    ]);
    court = await server.hearingWith(
      [
        { name: 'Judge Anna Berger', role: 'presiding_judge', language: 'de' },
        { name: 'Officer Jean Dupont', role: 'requested_officer', language: 'fr' },
        { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness', language: 'it' },
        { name: 'Lucia Bianchi', role: 'interpreter', language: 'it', interprets: { from: 'de', into: 'it' } },
        { name: 'Anna Kowalska', role: 'person_heard', capacity: 'witness', language: 'pl' },
        { name: 'Piotr Zielinski', role: 'interpreter', language: 'pl', interprets: { from: 'de', into: 'pl' } },
        { name: 'Layla Haddad', role: 'person_heard', capacity: 'witness', language: 'ar' },
      ],
      { courtLanguage: 'de' },
    );
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const url = (name: string) => court.people[name]!.url;
  const idOf = (name: string) => court.people[name]!.id;
  const gates = (page: Page, person: string) => page.locator(`.gates[data-person-heard="${idOf(person)}"]`);
  const gatePassed = (page: Page, person: string, gate: string) =>
    gates(page, person).locator(`li[data-gate="${gate}"][data-passed="true"]`).waitFor({ timeout: 15_000 });
  const officerForm = (person: string, name: string) => officer.page.locator(`form[aria-label="${name}"][data-payload*="${idOf(person)}"]`);

  it('each page speaks its reader’s language: the judge German, the officer French, the witness Italian', async () => {
    officer = await enterHearing(browser, url('Officer Jean Dupont'), soundOnly, LAPTOP);
    judge = await enterHearing(browser, url('Judge Anna Berger'), soundOnly, LAPTOP);
    maria = await enterHearing(browser, url('Maria Rossi'), soundOnly, PHONE);
    for (const [page, lang] of [
      [judge.page, 'de'],
      [officer.page, 'fr'],
      [maria.page, 'it'],
    ] as const) {
      await page.waitForFunction((lang) => document.documentElement.lang === lang, lang);
    }
    await maria.page.getByRole('heading', { name: it_('waiting.title') }).waitFor();
    assert.equal(await maria.page.locator('#waiting-body').textContent(), it_('waiting.body'));
    assert.equal(await maria.page.locator('#leave-button').textContent(), it_('controls.leave'));
    await judge.page.getByRole('heading', { name: de('console.hearing') }).waitFor();
    await judge.page.getByRole('button', { name: de('console.admit', { name: 'Maria Rossi' }) }).waitFor();
    await officer.page.getByRole('heading', { name: fr('console.beforeTestimony') }).waitFor();
    await screenshot(maria.page, 'languages-waiting-room-it-phone');
  });

  it('an Arabic witness’s pages are in Arabic and laid out right to left, on a phone and on a laptop', async () => {
    for (const viewport of [PHONE, LAPTOP]) {
      const layla = await openLink(browser, url('Layla Haddad'), viewport, soundOnly);
      await layla.page.waitForFunction(() => document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl');
      await layla.page.getByRole('heading', { name: ar('join.title') }).waitFor();
      assert.equal(await layla.page.locator('#join-button').textContent(), ar('join.button'));
      assert.equal(await layla.page.locator('#join-button').evaluate((b) => getComputedStyle(b).direction), 'rtl');
      // Right to left in the layout, not only in the attribute: the heading's words end at the right edge of its box.
      const heading = await layla.page.locator('#join-title').evaluate((h1) => {
        const range = document.createRange();
        range.selectNodeContents(h1);
        const text = range.getBoundingClientRect();
        const box = h1.getBoundingClientRect();
        return { gapRight: box.right - text.right, gapLeft: text.left - box.left };
      });
      assert.ok(heading.gapRight < 2 && heading.gapLeft > 20, `the Arabic heading is set against the right edge: ${JSON.stringify(heading)}`);
      await layla.page.waitForFunction(() => !(document.getElementById('join-button') as HTMLButtonElement).disabled);
      await screenshot(layla.page, `languages-join-ar-${viewport.width}`);
      await layla.page.locator('#join-button').click();
      await layla.page.getByRole('heading', { name: ar('waiting.title') }).waitFor();
      // The controls run from the right: the first (the microphone) stands right of the next.
      const [microphone, leave] = await Promise.all(['#toggle-microphone', '#leave-button'].map((id) => layla.page.locator(id).boundingBox()));
      assert.ok(microphone && leave && microphone.x > leave.x, 'the controls are ordered right to left');
      await screenshot(layla.page, `languages-waiting-room-ar-${viewport.width}`);
      await layla.close();
    }
  });

  it('the Italian witness passes the rights in Italian from the text, and the oath through the live Italian interpreter', async () => {
    lucia = await enterHearing(browser, url('Lucia Bianchi'), soundOnly);
    await admit(judge.page, 'Maria Rossi', de);
    await admit(judge.page, 'Lucia Bianchi', de);
    await judge.page.getByRole('button', { name: de('console.goLive') }).click();
    const italian = fr.language('it');
    await gates(officer.page, 'Maria Rossi')
      .getByText(fr('console.understanding.text', { language: italian }))
      .waitFor();

    const identity = officerForm('Maria Rossi', fr('console.identityCheck'));
    await identity.getByLabel(fr('console.method')).selectOption('personal_knowledge');
    await identity.getByLabel(fr('console.matches')).check();
    await identity.getByRole('button', { name: fr('console.recordIdentity') }).click();
    await gatePassed(judge.page, 'Maria Rossi', 'identity');

    await officerForm('Maria Rossi', fr('console.gate.rights'))
      .getByRole('button', { name: fr('console.showRights') })
      .click();
    const notice = maria.page.locator('#rights-notice');
    await notice.getByRole('heading', { name: MODEL_TEXT_BOOK.text('rights-and-caution', 'it')!.title }).waitFor();
    assert.equal(await notice.getAttribute('lang'), 'it');
    await screenshot(maria.page, 'languages-rights-it-phone');
    await notice.getByRole('button', { name: it_('person.acknowledge') }).click();
    await gatePassed(judge.page, 'Maria Rossi', 'rights');

    await lucia.page.getByRole('button', { name: it_('booth.takeOver') }).click();
    await gates(officer.page, 'Maria Rossi')
      .getByText(fr('console.understanding.interpreter', { language: italian, name: 'Lucia Bianchi' }))
      .waitFor();
    const oath = officerForm('Maria Rossi', fr('console.gate.oath'));
    // The judge reads the German formula; Lucia renders it, and Maria swears in Italian.
    await oath.getByLabel(fr('console.textLanguage')).selectOption('de');
    await oath.getByRole('button', { name: fr('console.recordOath') }).click();
    await gatePassed(judge.page, 'Maria Rossi', 'oath');
    await gates(judge.page, 'Maria Rossi')
      .getByText(de('console.viaInterpreter', { name: 'Lucia Bianchi' }), { exact: false })
      .waitFor();
    await screenshot(officer.page, 'languages-officer-console-fr');
  });

  it('a Polish witness reads English pages, told so, and is blocked at the rights gate until a Polish interpreter goes live', async () => {
    anna = await enterHearing(browser, url('Anna Kowalska'), soundOnly, PHONE);
    await anna.page.waitForFunction(() => document.documentElement.lang === 'en');
    const polishInPolish = new Intl.DisplayNames(['pl'], { type: 'language' }).of('pl')!;
    await anna.page
      .locator('#language-fallback')
      .filter({ hasText: en('page.languageFallback', { language: polishInPolish, shownIn: 'English' }) })
      .waitFor({ state: 'attached' });
    await judge.page.getByText(de('console.languageFallback', { name: 'Anna Kowalska', language: de.language('pl'), shownIn: de.language('en') })).waitFor();
    await admit(judge.page, 'Anna Kowalska', de);

    const polish = fr.language('pl');
    await gates(officer.page, 'Anna Kowalska')
      .getByText(fr('console.understanding.blocked', { language: polish }))
      .waitFor();
    await officerForm('Anna Kowalska', fr('console.gate.rights'))
      .getByRole('button', { name: fr('console.showRights') })
      .click();
    const refusal = officer.page.locator('#court-error');
    await refusal.waitFor({ state: 'visible' });
    assert.match((await refusal.textContent()) ?? '', /Polish/);
    await anna.page.waitForTimeout(500);
    assert.equal(await anna.page.locator('#rights-notice').isVisible(), false, 'nothing was put before her that she could not understand');

    piotr = await enterHearing(browser, url('Piotr Zielinski'), soundOnly);
    await admit(judge.page, 'Piotr Zielinski', de);
    await piotr.page.getByRole('button', { name: en('booth.takeOver') }).click();
    await gates(officer.page, 'Anna Kowalska')
      .getByText(fr('console.understanding.interpreter', { language: polish, name: 'Piotr Zielinski' }))
      .waitFor();
    await officerForm('Anna Kowalska', fr('console.gate.rights'))
      .getByRole('button', { name: fr('console.showRights') })
      .click();
    const notice = anna.page.locator('#rights-notice');
    await notice.getByRole('heading', { name: MODEL_TEXT_BOOK.text('rights-and-caution', 'de')!.title }).waitFor();
    assert.equal(await notice.getAttribute('lang'), 'de', 'the German text, which Piotr renders');
    assert.equal(await anna.page.locator('#rights-interpreted').textContent(), en('rights.interpreted', { language: 'Polish' }));
    await screenshot(anna.page, 'languages-rights-pl-through-interpreter-phone');
    await notice.getByRole('button', { name: en('person.acknowledge') }).click();
    await gatePassed(judge.page, 'Anna Kowalska', 'rights');
    await screenshot(judge.page, 'languages-judge-console-de');
  });

  it('the record and the minutes say in which language and through whom each gate was passed', async () => {
    await pressAndConfirm(judge.page, de('console.end'));
    const events = await server.store.events.list(court.hearing.id);
    const of = (type: string, person: string) => events.filter((e) => e.type === type && e.data.participantId === idOf(person)).map((e) => e.data);
    assert.deepEqual(of('rights.acknowledged', 'Maria Rossi')[0]?.understanding, { language: 'it', via: 'text' });
    assert.deepEqual(of('oath.taken', 'Maria Rossi')[0]?.understanding, { language: 'it', via: 'interpreter', interpreterId: idOf('Lucia Bianchi') });
    assert.equal(of('oath.taken', 'Maria Rossi')[0]?.language, 'it', 'sworn in Italian, not in the German of the formula');
    assert.deepEqual(of('rights.acknowledged', 'Anna Kowalska')[0]?.understanding, {
      language: 'pl',
      via: 'interpreter',
      interpreterId: idOf('Piotr Zielinski'),
    });
    assert.deepEqual(of('language.fallback', 'Anna Kowalska')[0], { participantId: idOf('Anna Kowalska'), language: 'pl', shownIn: 'en', what: 'pages' });

    const headers = { Authorization: `Bearer ${court.people['Officer Jean Dupont']!.token}` };
    const minutes = await (await fetch(`${server.url}/hearings/${court.hearing.id}/minutes.json`, { headers })).json();
    // The court's minutes are German, with the French of the requested state beside them: each says it in its own words.
    assert.deepEqual([minutes.language, minutes.translation?.language], ['de', 'fr']);
    for (const version of [minutes, minutes.translation]) {
      const w = new MinutesWords(version.language);
      const gate = (name: string, kind: string) => version.gates.find((g: { name: string; gate: string }) => g.name === name && g.gate === kind)?.details ?? '';
      assert.ok(
        gate('Maria Rossi', 'rights').includes(w.t('understood.text', { language: w.languageName('it') })),
        `${version.language}: read in Italian, her own language`,
      );
      assert.ok(gate('Maria Rossi', 'rights').includes(w.t('text.model')), `${version.language}: a model text`);
      assert.ok(
        gate('Anna Kowalska', 'rights').includes(w.t('understood.interpreter', { language: w.languageName('pl'), interpreter: 'Piotr Zielinski' })),
        `${version.language}: understood in Polish through Piotr Zielinski`,
      );
      const fallback = w.t('chron.languageFallback', {
        person: w.t('person', { name: 'Anna Kowalska', function: w.functionOf('person_heard', 'witness') }),
        language: w.languageName('pl'),
        shownIn: w.languageName('en'),
      });
      assert.ok(
        version.chronology.some((c: { text: string }) => c.text === fallback),
        `${version.language}: the minutes say that her pages were not in her language`,
      );
    }
    const oath = minutes.oaths.find((o: { name: string }) => o.name === 'Maria Rossi');
    assert.equal(oath.language, 'it');
    assert.equal(oath.via, 'interpreter');
    assert.equal(oath.interpreter, 'Lucia Bianchi');
    assert.equal(oath.text.language, 'de');
  });
});
