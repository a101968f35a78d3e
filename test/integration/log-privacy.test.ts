/**
 * The operator's log holds no personal data. A whole run of the server as its own process, at the
 * `debug` level, through what writes most to the log: coordinators sign in (once with a wrong
 * password), schedule a hearing whose letters go to the mail relay (one deferred, one refused for
 * good), a malformed request is refused; then the hearing itself: the judge admits the witness,
 * the officer checks her passport by its number, a command with a bad field is refused, people leave.
 * Then every name, e-mail address and document number the run used is looked for in everything the
 * server wrote to stdout and stderr — and the log is shown to be a real one, with the ids that let an
 * operator follow a hearing or a request through it.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../server/config.js';
import { openStore } from '../../store/index.js';
import { historyOf, scheduleRequest, signIn, twoAuthorities } from '../support/coordinators.js';
import { startMailRelay, type TestMailRelay } from '../support/mail-relay.js';
import { killServerProcess, processEnv, seedHearing, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { ask, join as joinHearing, type TestSocket } from '../support/socket-client.js';
import { until } from '../support/until.js';

const CAPS = { codecs: [{ kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 }] };
const DOCUMENT_NUMBER = 'YA8342197';

/** Everything personal the run below gives the server. */
const PERSONAL = [
  // The coordinators, their judge and interpreter (test/support/coordinators.ts).
  'Claire Martin',
  'Marc Tremblay',
  'claire@justice.fr',
  'marc@justice.qc.ca',
  'Anne Leroy',
  'Nadia Haddad',
  'interprete@example.org',
  // The request's people.
  'Youssef Benali',
  'Marie Gagnon',
  'y.benali@example.ca',
  'm.gagnon@justice.qc.ca',
  'anne.leroy@justice.fr',
  // The hearing's people.
  'Giulia Ferrante',
  'Tomasz Wiśniewski',
  'Ingrid Solberg',
  // Her passport.
  DOCUMENT_NUMBER,
  DOCUMENT_NUMBER.slice(-5),
];

describe('the server’s log over a whole run', () => {
  let dataDir: string;
  let relay: TestMailRelay;
  let server: ServerProcess;
  let log = '';
  const sockets: TestSocket[] = [];
  let hearingId = '';
  let requestId = '';

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'hearing-room-log-'));
    relay = await startMailRelay();
    const env = processEnv(dataDir, {
      HEARING_ROOM_LOG_LEVEL: 'debug',
      HEARING_ROOM_SMTP_URL: relay.url,
      HEARING_ROOM_MAIL_FROM: 'Hearing Room <hearings@tribunal-paris.example>',
      HEARING_ROOM_MAIL_RETRY_SECONDS: '1',
      HEARING_ROOM_MAIL_ATTEMPTS: '3',
    });
    // The court's directory and a hearing, written before the server starts, as an earlier run would have.
    const store = await openStore(loadConfig(env).databaseUrl);
    const sites = await twoAuthorities(store);
    await store.close();
    const seeded = await seedHearing(env, 'PAR-2026-0777', [
      { name: 'Giulia Ferrante', role: 'presiding_judge' },
      { name: 'Tomasz Wiśniewski', role: 'requested_officer' },
      { name: 'Ingrid Solberg', role: 'person_heard', capacity: 'witness' },
    ]);
    hearingId = seeded.hearingId;

    server = await startServerProcess(env);

    // The coordinators' part.
    const wrong = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: sites.paris.email, password: 'not the password' }),
    });
    assert.equal(wrong.status, 401);
    const paris = await signIn(server.url, sites.paris.email);
    const montreal = await signIn(server.url, sites.montreal.email);
    const malformed = await paris.post('/api/requests', { title: 'Hearing of Youssef Benali', person: { name: 'Youssef Benali', email: 'not-an-address' } });
    assert.equal(malformed.status, 400);
    relay.refuseNext(1, 451, 'anne.leroy@justice.fr');
    const request = await scheduleRequest(paris, montreal, sites, {
      caseReference: 'PAR-2026-0778',
      language: 'ar',
      witnessEmail: 'y.benali@example.ca',
      officerEmail: 'm.gagnon@justice.qc.ca',
      judgeEmail: 'anne.leroy@justice.fr',
    });
    requestId = request.id;
    await relay.waitFor(3);
    relay.refuseNext(1, 550, 'y.benali@example.ca');
    const moved = await paris.post(`/api/requests/${request.id}/actions`, {
      action: { type: 'reschedule', start: { utc: new Date(Date.parse(request.body.slot.start) + 86_400_000).toISOString() } },
    });
    assert.equal(moved.status, 200, moved.text);

    // The hearing.
    const enter = async (name: string) => {
      const { socket } = await joinHearing(server.url, { token: seeded.people[name]!.token, hearingId });
      sockets.push(socket);
      const entered = await ask(socket, 'hearing:enter', { rtpCapabilities: CAPS, canSeal: false });
      assert.equal(entered.ok, true, JSON.stringify(entered.error));
      return socket;
    };
    const judge = await enter('Giulia Ferrante');
    const officer = await enter('Tomasz Wiśniewski');
    const witness = await enter('Ingrid Solberg');
    const witnessId = seeded.people['Ingrid Solberg']!.id;
    assert.equal((await ask(judge, 'court:admit', { participantId: witnessId })).ok, true);
    const bad = await ask(officer, 'court:verify-identity', { participantId: witnessId, method: 'identity_document', match: true, photoCompared: true });
    assert.equal(bad.error?.field, 'documentNumber');
    const verified = await ask(officer, 'court:verify-identity', {
      participantId: witnessId,
      method: 'identity_document',
      documentType: 'passport',
      issuingCountry: 'NO',
      documentNumber: DOCUMENT_NUMBER,
      match: true,
      photoCompared: true,
    });
    assert.equal(verified.ok, true, JSON.stringify(verified.error));
    witness.close();
    // The letters' last outcomes reach the history (and the log) before the server stops.
    await until('the refused letter in the history', async () => (await historyOf(paris, request.id)).some((e) => e.type === 'mail.failed'));
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const socket of sockets) socket.close();
    await killServerProcess(server.child, 'SIGTERM');
    log = server.output();
  });

  after(async () => {
    for (const socket of sockets) socket.close();
    if (server) await killServerProcess(server.child);
    await relay?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('is a real log: structured lines that follow the hearing and the request by their ids', () => {
    const lines = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(lines.length >= 10, `the run was logged: ${lines.length} lines`);
    assert.ok(
      lines.some((l) => l.hearingId === hearingId),
      'lines name the hearing by its id',
    );
    assert.ok(
      lines.some((l) => l.requestId === requestId),
      'lines name the request by its id',
    );
    assert.ok(
      lines.some((l) => /mail|letter/i.test(String(l.msg))),
      'the letters’ outcomes are logged',
    );
    const refused = lines.find((l) => l.msg === 'http request failed' || (l.res as { statusCode?: number } | undefined)?.statusCode === 400);
    assert.ok(refused, 'a refused HTTP request is logged');
    assert.match(String((refused.req as { id?: string }).id), /^[0-9a-f-]{36}$/, 'with an id of its own');
  });

  it('holds no name, e-mail address or document number', () => {
    const found = PERSONAL.filter((needle) => log.toLowerCase().includes(needle.toLowerCase()));
    const context = found.map((needle) => {
      const at = log.toLowerCase().indexOf(needle.toLowerCase());
      return `${needle}: …${log.slice(Math.max(0, at - 200), at + 100)}…`;
    });
    assert.deepEqual(found, [], `personal data in the log:\n${context.join('\n')}`);
  });
});

describe('`serve` on a terminal', () => {
  it('prints readable lines, not JSON, and then the demo links', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hearing-room-terminal-'));
    const env = { ...process.env, ...processEnv(dataDir, { HEARING_ROOM_DEMO: 'true' }) };
    // `script` gives the server a terminal of its own (a pseudo-terminal), as a person's shell does.
    const child = spawn('script', ['-qfec', `${process.execPath} --import tsx server/main.ts`, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (out += text));
    try {
      const deadline = Date.now() + 60_000;
      while (!/Demo hearing ready[\s\S]*\/join\/\S+#/.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) assert.fail(`no demo links: ${out.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      // Without the terminal's colours.
      const plain = stripVTControlCharacters(out);

      const listening = plain.split('\n').find((line) => line.includes('hearing room listening'));
      assert.ok(listening, plain);
      assert.match(listening, /^\[\d\d:\d\d:\d\d\] INFO: hearing room listening/, 'a time, a level and what happened');
      assert.doesNotMatch(plain, /\{"level":/, 'no raw JSON');
      assert.ok(plain.indexOf('hearing room listening') < plain.indexOf('Demo hearing ready'), 'the log comes first, then the links');
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
