/**
 * `./hearing-room backup` and `./hearing-room restore` as an operator runs them, on a court's real data
 * (real SQLite, real PostgreSQL, a real recording made by mediasoup and ffmpeg and time-stamped by a
 * local RFC 3161 authority), each command a child process with the server's settings:
 * - a running court is backed up: every table of every migration (the mail outbox too), each hearing's
 *   record anchored at its last entry, the recording's manifest, wrapped key and timestamps — and not
 *   its media, which is listed;
 * - restored into an EMPTY PostgreSQL database, every row is the same, every record ends at the entry
 *   it ended at, the signed minutes verify, and the recording verifies with the restored keys;
 * - a server started on the restored database serves the hearings, the minutes and the coordinators'
 *   requests exactly as the court's server did, to the links and passwords issued before;
 * - restore refuses a database that holds anything (naming what), and a backup with one file altered
 *   (naming the file), and restores nothing; backup refuses settings that are not the server's, and
 *   never takes the court's keys for ones made just now, whatever their files' times;
 * - a backup written before a migration restores into today's schema, as an upgrade would;
 * - a backup encrypted with HEARING_ROOM_BACKUP_KEY reads as nothing without its key, is refused
 *   without it or with another, and restores from PostgreSQL into SQLite with it; restored before the
 *   media is copied back, it says which segments are missing, and verify-recording holds once they are.
 */
import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GENERATED_COURT_KEY_FILE, GENERATED_MINUTES_KEY_FILE, MinutesSigner, verifyChain, verifyMinutes } from '../../record/index.js';
import {
  isMediaFile,
  Recording,
  RecordingKey,
  SignedManifest,
  TimestampAuthority,
  verifyManifestOnly,
  verifyRecording,
  type Manifest,
} from '../../recording/index.js';
import { driverFor, MIGRATIONS, openStore } from '../../store/index.js';
import { scheduleRequest, signIn, twoSignedIn } from '../support/coordinators.js';
import { pdfWithPages } from '../support/documents.js';
import { postgresAvailable } from '../support/postgres.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { postgresBackend } from '../support/store-backends.js';
import { startLocalTsa, type LocalTsa } from '../support/tsa.js';

/** More entries than the backup reads (2,000) or the restore inserts (500) at a time, and not a multiple of either. */
const LONG_RECORD = 4321;

/** The token secret startTestServer gives the court's server: set in its environment, so never in a backup. */
const TOKEN_SECRET = 'test-secret-that-is-long-enough-for-hs256-0123456789';

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** A command run as the operator runs it, with `env` as the whole of its HEARING_ROOM_* settings. */
function command(script: string, args: string[], env: Record<string, string>): Promise<Outcome> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('HEARING_ROOM_')));
  return new Promise((resolve) => {
    execFile('node', ['--import', 'tsx', script, ...args], { env: { ...inherited, ...env }, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const said = (outcome: Outcome) => `exit ${outcome.code}\n--- stdout\n${outcome.stdout}\n--- stderr\n${outcome.stderr}`;

/** Every table's rows, each as canonical JSON, sorted: two databases hold the same court if these are equal. */
async function everyRow(url: string): Promise<Map<string, string[]>> {
  const db = driverFor(url);
  try {
    const names = (
      await db.all(
        db.dialect === 'sqlite'
          ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
          : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
      )
    )
      .map((row) => String(row.name))
      .filter((name) => name !== 'schema_migrations')
      .sort();
    const tables = new Map<string, string[]>();
    for (const name of names) {
      const rows = await db.all(`SELECT * FROM "${name}"`);
      tables.set(
        name,
        rows
          .map((row) =>
            JSON.stringify(
              Object.keys(row)
                .sort()
                .map((column) => [column, typeof row[column] === 'bigint' ? Number(row[column]) : row[column]]),
            ),
          )
          .sort(),
      );
    }
    return tables;
  } finally {
    await db.close();
  }
}

/** The tables the migrations create, as their statements name them (the ones they drop or rename away excepted). */
/** Each column a migration of this version or later adds to a table, as [table, column]. */
function columnsAddedFrom(version: number): [string, string][] {
  return MIGRATIONS.filter((m) => m.version >= version).flatMap((migration) =>
    // Columns are added alike on both engines: the SQLite steps name them.
    (Array.isArray(migration.statements) ? migration.statements : (migration.statements as { sqlite: readonly unknown[] }).sqlite).flatMap((step) =>
      typeof step === 'string'
        ? [...step.matchAll(/ALTER TABLE "?(\w+)"? ADD COLUMN "?(\w+)"?/gi)].map(([, table, column]) => [table!, column!] as [string, string])
        : [],
    ),
  );
}

function tablesOfTheMigrations(): Map<string, number> {
  const tables = new Map<string, number>();
  for (const migration of MIGRATIONS) {
    const steps = Array.isArray(migration.statements)
      ? migration.statements
      : [...(migration.statements as { sqlite: readonly unknown[] }).sqlite, ...(migration.statements as { postgres: readonly unknown[] }).postgres];
    for (const step of steps) {
      if (typeof step !== 'string') continue;
      for (const [, name] of step.matchAll(/CREATE TABLE (?:IF NOT EXISTS )?"?(\w+)"?/gi)) tables.set(name as string, migration.version);
      for (const [, name] of step.matchAll(/DROP TABLE (?:IF EXISTS )?"?(\w+)"?/gi)) tables.delete(name as string);
      for (const [, from, to] of step.matchAll(/ALTER TABLE "?(\w+)"? RENAME TO "?(\w+)"?/gi)) {
        tables.delete(from as string);
        tables.set(to as string, migration.version);
      }
    }
  }
  tables.delete('schema_migrations');
  return tables;
}

/** Every file under `root`, relative, with `/`. */
async function filesUnder(root: string, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) found.push(...(await filesUnder(root, path)));
    else found.push(path);
  }
  return found.sort();
}

/** What the court's file-level backup of the recordings folder brings back: the media segments, and nothing else. */
async function copyMediaBack(fromRecordings: string, toRecordings: string): Promise<number> {
  let copied = 0;
  for (const folder of await readdir(fromRecordings)) {
    for (const path of await filesUnder(join(fromRecordings, folder))) {
      if (!isMediaFile(path)) continue;
      await mkdir(dirname(join(toRecordings, folder, path)), { recursive: true });
      await cp(join(fromRecordings, folder, path), join(toRecordings, folder, path));
      copied++;
    }
  }
  return copied;
}

/** What the court's server answers about the hearings: a restored server must answer the same. */
interface Answers {
  minutesJson: string;
  minutesHeaders: Record<string, string | null>;
  progress: unknown;
  playback: unknown;
  publicKeys: unknown;
  request: unknown;
  /** A page of a document of the bundle, sealed in the database and opened by the recording key: its SHA-256 header and the picture's. */
  exhibitPage: { status: number; documentSha256: string | null; pictureSha256: string };
}

async function answersOf(server: { url: string }, signed: TestHearing, recorded: TestHearing, request: { id: string; email: string }): Promise<Answers> {
  const bearer = (court: TestHearing, name: string) => ({ authorization: `Bearer ${court.people[name]!.token}` });
  const minutes = await fetch(`${server.url}/hearings/${signed.hearing.id}/minutes.json`, { headers: bearer(signed, 'Judge Anna Berger') });
  assert.equal(minutes.status, 200);
  const headers = Object.fromEntries(
    ['x-minutes-sha256', 'x-minutes-signature', 'x-minutes-key-id', 'x-minutes-countersignature', 'x-minutes-countersignature-key-id'].map((h) => [
      h,
      minutes.headers.get(h),
    ]),
  );
  const progress = await fetch(`${server.url}/hearings/${signed.hearing.id}/minutes/progress`, { headers: bearer(signed, 'Judge Anna Berger') });
  const playback = await fetch(`${server.url}/hearings/${recorded.hearing.id}/recordings/playback`, { headers: bearer(recorded, 'Judge Ines Weber') });
  assert.equal(playback.status, 200);
  const bundle = (await (await fetch(`${server.url}/hearings/${signed.hearing.id}/exhibits`, { headers: bearer(signed, 'Judge Anna Berger') })).json()) as {
    exhibits: { id: string }[];
  };
  const exhibit = await fetch(`${server.url}/hearings/${signed.hearing.id}/exhibits/${bundle.exhibits[0]!.id}/pages/1`, {
    headers: bearer(signed, 'Judge Anna Berger'),
  });
  const picture = Buffer.from(await exhibit.arrayBuffer());
  const coordinator = await signIn(server.url, request.email);
  const asked = await coordinator.get(`/api/requests/${request.id}`);
  assert.equal(asked.status, 200, asked.text);
  return {
    minutesJson: await minutes.text(),
    minutesHeaders: headers,
    progress: await progress.json(),
    playback: await playback.json(),
    publicKeys: await (await fetch(`${server.url}/minutes-public-keys`)).json(),
    request: asked.body,
    exhibitPage: {
      status: exhibit.status,
      documentSha256: exhibit.headers.get('x-exhibit-sha256'),
      pictureSha256: createHash('sha256').update(picture).digest('hex'),
    },
  };
}

describe('backup and restore of a court’s database, recordings’ keys and manifests', { skip: !(await postgresAvailable()) && 'no PostgreSQL' }, () => {
  let server: TestServer;
  let tsa: LocalTsa;
  let root: string;
  let signed: TestHearing;
  let recorded: TestHearing;
  let request: { id: string; email: string };
  let manifest: Manifest;
  let recordingFolder: string;
  let before_: { rows: Map<string, string[]>; lastHashes: Map<string, string>; answers: Answers };
  const senders: ChildProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  /** The court's server's settings, as its operator has them. */
  let courtEnv: Record<string, string>;

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'hearing-room-backup-'));
    tsa = await startLocalTsa();
    server = await startTestServer();
    courtEnv = { HEARING_ROOM_DATA_DIR: server.dataDir, HEARING_ROOM_TOKEN_SECRET: TOKEN_SECRET, HEARING_ROOM_DEMO: 'false' };

    // Scheduling: two authorities, their coordinators (signed in), rooms, judge and interpreter; a request
    // taken to scheduled, with the people's addresses, its bookings, and a calendar feed and an approved text.
    const { sites, paris, montreal } = await twoSignedIn(server);
    const scheduled = await scheduleRequest(paris, montreal, sites, {
      caseReference: 'PAR-2026-0417',
      language: 'ar',
      witnessEmail: 'y.benali@example.ca',
      officerEmail: 'm.gagnon@justice.qc.ca',
    });
    request = { id: scheduled.id, email: sites.paris.email };
    const parisCoordinator = (await server.store.authorities.coordinatorsOf(sites.paris.authorityId))[0]!;
    await server.store.authorities.createFeed(randomBytes(32).toString('hex'), sites.montreal.authorityId, sites.montreal.roomId);
    await server.store.authorityTexts.add({
      authorityId: sites.montreal.authorityId,
      textId: 'oath',
      language: 'fr',
      version: '2026-1',
      title: 'Serment',
      body: 'Je jure de dire toute la vérité, rien que la vérité.',
      approvedBy: 'Marc Tremblay',
      loadedBy: null,
    });
    // A letter waiting for the mail relay (migration 10), which a restored server must still send.
    await server.store.mail.queue(scheduled.id, null, 'summons', { coordinatorId: parisCoordinator.id, authorityId: sites.paris.authorityId });

    // A hearing held, ended, its minutes stated, signed, countersigned and transmitted.
    signed = await server.hearingWith([
      { name: 'Judge Anna Berger', role: 'presiding_judge' },
      { name: 'Officer Giulia Conti', role: 'requested_officer' },
      { name: 'Maria Rossi', role: 'person_heard', capacity: 'witness' },
    ]);
    const id = (name: string) => signed.people[name]!.id;
    const record = (actorId: string | null, type: string, data: Record<string, unknown> = {}) =>
      server.store.events.append(signed.hearing.id, { type, actorId, data });
    await record(id('Judge Anna Berger'), 'participant.entered', { role: 'presiding_judge' });
    await record(id('Judge Anna Berger'), 'hearing.opened');
    await record(id('Officer Giulia Conti'), 'participant.entered', { role: 'requested_officer' });
    await record(id('Maria Rossi'), 'participant.entered', { role: 'person_heard' });
    await record(id('Judge Anna Berger'), 'lobby.admitted', { participantId: id('Maria Rossi') });
    // Her passport checked: its fingerprint and last digits kept beside the record (migration 13), sealed in it.
    await record(id('Officer Giulia Conti'), 'identity.verified', {
      participantId: id('Maria Rossi'),
      method: 'identity_document',
      documentType: 'passport',
      issuingCountry: 'IT',
      documentNumberHash: 'c'.repeat(64),
      documentNumberLast: '417',
      match: true,
      photoCompared: true,
    });
    await record(id('Judge Anna Berger'), 'hearing.live');
    // A hearing's recordings the retention rules deleted earlier (migration 13): the note of it is backed up too.
    await server.store.retention.recordingsDeleted({
      hearingId: randomUUID(),
      authorityId: null,
      ruleDays: 30,
      closedAt: '2026-01-01T10:00:00.000Z',
      appliedAt: '2026-02-01T10:00:00.000Z',
      detail: { recordings: [] },
    });
    // A document of the bundle (migration 11), sealed under the recording key: the restored server must open it.
    const submitted = await fetch(`${server.url}/hearings/${signed.hearing.id}/exhibits`, {
      method: 'POST',
      headers: { authorization: `Bearer ${signed.people['Judge Anna Berger']!.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Exhibit 1', content: pdfWithPages('Exhibit 1').toString('base64') }),
    });
    assert.equal(submitted.status, 201, await submitted.clone().text());
    await record(id('Judge Anna Berger'), 'testimony.started', { participantId: id('Maria Rossi') });
    await record(id('Judge Anna Berger'), 'testimony.ended', { participantId: id('Maria Rossi') });
    await record(id('Judge Anna Berger'), 'hearing.ended', { reason: 'the examination is completed' });
    await record(id('Officer Giulia Conti'), 'officer.statement', { identityEstablished: true, principlesRespected: true, remarks: null });
    const as = (name: string) => ({ authorization: `Bearer ${signed.people[name]!.token}`, 'content-type': 'application/json' });
    const minutesUrl = `${server.url}/hearings/${signed.hearing.id}/minutes`;
    const page = await fetch(minutesUrl, { headers: as('Judge Anna Berger') });
    const sign = await fetch(`${minutesUrl}/sign`, {
      method: 'POST',
      headers: as('Judge Anna Berger'),
      body: JSON.stringify({ read: page.headers.get('x-minutes-sha256'), throughSeq: Number(page.headers.get('x-minutes-through-seq')) }),
    });
    assert.equal(sign.status, 200, await sign.clone().text());
    assert.equal((await fetch(`${minutesUrl}/countersign`, { method: 'POST', headers: as('Officer Giulia Conti') })).status, 200);
    const transmit = await fetch(`${minutesUrl}/transmit`, {
      method: 'POST',
      headers: as('Officer Giulia Conti'),
      body: JSON.stringify({ to: 'Landgericht Berlin' }),
    });
    assert.equal(transmit.status, 200, await transmit.clone().text());

    // A long hearing: its record is more entries than a page of the backup's reads and the restore's inserts.
    const long = await server.hearingWith([
      { name: 'Judge Paul Klein', role: 'presiding_judge' },
      { name: 'Witness Okoro', role: 'person_heard', capacity: 'witness' },
    ]);
    // A document shared in a private consultation still under way (migration 14): sealed in a browser, carried as it is.
    await server.store.consultationDocuments.add(
      {
        id: randomUUID(),
        hearingId: long.hearing.id,
        consultationId: randomUUID(),
        sharedBy: long.people['Witness Okoro']!.id,
        sharedAt: new Date().toISOString(),
        content: randomBytes(64),
      },
      { documents: 20, bytes: 1_000_000 },
    );
    const waiting = { type: 'lobby.waiting', actorId: null, data: { participantId: long.people['Witness Okoro']!.id } };
    await server.store.events.appendAll(
      long.hearing.id,
      Array.from({ length: LONG_RECORD }, () => waiting),
    );

    // A hearing recorded: the witness's microphone and camera, in segments, time-stamped, under a lease.
    recorded = await server.hearingWith([
      { name: 'Judge Ines Weber', role: 'presiding_judge' },
      { name: 'Witness Adeyemi', role: 'person_heard', capacity: 'witness' },
    ]);
    await server.store.leases.take(recorded.hearing.id, 'court-server-1');
    await server.store.events.append(recorded.hearing.id, { type: 'hearing.opened', actorId: recorded.people['Judge Ines Weber']!.id, data: {} });
    const media = await server.sfu.hearing(recorded.hearing.id);
    const audio = await ffmpegProducer(media.router, 'audio', 44444444);
    const video = await ffmpegProducer(media.router, 'video', 55555555);
    senders.push(audio.ffmpeg, video.ffmpeg);
    recordingFolder = randomUUID();
    const recording = await Recording.start(
      {
        dir: join(server.config.recording.dir, recordingFolder),
        hearingId: recorded.hearing.id,
        legalBasis: 'Order of the court of 3 March',
        segmentSeconds: 1,
      },
      new MinutesSigner(server.config.minutesSigningKey),
      new RecordingKey(server.config.recordingKey),
      new TimestampAuthority({ url: tsa.url, caPem: tsa.caPem }),
    );
    const witness = recorded.people['Witness Adeyemi']!;
    await Promise.all([
      recording.addTrack({ router: media.router, producerId: audio.producer.id, participantId: witness.id, role: 'person_heard', source: 'microphone' }),
      recording.addTrack({ router: media.router, producerId: video.producer.id, participantId: witness.id, role: 'person_heard', source: 'camera' }),
    ]);
    // Until each track has two segments on disk, in the manifest as signed (however loaded the machine).
    const deadline = Date.now() + 30_000;
    for (;;) {
      const onDisk = await readFile(join(server.config.recording.dir, recordingFolder, 'manifest.json'), 'utf8').catch(() => undefined);
      const tracks = onDisk === undefined ? [] : SignedManifest.parse(JSON.parse(onDisk)).manifest.tracks;
      if (tracks.length === 2 && tracks.every((t) => t.segments.length >= 2)) break;
      assert.ok(Date.now() < deadline, 'each track has two segments on disk within 30 s');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    manifest = await recording.stop();
    for (const sender of senders) sender.kill('SIGKILL');
    await server.store.events.append(recorded.hearing.id, { type: 'hearing.ended', actorId: recorded.people['Judge Ines Weber']!.id, data: {} });

    // What the court's server answers first: signing the coordinator in writes her session, which the backup then carries.
    const answers = await answersOf(server, signed, recorded, request);
    const lastHashes = new Map<string, string>();
    for (const hearing of await server.store.hearings.list()) {
      const report = verifyChain(hearing.id, await server.store.events.rawRows(hearing.id));
      if (report.ok && report.entries > 0) lastHashes.set(hearing.id, report.lastHash);
    }
    before_ = { rows: await everyRow(server.config.databaseUrl), lastHashes, answers };
  });

  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
    await tsa?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  const plain = () => join(root, 'backup-plain');
  let restoredPostgres: { url: string; dataDir: string };

  it('refuses to back up with settings that are not the server’s, and writes nothing, not even a key', async () => {
    const elsewhere = join(root, 'not-the-data-folder');
    await mkdir(elsewhere);
    const refused = await command('server/backup-cli.ts', [join(root, 'backup-refused'), '--secrets', 'include'], {
      ...courtEnv,
      HEARING_ROOM_DATA_DIR: elsewhere,
    });
    assert.equal(refused.code, 2, said(refused));
    assert.match(refused.stderr, /recording-key.* do not exist: this configuration is not the server's/);
    assert.deepEqual(await readdir(elsewhere), [], 'no key was generated into the folder');
    assert.equal(existsSync(join(root, 'backup-refused')), false);
  });

  it('backs up a running court: every table of every migration, each record anchored, the recording’s manifest and keys but not its media', async () => {
    // The data folder lies on a file server whose clock runs an hour ahead: its keys are the court's all the same.
    const recordingKey = await readFile(join(server.dataDir, 'recording-key'), 'utf8');
    const ahead = new Date(Date.now() + 3600_000);
    await utimes(join(server.dataDir, 'recording-key'), ahead, ahead);
    const made = await command('server/backup-cli.ts', [plain(), '--secrets', 'include'], courtEnv);
    assert.equal(made.code, 0, said(made));
    assert.equal(await readFile(join(server.dataDir, 'recording-key'), 'utf8'), recordingKey, 'the court’s recording key is where it was');
    assert.match(made.stdout, /records: \d+ hearing\(s\), \d+ entries; every chain holds/);
    assert.match(made.stdout, /media NOT in this backup: \d+ segment file\(s\)/);
    assert.match(made.stderr, /WARNING: recording-key is in this backup IN THE CLEAR/);
    assert.doesNotMatch(made.stderr, /token-secret/, 'set in the environment, so neither copied nor warned about');

    const backup = JSON.parse(await readFile(join(plain(), 'backup.json'), 'utf8'));
    // Every table a migration creates is in the backup, with rows: the restore below compares them all.
    const backedUp = new Map<string, number>(backup.database.tables.map((t: { name: string; rows: number }) => [t.name, t.rows]));
    for (const [table, version] of tablesOfTheMigrations()) {
      assert.ok(backedUp.has(table), `migration ${version} creates table ${table}, and the backup does not carry it`);
      assert.ok(
        (backedUp.get(table) ?? 0) > 0,
        `table ${table} (migration ${version}) has no row in this test's court: give it one above, so the backup is shown to carry it`,
      );
    }
    assert.deepEqual([...backedUp.keys()].sort(), [...tablesOfTheMigrations().keys()].sort());
    assert.ok(backedUp.has('mail_outbox'));
    assert.equal(backup.database.schemaVersion, MIGRATIONS.at(-1)!.version);

    // Each hearing's record, anchored at its last entry as it stood.
    assert.deepEqual(
      new Map(backup.records.map((r: { hearingId: string; lastHash: string; held: boolean }) => [r.hearingId, r.held && r.lastHash])),
      before_.lastHashes,
    );

    // The recording: manifest, timestamps and CA copied and checked; the media listed, not copied.
    const [entry] = backup.recordings;
    assert.equal(backup.recordings.length, 1);
    assert.equal(entry.folder, recordingFolder);
    assert.equal(entry.recordingId, manifest.recordingId);
    assert.match(
      entry.checked,
      /manifest signed by key [0-9a-f]{16} and verified, \d+ checkpoint timestamp\(s\) and the final one verified; the recording key opens its data key; complete/,
    );
    assert.ok(entry.files.includes(`recordings/${recordingFolder}/manifest.json`));
    assert.ok(entry.files.some((f: string) => f.startsWith(`recordings/${recordingFolder}/timestamps/`)));
    const segments = manifest.tracks.reduce((n, t) => n + t.segments.length, 0);
    assert.ok(segments >= 4, `${segments} segments recorded`);
    assert.equal(entry.media.count, segments);
    const files = await filesUnder(plain());
    assert.equal(files.filter((f) => /segment-\d+/.test(f)).length, 0, 'no media segment is copied into the backup');
    assert.deepEqual(files.filter((f) => f !== 'backup.json').sort(), backup.files.map((f: { path: string }) => f.path).sort());
    assert.deepEqual(backup.secrets.map((s: { name: string; source: string; file?: string }) => [s.name, s.source, s.file !== undefined]).sort(), [
      ['court-signing-key', 'data-dir', true],
      ['identity-key', 'data-dir', true],
      ['minutes-signing-key', 'data-dir', true],
      ['recording-key', 'data-dir', true],
      ['token-secret', 'environment', false],
    ]);
    // Owner-only: the backup holds personal data and keys.
    assert.equal((await stat(plain())).mode & 0o777, 0o700);
    assert.equal((await stat(join(plain(), 'secrets', 'recording-key'))).mode & 0o777, 0o600);
    assert.match(await readFile(join(plain(), 'README.txt'), 'utf8'), /WHAT IT DOES NOT HOLD\n- The recordings' media/);
  });

  it('restores into an empty PostgreSQL database: every row the same, every record ending where it ended, minutes and recording verified with the restored keys', async () => {
    const database = await postgresBackend.open();
    cleanups.push(database.cleanup);
    const dataDir = join(root, 'restored-postgres');
    // The operator first copies the media back from the file-level backup of the recordings folder.
    assert.ok((await copyMediaBack(server.config.recording.dir, join(dataDir, 'recordings'))) >= 4);
    const env = {
      HEARING_ROOM_DATA_DIR: dataDir,
      HEARING_ROOM_DATABASE_URL: database.url,
      HEARING_ROOM_TOKEN_SECRET: TOKEN_SECRET,
      HEARING_ROOM_DEMO: 'false',
    };
    const restored = await command('server/restore-cli.ts', [plain()], env);
    assert.equal(restored.code, 0, said(restored));
    assert.match(restored.stdout, /all \d+ files match backup\.json/);
    assert.match(restored.stdout, /every chain holds and ends at the entry backed up; signed minutes verified: 1/);
    assert.match(restored.stdout, /Keys as the backed-up server used them: token-secret, identity-key, recording-key, minutes-signing-key, court-signing-key/);
    assert.match(restored.stdout, /Restored, and everything verified\./);
    restoredPostgres = { url: database.url, dataDir };

    assert.deepEqual(await everyRow(database.url), before_.rows, 'every row of every table, as the court had it');

    const store = await openStore(database.url);
    try {
      assert.deepEqual(store.appliedMigrations, [], 'the restored schema is current: a server starting on it migrates nothing');
      for (const [hearingId, lastHash] of before_.lastHashes) {
        const report = verifyChain(hearingId, await store.events.rawRows(hearingId));
        assert.ok(report.ok, JSON.stringify(report));
        assert.equal(report.lastHash, lastHash, `hearing ${hearingId} ends at the same entry`);
      }
    } finally {
      await store.close();
    }
    // verify-record, as the operator checks a hearing on the restored database.
    const checked = await command('record/cli.ts', ['verify', signed.hearing.id], env);
    assert.equal(checked.code, 0, said(checked));
    assert.ok(checked.stdout.includes(`with hash ${before_.lastHashes.get(signed.hearing.id)}`), checked.stdout);

    // The keys came back into the data folder, byte for byte; the recording verifies with them, decrypted.
    for (const file of ['recording-key', 'identity-key', GENERATED_MINUTES_KEY_FILE, GENERATED_COURT_KEY_FILE]) {
      assert.equal(await readFile(join(dataDir, file), 'utf8'), await readFile(join(server.dataDir, file), 'utf8'), file);
      assert.equal((await stat(join(dataDir, file))).mode & 0o777, 0o600);
    }
    const keys = {
      publicKeyPem: new MinutesSigner(await readFile(join(dataDir, GENERATED_MINUTES_KEY_FILE), 'utf8')).publicKeyPem,
      recordingKey: new RecordingKey((await readFile(join(dataDir, 'recording-key'), 'utf8')).trim()),
    };
    const folder = join(dataDir, 'recordings', recordingFolder);
    const alone = await verifyManifestOnly(folder, keys);
    assert.ok(alone.ok && alone.dataKeyOpens && alone.timestamps?.final, JSON.stringify(alone));
    const whole = await verifyRecording(folder, keys);
    assert.ok(whole.ok, JSON.stringify(whole));
    assert.equal(
      await readFile(join(folder, 'manifest.json'), 'utf8'),
      await readFile(join(server.config.recording.dir, recordingFolder, 'manifest.json'), 'utf8'),
    );
  });

  it('refuses a database that holds anything, naming what it holds, and leaves it as it is', async () => {
    assert.ok(restoredPostgres, 'the restore into PostgreSQL ran');
    const env = { HEARING_ROOM_DATA_DIR: restoredPostgres.dataDir, HEARING_ROOM_DATABASE_URL: restoredPostgres.url, HEARING_ROOM_TOKEN_SECRET: TOKEN_SECRET };
    const again = await command('server/restore-cli.ts', [plain()], env);
    assert.equal(again.code, 2, said(again));
    assert.match(again.stderr, /the target database is not empty \(authorities: 2 rows, /);
    assert.match(again.stderr, /hearing_events: \d+ rows, .*hearings: 4 rows, .*mail_outbox: 1 row, .*signed_minutes: 1 row\)/);
    assert.match(again.stderr, /Nothing was restored\./);
    assert.deepEqual(await everyRow(restoredPostgres.url), before_.rows);
  });

  it('refuses a backup with one file altered, naming the file, before touching any database', async () => {
    const altered = join(root, 'backup-altered');
    await cp(plain(), altered, { recursive: true });
    const file = join(altered, 'database', 'hearing_events.jsonl');
    const text = await readFile(file, 'utf8');
    // One character of one entry, the size unchanged: only the hash can tell.
    await writeFile(file, text.replace('the examination is completed', 'the examination is complete!'));
    assert.notEqual(await readFile(file, 'utf8'), text);
    const dataDir = join(root, 'restored-altered');
    const target = join(dataDir, 'hearing-room.sqlite');
    const refused = await command('server/restore-cli.ts', [altered], {
      HEARING_ROOM_DATA_DIR: dataDir,
      HEARING_ROOM_DATABASE_URL: `sqlite:${target}`,
      HEARING_ROOM_TOKEN_SECRET: TOKEN_SECRET,
    });
    assert.equal(refused.code, 2, said(refused));
    assert.match(refused.stderr, /database\/hearing_events\.jsonl has been altered: its SHA-256 is [0-9a-f]{64}, the manifest says [0-9a-f]{64}/);
    assert.match(refused.stderr, /Nothing was restored\./);
    assert.equal(existsSync(target), false, 'no database was created');
  });

  it('restores a backup written before the mail outbox’s migration, bringing its rows up to today’s schema as an upgrade would', async () => {
    // The backup as the code before that migration wrote it: the same court, without the tables from it on.
    const outbox = MIGRATIONS.find((m) => m.name === 'letters waiting for the mail relay')!;
    const later = [...tablesOfTheMigrations()].filter(([, version]) => version >= outbox.version).map(([table]) => table);
    assert.ok(later.includes('mail_outbox'));
    const older = join(root, 'backup-older');
    await cp(plain(), older, { recursive: true });
    const backup = JSON.parse(await readFile(join(older, 'backup.json'), 'utf8'));
    for (const table of later) await rm(join(older, 'database', `${table}.jsonl`));
    backup.database.schemaVersion = outbox.version - 1;
    backup.database.migrations = backup.database.migrations.filter((m: { version: number }) => m.version < outbox.version);
    backup.database.tables = backup.database.tables.filter((t: { name: string }) => !later.includes(t.name));
    backup.files = backup.files.filter((f: { path: string }) => !later.some((table) => f.path === `database/${table}.jsonl`));
    // Columns a later migration added to an older table were not there either: taken out of its file.
    for (const [table, column] of columnsAddedFrom(outbox.version)) {
      if (later.includes(table)) continue;
      const path = join(older, 'database', `${table}.jsonl`);
      const [head, ...rows] = (await readFile(path, 'utf8')).trimEnd().split('\n');
      const header = JSON.parse(head!) as { columns: string[] };
      const at = header.columns.indexOf(column);
      header.columns.splice(at, 1);
      const bytes = `${[JSON.stringify(header), ...rows.map((row) => JSON.stringify((JSON.parse(row) as unknown[]).filter((_, i) => i !== at)))].join('\n')}\n`;
      await writeFile(path, bytes);
      const entry = backup.files.find((f: { path: string }) => f.path === `database/${table}.jsonl`);
      Object.assign(entry, { size: Buffer.byteLength(bytes), sha256: createHash('sha256').update(bytes).digest('hex') });
      const described = backup.database.tables.find((t: { name: string }) => t.name === table);
      described.columns = described.columns.filter((c: { name: string }) => c.name !== column);
    }
    await writeFile(join(older, 'backup.json'), JSON.stringify(backup, null, 2));

    const dataDir = join(root, 'restored-older');
    await copyMediaBack(server.config.recording.dir, join(dataDir, 'recordings'));
    const target = `sqlite:${join(dataDir, 'hearing-room.sqlite')}`;
    const restored = await command('server/restore-cli.ts', [older], {
      HEARING_ROOM_DATA_DIR: dataDir,
      HEARING_ROOM_DATABASE_URL: target,
      HEARING_ROOM_TOKEN_SECRET: TOKEN_SECRET,
    });
    assert.equal(restored.code, 0, said(restored));
    const rows = await everyRow(target);
    const expected = new Map(before_.rows);
    for (const table of later) {
      assert.deepEqual(rows.get(table), [], `${table}, which a later migration adds, is there and empty, as an upgrade leaves it`);
      rows.delete(table);
      expected.delete(table);
    }
    assert.deepEqual(rows, expected);
    const store = await openStore(target);
    try {
      assert.deepEqual(store.appliedMigrations, [], 'every migration is recorded as applied: a server starting on it migrates nothing');
    } finally {
      await store.close();
    }
  });

  it('encrypts a backup under HEARING_ROOM_BACKUP_KEY, refuses it without that key, and restores it from PostgreSQL into SQLite with it', async () => {
    assert.ok(restoredPostgres, 'the restore into PostgreSQL ran');
    const backupKey = randomBytes(32).toString('base64');
    const encrypted = join(root, 'backup-encrypted');
    const postgresEnv = {
      HEARING_ROOM_DATA_DIR: restoredPostgres.dataDir,
      HEARING_ROOM_DATABASE_URL: restoredPostgres.url,
      HEARING_ROOM_TOKEN_SECRET: TOKEN_SECRET,
      HEARING_ROOM_DEMO: 'false',
    };
    const made = await command('server/backup-cli.ts', [encrypted], { ...postgresEnv, HEARING_ROOM_BACKUP_KEY: backupKey });
    assert.equal(made.code, 0, said(made));
    assert.match(made.stdout, /database \(postgres, schema version \d+\)/);
    assert.match(made.stdout, /encrypted with HEARING_ROOM_BACKUP_KEY/);
    assert.doesNotMatch(made.stderr, /WARNING/, 'the generated keys are in it, encrypted: nothing to warn about');
    // Nothing of the court reads in the clear: no name, no case, no key.
    const recordingKey = (await readFile(join(restoredPostgres.dataDir, 'recording-key'), 'utf8')).trim();
    for (const secret of ['Maria Rossi', 'PAR-2026-0417', 'y.benali@example.ca', recordingKey, 'BEGIN PRIVATE KEY']) {
      for (const file of await filesUnder(encrypted)) {
        assert.equal((await readFile(join(encrypted, file), 'latin1')).includes(secret), false, `"${secret}" is readable in ${file}`);
      }
    }
    assert.ok((await filesUnder(encrypted)).filter((f) => f !== 'backup.json' && f !== 'README.txt').every((f) => f.endsWith('.enc')));

    const dataDir = join(root, 'restored-sqlite');
    const target = join(dataDir, 'hearing-room.sqlite');
    const sqliteEnv = { HEARING_ROOM_DATA_DIR: dataDir, HEARING_ROOM_DATABASE_URL: `sqlite:${target}`, HEARING_ROOM_TOKEN_SECRET: TOKEN_SECRET };
    const [withoutKey, wrongKey] = await Promise.all([
      command('server/restore-cli.ts', [encrypted], sqliteEnv),
      command('server/restore-cli.ts', [encrypted], { ...sqliteEnv, HEARING_ROOM_BACKUP_KEY: randomBytes(32).toString('base64') }),
    ]);
    assert.equal(withoutKey.code, 2, said(withoutKey));
    assert.match(withoutKey.stderr, /this backup is encrypted \(key [0-9a-f]{16}\): set HEARING_ROOM_BACKUP_KEY/);
    assert.equal(wrongKey.code, 2, said(wrongKey));
    assert.match(wrongKey.stderr, /this backup is encrypted with key [0-9a-f]{16}; HEARING_ROOM_BACKUP_KEY is another key/);
    assert.equal(existsSync(target), false, 'no database was created');

    // Restored before the media is back: everything verifies but the recording, whose missing segments are named.
    const restored = await command('server/restore-cli.ts', [encrypted], { ...sqliteEnv, HEARING_ROOM_BACKUP_KEY: backupKey });
    assert.equal(restored.code, 1, said(restored));
    assert.match(restored.stdout, /every chain holds and ends at the entry backed up; signed minutes verified: 1/);
    assert.match(restored.stdout, /0 of \d+ media file\(s\) present and as listed; missing: [\w-]+-camera-\d+\/segment-00000\.webm\.enc/);
    assert.match(restored.stdout, /Restored, but 1 check\(s\) failed:\n {2}- recording [0-9a-f-]+ is not verified/);
    assert.deepEqual(await everyRow(`sqlite:${target}`), before_.rows, 'SQLite → PostgreSQL → SQLite, every row as the court had it');

    // The media copied back from the file-level backup, the recording verifies whole with the restored key.
    await copyMediaBack(server.config.recording.dir, join(dataDir, 'recordings'));
    const keyFile = join(dataDir, 'recording-key');
    const verified = await command('recording/cli.ts', [join(dataDir, 'recordings', recordingFolder), '--recording-key-file', keyFile], sqliteEnv);
    assert.equal(verified.code, 0, said(verified));
  });

  it('serves the hearings from the restored database as the court’s server did, to the links and passwords issued before', async () => {
    assert.ok(restoredPostgres, 'the restore into PostgreSQL ran');
    const restoredServer = await startTestServer({ env: { HEARING_ROOM_DATA_DIR: restoredPostgres.dataDir, HEARING_ROOM_DATABASE_URL: restoredPostgres.url } });
    try {
      const answers = await answersOf(restoredServer, signed, recorded, request);
      assert.deepEqual(answers, before_.answers);
      const keys = answers.publicKeys as { court: { pem: string }; requested: { pem: string } };
      assert.ok(verifyMinutes(answers.minutesJson, answers.minutesHeaders['x-minutes-signature']!, keys.court.pem), 'the judge’s signature verifies');
      assert.ok(verifyMinutes(answers.minutesJson, answers.minutesHeaders['x-minutes-countersignature']!, keys.requested.pem), 'the officer’s too');
      const letters = await restoredServer.store.mail.ofHearing(request.id);
      assert.deepEqual(
        letters.map((l) => [l.kind, l.state]),
        (await server.store.mail.ofHearing(request.id)).map((l) => [l.kind, l.state]),
        'the letters waiting for the relay wait still',
      );
    } finally {
      await restoredServer.close();
    }
  });
});
