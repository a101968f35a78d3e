/**
 * RFC 3161 timestamps on a recording: proof from a third party, the time-stamping authority (TSA),
 * that the recording stood as it stands at a given time.
 *
 * What is stamped:
 * - at each checkpoint (at most once per segment length, one request at a time), a *checkpoint
 *   statement*: the canonical JSON of { format, hearingId, recordingId, tracks: [{ chainHash,
 *   segments, trackId }] }, each track's chain head at that moment. A chain hash commits to every
 *   segment before it, so the statement pins the signed manifest's segments up to that point, and the
 *   final manifest can be checked against it without keeping every earlier manifest;
 * - at the end, the SHA-256 of the final manifest's signed bytes (the `sha256` of its signature).
 *
 * Each reply is stored beside the manifest, in `timestamps/`: `checkpoint-00001.json` with
 * `checkpoint-00001.tsr`, …, and `final.tsr`; the TSA's CA certificate, which the tokens are verified
 * against, as `tsa-ca.pem`. The tokens are themselves covered by the authority's signature, so that
 * removing one is detected: each signed manifest lists the checkpoint tokens kept so far (name and
 * SHA-256), and `final.json`, signed once the final token is kept (or could not be had), names the
 * final manifest and the final token's SHA-256, or why there is none. The request is built here (its DER is small: version 1, the SHA-256
 * message imprint, a random nonce, certReq true) and the reply is checked for its status and nonce
 * before it is kept; the token's signature is verified with `openssl ts -verify`.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { canonicalJson, sha256Hex } from '../record/index.js';
import type { Manifest } from './manifest.js';

const run = promisify(execFile);

export const TIMESTAMPS_DIR = 'timestamps';
export const TSA_CA_FILE = 'tsa-ca.pem';
export const FINAL_TOKEN = 'final.tsr';
export const CHECKPOINT_FORMAT = 'hearing-room.recording-checkpoint/1';
export const FINAL_STATEMENT = 'final.json';
export const FINAL_FORMAT = 'hearing-room.recording-final-timestamp/1';

/** What `final.json` states, signed: the final manifest, and the final token on it or why there is none. */
export const FinalTimestampStatement = z.object({
  format: z.literal(FINAL_FORMAT),
  recordingId: z.string().min(1).max(100),
  manifestSha256: z.string().regex(/^[0-9a-f]{64}$/),
  token: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
  failure: z.string().max(500).optional(),
});
export type FinalTimestampStatement = z.infer<typeof FinalTimestampStatement>;

export const SignedFinalTimestamp = z.object({
  statement: FinalTimestampStatement,
  signature: z.object({ algorithm: z.literal('Ed25519'), sha256: z.string(), signature: z.string().min(1), keyId: z.string(), publicKeyPem: z.string() }),
});

/** SHA-256's object identifier, 2.16.840.1.101.3.4.2.1, DER-encoded. */
const SHA256_OID = Buffer.from('0609608648016503040201', 'hex');

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n >>= 8) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, content: Buffer): Buffer {
  return Buffer.concat([Buffer.from([tag]), derLength(content.length), content]);
}

/** A positive DER INTEGER from big-endian bytes (a leading zero when the top bit is set). */
function derPositiveInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return der(0x02, (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

/**
 * TimeStampReq ::= SEQUENCE { version INTEGER (1), messageImprint SEQUENCE { hashAlgorithm
 * AlgorithmIdentifier (sha256, NULL), hashedMessage OCTET STRING }, nonce INTEGER, certReq BOOLEAN TRUE }
 */
export function timeStampRequest(sha256: string, nonce: Buffer): Buffer {
  const digest = Buffer.from(sha256, 'hex');
  if (digest.length !== 32) throw new Error('the message imprint must be a SHA-256 digest');
  const algorithm = der(0x30, Buffer.concat([SHA256_OID, Buffer.from([0x05, 0x00])]));
  const imprint = der(0x30, Buffer.concat([algorithm, der(0x04, digest)]));
  return der(0x30, Buffer.concat([der(0x02, Buffer.from([1])), imprint, derPositiveInteger(nonce), Buffer.from([0x01, 0x01, 0xff])]));
}

/** The PKIStatus at the head of a TimeStampResp: 0 granted, 1 granted with modifications, else refused. */
export function replyStatus(reply: Buffer): number {
  // TimeStampResp ::= SEQUENCE { status PKIStatusInfo ::= SEQUENCE { status INTEGER, ... }, token ... }
  let at = 0;
  const header = (tag: number): number => {
    if (reply[at] !== tag) throw new Error('the reply is not a TimeStampResp');
    at++;
    const first = reply[at++]!;
    if (first < 0x80) return first;
    const count = first & 0x7f;
    let length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + reply[at++]!;
    return length;
  };
  header(0x30);
  header(0x30);
  const length = header(0x02);
  if (length < 1 || length > 4 || at + length > reply.length) throw new Error("the reply's status is malformed");
  return reply.readIntBE(at, length);
}

export const CheckpointStatement = z.object({
  format: z.literal(CHECKPOINT_FORMAT),
  recordingId: z.string().min(1).max(200),
  hearingId: z.string().min(1).max(200),
  tracks: z.array(z.object({ trackId: z.string().min(1).max(100), segments: z.number().int().min(0), chainHash: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type CheckpointStatement = z.infer<typeof CheckpointStatement>;

export function checkpointStatement(manifest: Manifest): CheckpointStatement {
  return {
    format: CHECKPOINT_FORMAT,
    recordingId: manifest.recordingId,
    hearingId: manifest.hearingId,
    tracks: manifest.tracks
      .filter((t) => t.segments.length > 0)
      .map((t) => ({ trackId: t.trackId, segments: t.segments.length, chainHash: t.segments.at(-1)!.chainHash })),
  };
}

export interface TimestampAuthorityOptions {
  /** The TSA's address (HTTP POST of application/timestamp-query). */
  url: string;
  /** The CA certificate the TSA's certificate chains to, PEM: kept with each recording for its verifiers. */
  caPem: string;
  /** How long one request may take. */
  timeoutMs?: number;
}

/** A time-stamping authority reached over HTTP. */
export class TimestampAuthority {
  constructor(readonly options: TimestampAuthorityOptions) {}

  /** Asks for a token on this SHA-256; resolves to the whole reply, checked for its status and nonce. */
  async stamp(sha256: string): Promise<Buffer> {
    const nonce = randomBytes(8);
    const request = timeStampRequest(sha256, nonce);
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query' },
      body: new Uint8Array(request),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 10000),
    });
    if (!response.ok) throw new Error(`the time-stamping authority answered ${response.status}`);
    const reply = Buffer.from(await response.arrayBuffer());
    const status = replyStatus(reply);
    if (status !== 0 && status !== 1) throw new Error(`the time-stamping authority refused the request (status ${status})`);
    // The nonce must come back as sent: a replayed reply would not carry it.
    const nonceDer = derPositiveInteger(nonce);
    if (reply.indexOf(nonceDer) < 0) throw new Error("the time-stamping authority's reply does not carry the request's nonce");
    return reply;
  }
}

/**
 * Takes a recording's timestamps as it goes: `checkpointed` after each signed manifest (one request at
 * a time, at most one per `minIntervalMs`, always the newest state), `final` once at the end. A TSA
 * that cannot be reached costs a timestamp, never the recording: failures are counted and reported.
 */
export class RecordingTimestamps {
  private inFlight: Promise<void> = Promise.resolve();
  private pending: Manifest | undefined;
  private lastAt = 0;
  private count = 0;
  private busy = false;
  failures: string[] = [];
  /** The checkpoint tokens kept so far, as the next signed manifest lists them. */
  readonly tokens: { name: string; sha256: string }[] = [];

  constructor(
    private readonly authority: TimestampAuthority,
    private readonly dir: string,
    private readonly minIntervalMs: number,
  ) {}

  async prepare(): Promise<void> {
    await mkdir(join(this.dir, TIMESTAMPS_DIR), { recursive: true });
    await writeFile(join(this.dir, TIMESTAMPS_DIR, TSA_CA_FILE), this.authority.options.caPem, { mode: 0o640 });
  }

  checkpointed(manifest: Manifest): void {
    if (manifest.tracks.every((t) => t.segments.length === 0)) return;
    this.pending = manifest;
    if (this.busy) return;
    this.busy = true;
    this.inFlight = this.drain().finally(() => {
      this.busy = false;
    });
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const wait = this.lastAt + this.minIntervalMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      // The end may have come while waiting: the final stamp covers it.
      const manifest = this.pending;
      if (!manifest) break;
      this.pending = undefined;
      this.lastAt = Date.now();
      const statement = canonicalJson(checkpointStatement(manifest));
      try {
        const reply = await this.authority.stamp(sha256Hex(statement));
        const name = `checkpoint-${String(++this.count).padStart(5, '0')}`;
        await writeFile(join(this.dir, TIMESTAMPS_DIR, `${name}.json`), statement, { mode: 0o640 });
        await this.keep(`${name}.tsr`, reply);
        this.tokens.push({ name, sha256: sha256Hex(reply) });
      } catch (error) {
        this.failures.push((error as Error).message);
      }
    }
  }

  /** A token is written by rename, after its statement: a crash never leaves half a token. */
  private async keep(name: string, reply: Buffer): Promise<void> {
    const file = join(this.dir, TIMESTAMPS_DIR, name);
    await writeFile(`${file}.tmp`, reply, { mode: 0o640 });
    await rename(`${file}.tmp`, file);
  }

  /** Waits for a checkpoint being stamped, and stamps no more: the final manifest then lists every token. */
  async settle(): Promise<void> {
    this.pending = undefined;
    await this.inFlight;
  }

  /**
   * Stamps the final manifest's hash (after any checkpoint still being stamped), and signs with `sign`
   * (the authority's key) what became of it: the token's SHA-256, or why there is none.
   */
  async final(recordingId: string, manifestSha256: string, sign: (bytes: string) => z.infer<typeof SignedFinalTimestamp>['signature']): Promise<void> {
    this.pending = undefined;
    await this.inFlight;
    let token: FinalTimestampStatement['token'] = null;
    let failure: string | undefined;
    try {
      const reply = await this.authority.stamp(manifestSha256);
      await this.keep(FINAL_TOKEN, reply);
      token = { sha256: sha256Hex(reply) };
    } catch (error) {
      failure = (error as Error).message.slice(0, 500);
      this.failures.push(failure);
    }
    const statement: FinalTimestampStatement = { format: FINAL_FORMAT, recordingId, manifestSha256, token, ...(failure === undefined ? {} : { failure }) };
    const signed = { statement, signature: sign(canonicalJson(statement)) };
    const file = join(this.dir, TIMESTAMPS_DIR, FINAL_STATEMENT);
    await writeFile(`${file}.tmp`, `${JSON.stringify(signed, null, 2)}\n`, { mode: 0o640 });
    await rename(`${file}.tmp`, file);
  }
}

export interface TokenCheck {
  ok: boolean;
  /** The time the authority put in the token, as openssl prints it. */
  time?: string;
  message: string;
}

/** Verifies a stored reply with `openssl ts -verify`: the authority's signature chains to `caFile`, and its imprint is `sha256`. */
export async function verifyToken(replyFile: string, sha256: string, caFile: string): Promise<TokenCheck> {
  try {
    await run('openssl', ['ts', '-verify', '-digest', sha256, '-in', replyFile, '-CAfile', caFile]);
  } catch (error) {
    const detail =
      ((error as { stderr?: string }).stderr ?? (error as Error).message).split('\n').find((l) => /error|failure|mismatch/i.test(l)) ?? 'openssl refused it';
    return { ok: false, message: detail.trim() };
  }
  const { stdout } = await run('openssl', ['ts', '-reply', '-in', replyFile, '-text']);
  const time = /Time stamp: (.+)/.exec(stdout)?.[1]?.trim();
  return { ok: true, ...(time === undefined ? {} : { time }), message: 'verified' };
}

/** Reads a checkpoint statement from its file; undefined if it is not one. */
export async function readCheckpointStatement(file: string): Promise<{ statement: CheckpointStatement; sha256: string } | undefined> {
  const text = await readFile(file, 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = CheckpointStatement.safeParse(json);
  return parsed.success ? { statement: parsed.data, sha256: sha256Hex(text) } : undefined;
}
