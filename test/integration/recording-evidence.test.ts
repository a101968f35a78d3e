/**
 * The recording's evidence holds against what a reviewer of it would try, with real mediasoup, real
 * ffmpeg and real files:
 * - a segment whose seal fails (simulated: its encrypted file already exists, so the exclusive create
 *   fails as a full disk would) leaves the recording going, the plaintext kept and the failure kept;
 * - plaintext media in the folder fails verification, naming the file, until `--seal-leftovers`
 *   encrypts it, lists it in leftovers.json and removes the plaintext;
 * - a write that fails mid-seal (a real EFBIG: the file size limit of a child process) rejects, removes
 *   the partial ciphertext, and the retry succeeds;
 * - export refuses a manifest whose id is a path, writing nothing outside its folder;
 * - a package verifies only with its own recordings of its own hearing, its record read and sealing
 *   every recording, and no undeclared decrypted media.
 */
import assert from 'node:assert/strict';
import { execFile, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { MinutesSigner } from '../../record/index.js';
import {
  MANIFEST_FILE,
  Recording,
  RecordingKey,
  SignedManifest,
  decryptFile,
  encryptFile,
  signedBytes,
  verifyRecording,
  type Manifest,
} from '../../recording/index.js';
import { CONTENTS_FILE, exportPackage } from '../../recording/export.js';
import { LEFTOVERS_FILE, sealLeftovers } from '../../recording/leftovers.js';
import { verifyPackage } from '../../recording/verify-package.js';
import type { Sfu } from '../../sfu/index.js';
import { ffmpegProducer } from '../support/rtp-producer.js';
import { startSfu } from '../support/sfu.js';

const run = promisify(execFile);

describe("the recording's evidence against tampering and failed seals", () => {
  let sfu: Sfu;
  let root: string;
  let dir: string;
  let otherDir: string;
  let manifest: Manifest;
  let other: Manifest;
  let trackId: string;
  let failures: Recording['sealFailures'];
  const senders: ChildProcess[] = [];
  const signer = new MinutesSigner(generateKeyPairSync('ed25519').privateKey);
  const keyText = randomBytes(32).toString('hex');
  const recordingKey = new RecordingKey(keyText);

  before(async () => {
    sfu = await startSfu(1);
    root = await mkdtemp(join(tmpdir(), 'hearing-room-evidence-'));
    const media = await sfu.hearing('hearing-a');
    const audio = await ffmpegProducer(media.router, 'audio', 33333333);
    senders.push(audio.ffmpeg);
    dir = join(root, 'a');
    const recording = await Recording.start(
      { dir, hearingId: 'hearing-a', legalBasis: 'Order of the court of 3 March', segmentSeconds: 1 },
      signer,
      recordingKey,
    );
    trackId = await recording.addTrack({
      router: media.router,
      producerId: audio.producer.id,
      participantId: 'witness-1',
      role: 'person_heard',
      source: 'microphone',
    });
    // Simulated disk failure: segment 1's encrypted file is already there, so sealing it fails.
    await writeFile(join(dir, trackId, 'segment-00001.webm.enc'), 'in the way');
    await new Promise((resolve) => setTimeout(resolve, 3500));
    manifest = await recording.stop();
    failures = recording.sealFailures;
    // A genuine recording of another hearing, validly signed by the same authority.
    otherDir = join(root, 'b');
    other = await (
      await Recording.start({ dir: otherDir, hearingId: 'hearing-b', legalBasis: 'Order of the court of 4 March', segmentSeconds: 1 }, signer, recordingKey)
    ).stop();
  });

  after(async () => {
    for (const sender of senders) sender.kill('SIGKILL');
    sfu?.close();
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('goes on recording when a segment cannot be sealed, keeping its plaintext and the failure', async () => {
    assert.equal(manifest.status, 'complete');
    assert.deepEqual(
      failures.map((f) => [f.trackId, f.file]),
      [[trackId, 'segment-00001.webm']],
    );
    assert.match(failures[0]!.message, /EEXIST/);
    assert.ok(manifest.tracks[0]!.segments.length >= 2, 'segments after the failed one are sealed and signed');
    assert.ok((await readdir(join(dir, trackId))).includes('segment-00001.webm'), 'the plaintext is kept');
  });

  it('fails verification naming plaintext media, until the leftovers are sealed', async () => {
    const before = await verifyRecording(dir, { publicKeyPem: signer.publicKeyPem });
    assert.equal(before.ok, false);
    assert.ok(!before.ok);
    assert.equal(before.problem.kind, 'plaintext');
    assert.match(before.problem.message, new RegExp(`${trackId}/segment-00001\\.webm is media in the clear`));

    const sealed = await sealLeftovers(dir, recordingKey);
    assert.deepEqual(
      sealed.map((l) => [l.trackId, l.file, l.index]),
      [[trackId, 'segment-00001.webm.enc', 1]],
    );
    const files = await readdir(join(dir, trackId));
    assert.ok(!files.some((f) => /\.(webm|mkv)$/.test(f)), `no plaintext left: ${files.join(', ')}`);
    const after = await verifyRecording(dir, { publicKeyPem: signer.publicKeyPem, recordingKey });
    assert.ok(after.ok, JSON.stringify(after));
    assert.deepEqual(after.unsigned, [`${trackId}/segment-00001.webm.enc (sealed after a crash, listed in leftovers.json)`]);
    // The leftover opens with the recording's key to the media that was left.
    const dataKey = recordingKey.unwrap(manifest.encryption.dataKey, manifest.recordingId);
    const media = await decryptFile(
      join(dir, trackId, 'segment-00001.webm.enc'),
      dataKey,
      { recordingId: manifest.recordingId, trackId, index: 1 },
      manifest.encryption.chunkBytes,
    );
    assert.equal(media.sha256, sealed[0]!.plaintext.sha256);

    const edited = join(root, 'leftover-edited');
    await cp(dir, edited, { recursive: true });
    await writeFile(join(edited, trackId, 'segment-00001.webm.enc'), 'another file');
    const changed = await verifyRecording(edited, { publicKeyPem: signer.publicKeyPem });
    assert.ok(!changed.ok && changed.problem.kind === 'changed', JSON.stringify(changed));
  });

  it('seals through the command: verify-recording --seal-leftovers', async () => {
    const crashed = join(root, 'crashed');
    await cp(dir, crashed, { recursive: true });
    await writeFile(join(crashed, trackId, 'segment-00099.webm'), randomBytes(1000));
    const keyFile = join(root, 'recording-key');
    await writeFile(keyFile, keyText);
    const refused = await run('node', ['--import', 'tsx', 'recording/cli.ts', crashed]).catch((error: { code: number; stdout: string }) => error);
    assert.equal((refused as { code?: number }).code, 1);
    assert.match((refused as { stdout: string }).stdout, /plaintext .*segment-00099\.webm is media in the clear/);
    const done = await run('node', ['--import', 'tsx', 'recording/cli.ts', crashed, '--seal-leftovers', '--recording-key-file', keyFile]);
    assert.match(done.stdout, /Sealed 1 leftover\(s\).*holds/s);
    assert.ok((await readFile(join(crashed, LEFTOVERS_FILE), 'utf8')).includes('segment-00099.webm.enc'));
  });

  it('removes a ciphertext cut short by a failing write (EFBIG under a file size limit), so the retry succeeds', async () => {
    const source = join(root, 'big.webm');
    await writeFile(source, randomBytes(2 * 1024 * 1024));
    const target = join(root, 'big.webm.enc');
    const key = randomBytes(32).toString('hex');
    // A real write error: the child may write 256 KiB per file, the segment needs 2 MiB.
    const script = `import { encryptFile } from './recording/encryption.ts';
      try { await encryptFile(${JSON.stringify(source)}, ${JSON.stringify(target)}, Buffer.from('${key}', 'hex'), { recordingId: 'r', trackId: 't', index: 0 }); console.log('written'); }
      catch (error) { console.log('refused', error.code); }`;
    const child = await run('bash', ['-c', `ulimit -f 256 && exec node --import tsx --input-type=module -e "$0"`, script]);
    assert.match(child.stdout, /refused EFBIG/);
    await assert.rejects(stat(target), /ENOENT/, 'the partial ciphertext is gone');
    assert.equal((await stat(source)).size, 2 * 1024 * 1024, 'the plaintext is untouched');
    const retried = await encryptFile(source, target, Buffer.from(key, 'hex'), { recordingId: 'r', trackId: 't', index: 0 });
    assert.equal(retried.plaintext.size, 2 * 1024 * 1024);
  });

  it('refuses to export a manifest whose id is a path, writing nothing outside its folder', async () => {
    const forged = join(root, 'forged');
    await cp(otherDir, forged, { recursive: true });
    const signed = SignedManifest.parse(JSON.parse(await readFile(join(forged, MANIFEST_FILE), 'utf8')));
    const evil = { ...signed.manifest, recordingId: '../../x', hearingId: 'hearing-a' };
    // Even signed by the authority, the id cannot be a path.
    await writeFile(
      join(forged, MANIFEST_FILE),
      JSON.stringify({ manifest: evil, signature: { ...signed.signature, ...signer.sign(signedBytes(evil as Manifest)) } }),
    );
    const out = join(root, 'out', 'package');
    await assert.rejects(
      exportPackage({ hearingId: 'hearing-a', recordings: [forged], out, authorityPublicKeyPem: signer.publicKeyPem }),
      /is not exported: .*recordingId must be a recording id/,
    );
    assert.deepEqual(await readdir(join(root, 'out')), ['package']);
    await assert.rejects(stat(join(root, 'x')), /ENOENT/);
    await assert.rejects(stat(join(out, 'x')), /ENOENT/);

    // An id that is well formed, in a manifest the authority did not sign, is refused too.
    const unsigned = join(root, 'unsigned');
    await cp(otherDir, unsigned, { recursive: true });
    await writeFile(join(unsigned, MANIFEST_FILE), JSON.stringify({ manifest: { ...signed.manifest, hearingId: 'hearing-a' }, signature: signed.signature }));
    await assert.rejects(
      exportPackage({ hearingId: 'hearing-a', recordings: [unsigned], out: join(root, 'out2'), authorityPublicKeyPem: signer.publicKeyPem }),
      /is not exported: .*signature/,
    );
  });

  it('verifies a package only with its own recordings of its own hearing, its record read, sealed and no undeclared media', async () => {
    const good = join(root, 'package');
    await exportPackage({ hearingId: 'hearing-a', recordings: [dir], out: good, authorityPublicKeyPem: signer.publicKeyPem });
    const holds = await verifyPackage(good, { publicKeyPem: signer.publicKeyPem });
    assert.ok(holds.ok, JSON.stringify(holds));
    const otherPackage = join(root, 'package-b');
    await exportPackage({ hearingId: 'hearing-b', recordings: [otherDir], out: otherPackage, authorityPublicKeyPem: signer.publicKeyPem });

    const copy = async (name: string) => {
      const copied = join(root, name);
      await cp(good, copied, { recursive: true });
      return copied;
    };
    const problem = async (pkg: string) => {
      const report = await verifyPackage(pkg, { publicKeyPem: signer.publicKeyPem });
      assert.ok(!report.ok, `${pkg} must not verify`);
      return report.problem.message;
    };

    // Another hearing's genuine recording under this recording's folder name.
    const swapped = await copy('swapped');
    await rm(join(swapped, 'recordings', manifest.recordingId), { recursive: true });
    await cp(join(otherPackage, 'recordings', other.recordingId), join(swapped, 'recordings', manifest.recordingId), { recursive: true });
    assert.match(await problem(swapped), new RegExp(`is the manifest of recording ${other.recordingId}`));

    // The same, listed under its own id in an edited contents.json.
    const relisted = await copy('relisted');
    await rm(join(relisted, 'recordings', manifest.recordingId), { recursive: true });
    await cp(join(otherPackage, 'recordings', other.recordingId), join(relisted, 'recordings', other.recordingId), { recursive: true });
    const contents = JSON.parse(await readFile(join(relisted, CONTENTS_FILE), 'utf8')) as { recordings: { recordingId: string; manifestSha256: string }[] };
    contents.recordings = [{ recordingId: other.recordingId, manifestSha256: contents.recordings[0]!.manifestSha256 }];
    await writeFile(join(relisted, CONTENTS_FILE), JSON.stringify(contents));
    assert.match(await problem(relisted), /is a recording of hearing hearing-b, not of hearing-a/);

    // A record that does not parse is named, not skipped.
    const badRecord = await copy('bad-record');
    await mkdir(join(badRecord, 'minutes'), { recursive: true });
    await writeFile(join(badRecord, 'minutes', 'record.json'), JSON.stringify({ format: 'something else', entries: [] }));
    assert.match(await problem(badRecord), /minutes\/record\.json is not a hearing's record/);

    // A record that holds but does not seal the recording.
    const unsealed = await copy('unsealed');
    await mkdir(join(unsealed, 'minutes'), { recursive: true });
    await writeFile(
      join(unsealed, 'minutes', 'record.json'),
      JSON.stringify({ format: 'hearing-room/record-export@1', hearingId: 'hearing-a', exportedAt: new Date().toISOString(), entries: [] }),
    );
    assert.match(await problem(unsealed), new RegExp(`does not seal recording ${manifest.recordingId}`));

    // Decrypted media the package does not declare.
    const undeclared = await copy('undeclared');
    await mkdir(join(undeclared, 'decrypted', manifest.recordingId), { recursive: true });
    await writeFile(join(undeclared, 'decrypted', manifest.recordingId, 'anything.webm'), 'media');
    assert.match(await problem(undeclared), /decrypted\/ holds media, but contents\.json says the package carries none/);
  });
});
