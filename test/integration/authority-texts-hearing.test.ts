/**
 * A hearing puts the authorities' approved texts before the person heard: Paris asks, Montréal is
 * asked, the witness speaks Italian. Paris's Italian caution is shown to her word for word and the
 * record names it as the authority's, by version and hash; Montréal's Italian oath fills the text
 * Paris lacks; a version Paris approves once the hearing has opened waits for the next hearing, also
 * after a restart, and the minutes name each text by its hash.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { MODEL_TEXT_BOOK } from '../../courtroom/index.js';
import { generateMinutes } from '../../record/index.js';
import { MinutesWords } from '../../record/minutes-words.js';
import type { Participant } from '../../scheduling/index.js';
import { courtFromRecord } from '../../signaling/courts.js';
import type { AuthorityText } from '../../store/index.js';
import { twoAuthorities } from '../support/coordinators.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ask, join, type TestSocket } from '../support/socket-client.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };

describe('a hearing shows the authorities’ approved texts and records them as theirs', () => {
  let server: TestServer;
  let hearingId: string;
  let people: Map<string, Participant>;
  let parisCaution: AuthorityText;
  let montrealOath: AuthorityText;
  const sockets: TestSocket[] = [];
  const id = (name: string) => people.get(name)!.id;

  async function enter(name: string): Promise<TestSocket> {
    const { token } = await server.linkFor(people.get(name)!);
    const { socket } = await join(server.url, { token, hearingId });
    sockets.push(socket);
    const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false });
    assert.equal(entered.ok, true, JSON.stringify(entered.error));
    return socket;
  }

  before(async () => {
    server = await startTestServer();
    const { paris, montreal } = await twoAuthorities(server.store);
    const italian = { language: 'it', approvedBy: 'Ufficio legislativo', loadedBy: null };
    parisCaution = await server.store.authorityTexts.add({
      ...italian,
      authorityId: paris.authorityId,
      textId: 'rights-and-caution',
      version: 'FR-IT-2026-1',
      title: 'Avvertimenti del tribunale di Parigi',
      body: 'Lei può astenersi dal rispondere alle domande che potrebbero incriminarLa.',
    });
    await server.store.authorityTexts.add({
      ...italian,
      authorityId: montreal.authorityId,
      textId: 'rights-and-caution',
      version: 'QC-1',
      title: 'Avvertimenti della Corte del Québec',
      body: 'Testo che cede a quello del tribunale che conduce l’udienza.',
    });
    const start = new Date(Date.now() - 60_000).toISOString();
    const contact = (authorityId: string, language: string) => ({ authorityId, email: null, timeZone: 'Europe/Paris', language });
    const request = await server.store.requests.create(
      {
        title: 'Audition d’un témoin à Montréal',
        caseReference: 'PAR-2026-0107',
        requestingAuthorityId: paris.authorityId,
        requestedAuthorityId: montreal.authorityId,
        details: {
          legalBasis: { instrument: 'Entraide judiciaire France–Canada', article: 'Art. 14' },
          reasonsNotInPerson: 'The witness cannot travel.',
          conductedBy: [{ name: 'Anne Leroy', function: 'Presiding judge' }],
          person: { name: 'Maria Rossi', nationality: 'IT', capacity: 'witness', language: 'it' },
          hearingLanguage: 'fr',
          interpretation: '',
        },
        proposedWindows: [{ start, end: new Date(Date.now() + 3600_000).toISOString() }],
        durationMinutes: 60,
        resourceIds: [],
        people: [
          { displayName: 'Anne Leroy', role: 'presiding_judge', capacity: null, ...contact(paris.authorityId, 'fr') },
          { displayName: 'Luc Gagnon', role: 'requested_officer', capacity: null, ...contact(montreal.authorityId, 'fr') },
          { displayName: 'Maria Rossi', role: 'person_heard', capacity: 'witness', ...contact(montreal.authorityId, 'it') },
        ],
      },
      (await server.store.authorities.coordinatorByEmail(paris.email))!.id,
    );
    hearingId = request.hearingId;
    await server.store.hearings.setStatus(hearingId, 'scheduled');
    people = new Map((await server.store.participants.listByHearing(hearingId)).map((p) => [p.displayName, p]));
  });
  after(async () => {
    for (const socket of sockets) socket.close();
    await server?.close();
  });

  it('the requesting authority’s Italian caution is shown to her word for word, and recorded as the authority’s with its version and hash', async () => {
    const officer = await enter('Luc Gagnon');
    // Approved while the court is loaded but before the judge opens the hearing: it applies to it.
    montrealOath = await server.store.authorityTexts.add({
      authorityId: (await server.store.requests.get(hearingId))!.requestedAuthorityId,
      textId: 'oath',
      language: 'it',
      version: 'QC-1',
      title: 'Giuramento davanti alla Corte del Québec',
      body: 'Giuro di dire la verità, tutta la verità, nient’altro che la verità.',
      approvedBy: 'Ufficio legislativo',
      loadedBy: null,
    });
    const judge = await enter('Anne Leroy');
    const witness = await enter('Maria Rossi');
    assert.equal((await ask(judge, 'court:admit', { participantId: id('Maria Rossi') })).ok, true);
    const notices: { title: string; body: string; version: string; model: boolean }[] = [];
    witness.on('court:state', (view: { rightsNotice: (typeof notices)[number] | null }) => view.rightsNotice && notices.push(view.rightsNotice));
    const shown = await ask(officer, 'court:show-rights', { participantId: id('Maria Rossi') });
    assert.equal(shown.ok, true, JSON.stringify(shown.error));
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.deepEqual(notices.at(-1), {
      title: parisCaution.title,
      body: parisCaution.body,
      language: 'it',
      version: 'FR-IT-2026-1',
      model: false,
      interpreted: false,
    });

    const entry = (await server.store.events.list(hearingId)).findLast((e) => e.type === 'rights.shown')!;
    assert.deepEqual((entry.data as { notice: unknown }).notice, {
      id: 'rights-and-caution',
      version: 'FR-IT-2026-1',
      language: 'it',
      sha256: parisCaution.sha256,
      source: 'authority',
    });
    assert.equal((await ask(witness, 'court:acknowledge-rights', {})).ok, true);
  });

  it('the requested authority’s Italian oath, approved before the hearing opened, fills the text the requesting authority has not approved', async () => {
    const officer = await enter('Luc Gagnon');
    const oath = await ask(officer, 'court:record-oath', { participantId: id('Maria Rossi'), form: 'oath' });
    assert.equal(oath.ok, true, JSON.stringify(oath.error));
    const entry = (await server.store.events.list(hearingId)).findLast((e) => e.type === 'oath.taken')!;
    assert.deepEqual((entry.data as { text: unknown }).text, { id: 'oath', version: 'QC-1', language: 'it', sha256: montrealOath.sha256, source: 'authority' });
    // Where neither authority approved a text, the model text applies: the consent form in Italian.
    const { court } = await courtFromRecord({ store: server.store }, hearingId);
    assert.equal(court.languages.texts.text('consent-video-hearing', 'it')?.sha256, MODEL_TEXT_BOOK.text('consent-video-hearing', 'it')!.sha256);
  });

  it('a version approved after the hearing opened waits for the next hearing, also once the court is loaded again after a restart; the record still finds both', async () => {
    const later = await server.store.authorityTexts.add({
      authorityId: parisCaution.authorityId,
      textId: 'rights-and-caution',
      language: 'it',
      version: 'FR-IT-2026-2',
      title: parisCaution.title,
      body: `${parisCaution.body} Ha diritto a un interprete.`,
      approvedBy: 'Ufficio legislativo',
      loadedBy: null,
    });
    const officer = await enter('Luc Gagnon');
    assert.equal((await ask(officer, 'court:show-rights', { participantId: id('Maria Rossi') })).ok, true);
    const entry = (await server.store.events.list(hearingId)).findLast((e) => e.type === 'rights.shown')!;
    assert.equal((entry.data as { notice: { sha256: string } }).notice.sha256, parisCaution.sha256, 'the hearing keeps the texts in force when it opened');

    const { court: restarted } = await courtFromRecord({ store: server.store }, hearingId);
    assert.equal(restarted.languages.texts.text('rights-and-caution', 'it')?.version, 'FR-IT-2026-1');
    assert.equal(restarted.languages.texts.byHash(parisCaution.sha256)?.body, parisCaution.body);
    assert.equal(
      (await server.store.authorityTexts.byHash(parisCaution.authorityId, later.sha256))?.version,
      'FR-IT-2026-2',
      'the new version is kept for the hearings to come',
    );
  });

  it('the minutes name each text as the authority’s, with its version and hash', async () => {
    const hearing = (await server.store.hearings.get(hearingId))!;
    // A French court with a French officer: one version, in French.
    const minutes = generateMinutes(hearing, [...people.values()], await server.store.events.list(hearingId));
    assert.deepEqual([minutes.language, minutes.translation], ['fr', null]);
    const w = new MinutesWords('fr');
    const rights = minutes.gates.find((g) => g.gate === 'rights')!;
    assert.ok(
      rights.details.includes('FR-IT-2026-1') && rights.details.includes(w.t('text.hash', { whose: w.t('text.authority'), sha256: parisCaution.sha256 })),
      rights.details,
    );
    const oath = minutes.gates.find((g) => g.gate === 'oath')!;
    assert.ok(
      oath.details.includes('QC-1') && oath.details.includes(w.t('text.hash', { whose: w.t('text.authority'), sha256: montrealOath.sha256 })),
      oath.details,
    );
  });
});
