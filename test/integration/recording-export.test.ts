/**
 * The export package for the other state and the custody log, end to end on a real server (real
 * mediasoup, real ffmpeg, real SQLite), with the commands as an operator runs them:
 * - a hearing is recorded (time-stamped by a local RFC 3161 authority) and ended;
 * - `export-recording <hearing> <out> --recipient-key … --recipient …` writes the package, and the
 *   export is in the hearing's record with the operator account;
 * - the package, copied alone into an empty folder, verifies with the verifier alone, and with the
 *   recipient's private key every segment decrypts to the media in the manifest;
 * - a flipped byte, a segment deleted, or another recipient's key fails, naming the place;
 * - `verify-recording --record` on the stored recording adds the verification to the record, and the
 *   minutes page lists the custody entries;
 * - the verifier page checks the stored recordings for the presiding judge (not for the person heard),
 *   and the check is in the record with the judge as its actor;
 * - playback: the presiding judge gets each track decrypted and remuxed into one playable file (the
 *   clerk, who may verify, and the person heard may not), each fetch recorded with who, which track
 *   and what was listened to, and the file holds the whole recorded stream.
 */
import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { MinutesService, MinutesSigner, renderMinutesHtml } from '../../record/index.js';
import { Recording, RecordingKey, TimestampAuthority, type Manifest } from '../../recording/index.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startTestServer, type TestHearing, type TestServer } from '../support/server.js';
import { startLocalTsa, type LocalTsa } from '../support/tsa.js';

const run = promisify(execFile);

describe('export package for the other state, and the custody log', () => {
  let server: TestServer;
  let tsa: LocalTsa;
  let hearing: TestHearing;
  let manifest: Manifest;
  let root: string;
  let recordingDir: string;
  let env: NodeJS.ProcessEnv;
  const senders: ChildProcess[] = [];
  const recipient = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = (key: typeof recipient.publicKey | typeof recipient.privateKey) =>
    key.type === 'public' ? key.export({ format: 'pem', type: 'spki' }).toString() : key.export({ format: 'pem', type: 'pkcs8' }).toString();

  const cli = (script: string, args: string[]) => run('node', ['--import', 'tsx', script, ...args], { env });
  const failing = async (promise: Promise<unknown>): Promise<{ code?: number; stdout: string; stderr: string }> => {
    try {
      await promise;
    } catch (error) {
      return error as { code?: number; stdout: string; stderr: string };
    }
    assert.fail('the command should have failed');
  };

  before(async () => {
    server = await startTestServer();
    tsa = await startLocalTsa();
    root = await mkdtemp(join(tmpdir(), 'hearing-room-export-'));
    hearing = await server.hearingWith([
      { name: 'Judge Weber', role: 'presiding_judge' },
      { name: 'Witness Adeyemi', role: 'person_heard', capacity: 'witness' },
      { name: 'Clerk Novak', role: 'clerk' },
      { name: 'Officer Lefèvre', role: 'requested_officer' },
    ]);
    const hearingId = hearing.hearing.id;
    // The CLI reads the same settings as the server: the data folder holds the generated keys and the database.
    env = { ...process.env, HEARING_ROOM_DATA_DIR: server.dataDir, HEARING_ROOM_DEMO: 'false' };
    const media = await server.sfu.hearing(hearingId);
    const audio = await ffmpegProducer(media.router, 'audio', 44444444);
    const video = await ffmpegProducer(media.router, 'video', 55555555);
    senders.push(audio.ffmpeg, video.ffmpeg);
    recordingDir = join(server.dataDir, 'recordings', 'r1');
    const recording = await Recording.start(
      { dir: recordingDir, hearingId, legalBasis: 'Order of the court of 3 March', segmentSeconds: 2 },
      new MinutesSigner(server.config.minutesSigningKey),
      new RecordingKey(server.config.recordingKey),
      new TimestampAuthority({ url: tsa.url, caPem: tsa.caPem }),
    );
    const witness = hearing.people['Witness Adeyemi']!;
    await Promise.all([
      recording.addTrack({ router: media.router, producerId: audio.producer.id, participantId: witness.id, role: 'person_heard', source: 'microphone' }),
      recording.addTrack({ router: media.router, producerId: video.producer.id, participantId: witness.id, role: 'person_heard', source: 'camera' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    manifest = await recording.stop();
    await server.store.events.append(hearingId, { type: 'hearing.ended', actorId: hearing.people['Judge Weber']!.id, data: {} });
  });

  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    await tsa?.close();
    await server?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  let packageCopy: string;

  it('writes the package with the data key wrapped for the recipient, and records the export with who made it', async () => {
    const keyFile = join(root, 'recipient.pem');
    await writeFile(keyFile, pem(recipient.publicKey));
    const out = join(root, 'package');
    const made = await cli('recording/export-cli.ts', [hearing.hearing.id, out, '--recipient-key', keyFile, '--recipient', 'Tribunal judiciaire de Lyon']);
    assert.match(made.stdout, /1 recording\(s\).*data keys wrapped for Tribunal judiciaire de Lyon/);
    const files = await readdir(join(out, 'recordings', manifest.recordingId));
    assert.ok(files.includes('manifest.json') && files.includes('data-key.json') && files.includes('timestamps'), files.join(', '));
    const readme = await readFile(join(out, 'README.txt'), 'utf8');
    assert.match(readme, /wrapped with RSA-OAEP \(SHA-256\) for the key of Tribunal judiciaire de Lyon/);
    assert.ok((await readdir(join(out, 'minutes'))).includes('record.json'));
    // Nothing of the media in the clear, nor the data key.
    const dataKey = new RecordingKey(server.config.recordingKey).unwrap(manifest.encryption.dataKey, manifest.recordingId);
    const everything = await run('grep', ['-rl', '--', dataKey.toString('base64'), out]).catch(() => ({ stdout: '' }));
    assert.equal(everything.stdout, '');

    const events = await server.store.events.list(hearing.hearing.id);
    const exported = events.find((e) => e.type === 'recording.exported');
    assert.ok(exported, 'the export is in the record');
    assert.equal(exported.actorId, null);
    assert.deepEqual(
      { ...exported.data, operator: typeof exported.data.operator },
      {
        recordingId: manifest.recordingId,
        via: 'command',
        operator: 'string',
        recipient: 'Tribunal judiciaire de Lyon',
        decryptedMedia: false,
        manifestSha256: exported.data.manifestSha256,
      },
    );

    // Alone in an empty folder: only the package, and the verifier.
    const empty = await mkdtemp(join(tmpdir(), 'hearing-room-received-'));
    packageCopy = join(empty, 'package');
    await cp(out, packageCopy, { recursive: true });
    assert.deepEqual(await readdir(empty), ['package']);
  });

  it("verifies on its own, and with the recipient's private key decrypts every segment to the listed media", async () => {
    const authorityKey = join(root, 'authority.pem');
    await writeFile(authorityKey, new MinutesSigner(server.config.minutesSigningKey).publicKeyPem);
    const alone = await cli('recording/cli.ts', [packageCopy]);
    assert.match(alone.stdout, /The export package of hearing .* holds: 1 recording\(s\); no signed minutes; the hearing's record holds/);
    assert.match(alone.stdout, /Checked against the key the package carries/);
    assert.match(alone.stdout, /Time-stamped \d+ time\(s\) at checkpoints and at the end/);

    const privateKey = join(root, 'recipient-private.pem');
    await writeFile(privateKey, pem(recipient.privateKey));
    const opened = await cli('recording/cli.ts', [packageCopy, '--public-key', authorityKey, '--recipient-private-key', privateKey, '--json']);
    const report = JSON.parse(opened.stdout) as { ok: boolean; keyFromPackage: boolean; recordings: { decrypted: boolean; tracks: unknown[] }[] };
    assert.equal(report.ok, true);
    assert.equal(report.keyFromPackage, false);
    assert.equal(report.recordings[0]?.decrypted, true);
    assert.equal(report.recordings[0]?.tracks.length, 2);
  });

  it("fails naming the place when a byte is flipped, a segment deleted, or the key is another court's", async () => {
    const copy = async (name: string) => {
      const dir = join(root, name);
      await cp(packageCopy, dir, { recursive: true });
      return dir;
    };
    const track = manifest.tracks.find((t) => t.kind === 'video')!;
    const segment = (dir: string, i: number) => join(dir, 'recordings', manifest.recordingId, track.trackId, track.segments[i]!.file);

    const flipped = await copy('flipped');
    const bytes = await readFile(segment(flipped, 1));
    bytes[bytes.length >> 1]! ^= 0x10;
    await writeFile(segment(flipped, 1), bytes);
    const a = await failing(cli('recording/cli.ts', [flipped]));
    assert.equal(a.code, 1);
    assert.match(a.stdout, new RegExp(`changed \\(track ${track.trackId}, segment 1\\)`));

    const deleted = await copy('deleted');
    await unlink(segment(deleted, 0));
    const b = await failing(cli('recording/cli.ts', [deleted]));
    assert.match(b.stdout, new RegExp(`removed \\(track ${track.trackId}, segment 0\\)`));

    const strangerKey = join(root, 'stranger-private.pem');
    await writeFile(strangerKey, pem(stranger.privateKey));
    const c = await failing(cli('recording/cli.ts', [packageCopy, '--recipient-private-key', strangerKey]));
    assert.equal(c.code, 1);
    assert.match(c.stdout, /key \(track .*, segment 0\).*cannot be decrypted — the data key of recording .* is wrapped for another key/);
  });

  it('adds a verification on the server to the record, and the minutes page lists the custody', async () => {
    const keyFile = join(root, 'recording-key');
    await writeFile(keyFile, server.config.recordingKey);
    const checked = await cli('recording/cli.ts', [recordingDir, '--recording-key-file', keyFile, '--record']);
    assert.match(checked.stdout, /holds \(complete\): 2 tracks.*Every segment decrypts to the media the manifest lists/);
    const events = await server.store.events.list(hearing.hearing.id);
    const verified = events.find((e) => e.type === 'recording.verified');
    assert.deepEqual([verified?.data.holds, verified?.data.decrypted, verified?.data.via], [true, true, 'command']);

    const minutes = await new MinutesService({
      store: server.store,
      signers: { court: new MinutesSigner(server.config.courtSigningKey), requested: new MinutesSigner(server.config.minutesSigningKey) },
    }).current(hearing.hearing.id);
    assert.deepEqual(
      minutes.status.custody?.map((c) => c.what),
      [
        { kind: 'exported', recipient: 'Tribunal judiciaire de Lyon', decrypted: false },
        { kind: 'verified', holds: true, problem: null, decrypted: true },
      ],
    );
    assert.ok(minutes.status.custody?.[0]?.operator, 'the step taken on the command line names its operator');
    const html = renderMinutesHtml(minutes.minutes, minutes.status);
    assert.match(html, /Custody of the recording/);
    assert.match(html, /\(operator, on the server\) exported the recording for Tribunal judiciaire de Lyon/);
    assert.match(html, /verified the recording: it holds, media decrypted and checked/);
  });

  it('verifies the stored recordings on the page for the presiding judge only, and records who asked', async () => {
    const address = `${server.url}/hearings/${hearing.hearing.id}/recordings/verification`;
    const judge = hearing.people['Judge Weber']!;
    const witness = hearing.people['Witness Adeyemi']!;
    assert.equal((await fetch(address)).status, 401);
    const refused = await fetch(address, { headers: { authorization: `Bearer ${witness.token}` } });
    assert.equal(refused.status, 403);
    const page = await fetch(address, { headers: { authorization: `Bearer ${judge.token}`, accept: 'text/html' } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, new RegExp(`Holds — recording ${manifest.recordingId}`));
    assert.match(html, /Every segment decrypts to the media the manifest lists/);
    const json = (await (await fetch(address, { headers: { authorization: `Bearer ${judge.token}`, accept: 'application/json' } })).json()) as {
      recordings: { recordingId: string; holds: boolean }[];
    };
    assert.deepEqual(
      json.recordings.map((r) => [r.recordingId, r.holds]),
      [[manifest.recordingId, true]],
    );
    const checks = (await server.store.events.list(hearing.hearing.id)).filter((e) => e.type === 'recording.verified' && e.actorId === judge.id);
    assert.equal(checks.length, 2, 'each check by the page is in the record, with the judge as actor');
    assert.equal(checks[0]?.data.via, 'page');
  });

  it('plays each track for the presiding judge only: decrypted into one playable file, each fetch in the record', async () => {
    const judge = hearing.people['Judge Weber']!;
    const plan = `${server.url}/hearings/${hearing.hearing.id}/recordings/playback`;
    for (const who of ['Witness Adeyemi', 'Clerk Novak']) {
      const refused = await fetch(plan, { headers: { authorization: `Bearer ${hearing.people[who]!.token}` } });
      assert.equal(refused.status, 403, `${who} may not play the recording`);
    }
    assert.equal((await fetch(plan)).status, 401);
    const laidOut = (await (await fetch(plan, { headers: { authorization: `Bearer ${judge.token}` } })).json()) as {
      recordings: {
        recordingId: string;
        duration: number;
        tracks: { trackId: string; kind: string; segments: { mediaStart: number; duration: number; at: number }[] }[];
      }[];
    };
    const recording = laidOut.recordings[0]!;
    assert.equal(recording.recordingId, manifest.recordingId);
    assert.equal(recording.tracks.length, 2);
    assert.ok(recording.duration > 3, `the recording lasts ${recording.duration} s`);

    const video = recording.tracks.find((t) => t.kind === 'video')!;
    const mediaUrl = (trackId: string, query = '?channel=floor') =>
      `${server.url}/hearings/${hearing.hearing.id}/recordings/${manifest.recordingId}/tracks/${trackId}/media${query}`;
    const clerkTry = await fetch(mediaUrl(video.trackId), { headers: { authorization: `Bearer ${hearing.people['Clerk Novak']!.token}` } });
    assert.equal(clerkTry.status, 403);
    const badQuery = await fetch(mediaUrl(video.trackId, '?channel=../../etc'), { headers: { authorization: `Bearer ${judge.token}` } });
    assert.equal(badQuery.status, 400);
    assert.equal(((await badQuery.json()) as { field: string }).field, 'query.channel');
    assert.equal((await fetch(mediaUrl('no-such-track'), { headers: { authorization: `Bearer ${judge.token}` } })).status, 404);

    for (const track of recording.tracks) {
      const res = await fetch(mediaUrl(track.trackId), { headers: { authorization: `Bearer ${judge.token}` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('cache-control'), 'no-store');
      assert.equal(res.headers.get('content-type')?.split(';')[0], track.kind === 'video' ? 'video/webm' : 'audio/webm');
      const file = join(root, `played-${track.trackId}.webm`);
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      // Decoded to the end by ffmpeg: every frame of every segment is in the one file, in order.
      const probe = await run('ffprobe', [
        '-v',
        'error',
        '-count_frames',
        '-show_entries',
        'stream=codec_name,nb_read_frames:format=duration',
        '-of',
        'json',
        file,
      ]);
      const info = JSON.parse(probe.stdout) as { streams: { codec_name: string; nb_read_frames: string }[]; format: { duration: string } };
      assert.equal(info.streams[0]?.codec_name, track.kind === 'video' ? 'vp8' : 'opus');
      const listed = track.segments.reduce((sum, s) => sum + s.duration, 0);
      // At least what the manifest lists (its last segment ends at the recorder's last progress report, which lags).
      assert.ok(Number(info.format.duration) > listed - 0.5, `the file lasts ${info.format.duration} s, the segments ${listed} s`);
      track.segments.forEach((s, i) => {
        const expected = i === 0 ? 0 : track.segments[i - 1]!.mediaStart + track.segments[i - 1]!.duration;
        assert.ok(Math.abs(s.mediaStart - expected) < 1e-6, `segment ${i} begins at ${s.mediaStart} s of the file, after the one before (${expected} s)`);
      });
      assert.ok(Number(info.streams[0]?.nb_read_frames) > (track.kind === 'video' ? 10 : 100), `${info.streams[0]?.nb_read_frames} frames decode`);
    }

    // A media element asks for byte ranges, one to start and one for each seek: each is answered from
    // the track's playable file made once, decrypting only the chunks that hold the range.
    const made = server.playback.made;
    const whole = await readFile(join(root, `played-${video.trackId}.webm`));
    const ranged = async (range: string) => fetch(mediaUrl(video.trackId), { headers: { authorization: `Bearer ${judge.token}`, range } });
    const start = Math.floor(whole.length / 3);
    const end = Math.min(whole.length - 1, start + 70_000);
    for (const [range, from, to] of [
      ['bytes=0-99', 0, 99],
      [`bytes=${start}-${end}`, start, end],
      ['bytes=-500', whole.length - 500, whole.length - 1],
    ] as const) {
      const res = await ranged(range);
      assert.equal(res.status, 206, range);
      assert.equal(res.headers.get('accept-ranges'), 'bytes');
      assert.equal(res.headers.get('content-range'), `bytes ${from}-${to}/${whole.length}`, range);
      assert.ok(Buffer.from(await res.arrayBuffer()).equals(whole.subarray(from, to + 1)), `${range}: the bytes of the whole file at that place`);
    }
    const beyond = await ranged(`bytes=${whole.length}-`);
    assert.equal(beyond.status, 416, 'a range past the end is refused');
    assert.equal(beyond.headers.get('content-range'), `bytes */${whole.length}`);
    assert.equal(((await beyond.json()) as { field: string }).field, 'header.range');
    // A media element cannot send the token as a header: it carries a ticket for that track and channel alone.
    const ticketUrl = (trackId: string) => `${mediaUrl(trackId).replace('/media?', '/ticket?')}`;
    assert.equal(
      (await fetch(ticketUrl(video.trackId), { method: 'POST', headers: { authorization: `Bearer ${hearing.people['Clerk Novak']!.token}` } })).status,
      403,
      'the clerk gets no ticket',
    );
    const issued = (await (await fetch(ticketUrl(video.trackId), { method: 'POST', headers: { authorization: `Bearer ${judge.token}` } })).json()) as {
      url: string;
    };
    const byTicket = await fetch(`${server.url}${issued.url}`, { headers: { range: 'bytes=0-99' } });
    assert.equal(byTicket.status, 206, 'the ticket opens the track without the token');
    assert.ok(Buffer.from(await byTicket.arrayBuffer()).equals(whole.subarray(0, 100)));
    const audio = recording.tracks.find((t) => t.kind === 'audio')!;
    const elsewhere = await fetch(`${server.url}${issued.url.replace(video.trackId, audio.trackId)}`);
    assert.equal(elsewhere.status, 401, 'nor any other track');
    assert.equal(((await elsewhere.json()) as { field: string }).field, 'query.ticket');
    const forged = await fetch(`${server.url}${issued.url.replace(/ticket=([^&]+)/, (_m, t: string) => `ticket=${t.slice(0, -4)}AAAA`)}`);
    assert.equal(forged.status, 401, 'a changed ticket opens nothing');
    assert.equal(server.playback.made, made, 'no range request decrypted or remuxed the track again');
    // What the server keeps to serve ranges is ciphertext under a key only its memory holds: no playable media rests on disk.
    const kept = await readdir(join(server.config.dataDir, 'playback-cache'));
    assert.equal(kept.length, recording.tracks.length, kept.join(', '));
    for (const name of kept) {
      const head = (await readFile(join(server.config.dataDir, 'playback-cache', name))).subarray(0, 4);
      assert.notDeepEqual(head, Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), `${name} is not a WebM file in the clear`);
    }

    const played = (await server.store.events.list(hearing.hearing.id)).filter((e) => e.type === 'recording.played');
    assert.deepEqual(
      played.map((e) => [e.actorId, e.data.trackId, e.data.channel, e.data.via]).sort(),
      recording.tracks.map((t) => [judge.id, t.trackId, 'floor', 'page']).sort(),
      'each track viewed is in the record once, with the judge, the track and the channel, however many ranges were asked for',
    );
  });

  it('a protective order reserving her recording to the presiding judge takes her tracks from the officer at once, tickets included', async () => {
    const judge = hearing.people['Judge Weber']!;
    const officer = hearing.people['Officer Lefèvre']!;
    const witness = hearing.people['Witness Adeyemi']!;
    const plan = `${server.url}/hearings/${hearing.hearing.id}/recordings/playback`;
    const tracksFor = async (token: string) =>
      ((await (await fetch(plan, { headers: { authorization: `Bearer ${token}` } })).json()) as { recordings: { tracks: { trackId: string }[] }[] })
        .recordings[0]!.tracks;
    const before = await tracksFor(officer.token);
    assert.equal(before.length, 2, 'the officer answers for the taking of the evidence and may play it');
    const ticketUrl = `${server.url}/hearings/${hearing.hearing.id}/recordings/${manifest.recordingId}/tracks/${before[0]!.trackId}/ticket?channel=floor`;
    const issued = (await (await fetch(ticketUrl, { method: 'POST', headers: { authorization: `Bearer ${officer.token}` } })).json()) as { url: string };
    // The order as the record holds it (the hearing has ended; the court's order on its recording is recorded the same way).
    await server.store.events.append(hearing.hearing.id, {
      type: 'protection.set',
      actorId: judge.id,
      data: { participantId: witness.id, pseudonym: null, hideVideoFromObservers: false, audioOnly: false, restrictRecording: true },
    });
    assert.deepEqual(await tracksFor(officer.token), [], 'her tracks are no longer laid out for the officer');
    assert.equal((await tracksFor(judge.token)).length, 2, 'the presiding judge still has both');
    const refused = await fetch(ticketUrl, { method: 'POST', headers: { authorization: `Bearer ${officer.token}` } });
    assert.equal(refused.status, 403);
    assert.match(((await refused.json()) as { message: string }).message, /presiding judge only/);
    assert.equal(
      (await fetch(`${server.url}${issued.url}`, { headers: { range: 'bytes=0-99' } })).status,
      403,
      'a ticket issued before the order opens nothing',
    );
  });
});
