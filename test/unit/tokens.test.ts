import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import jwt from 'jsonwebtoken';
import type { Hearing, Participant } from '../../scheduling/index.js';
import { JoinTokens, UserError } from '../../signaling/index.js';
import { openStore, type Store } from '../../store/index.js';

const SECRET = 'a-secret-for-signing-join-links-0123456789';
const hour = 3600_000;

describe('join links', () => {
  let dir: string;
  let store: Store;
  let tokens: JoinTokens;
  let hearing: Hearing;
  let witness: Participant;
  const valid = () => ({ notBefore: new Date(Date.now() - 60_000), expiresAt: new Date(Date.now() + hour) });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hearing-room-tokens-'));
    store = await openStore(`sqlite:${join(dir, 'db.sqlite')}`);
    tokens = new JoinTokens(SECRET, store);
    hearing = await store.hearings.create({
      title: 'Hearing',
      caseReference: 'C-1',
      status: 'scheduled',
      scheduledStart: new Date().toISOString(),
      scheduledEnd: new Date(Date.now() + hour).toISOString(),
    });
    witness = await store.participants.create({ hearingId: hearing.id, displayName: 'W', role: 'person_heard', capacity: 'witness' });
  });
  after(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusedWith = async (promise: Promise<unknown>, code: string): Promise<UserError> => {
    try {
      await promise;
    } catch (error) {
      assert.ok(error instanceof UserError, `expected a UserError, got ${String(error)}`);
      assert.equal(error.code, code, error.message);
      return error;
    }
    assert.fail(`expected refusal ${code}`);
  };

  it('lets the named participant into the named hearing', async () => {
    const { token } = await tokens.issue(witness, valid());
    const verified = await tokens.verify(token, hearing.id);
    assert.equal(verified.participant.id, witness.id);
    assert.equal(verified.participant.role, 'person_heard');
    assert.equal(verified.hearing.id, hearing.id);
  });

  it('refuses an expired link and says when it expired', async () => {
    const { token } = await tokens.issue(witness, { notBefore: new Date(Date.now() - 2 * hour), expiresAt: new Date(Date.now() - hour) });
    const error = await refusedWith(tokens.verify(token, hearing.id), 'token_expired');
    assert.match(error.message, /expired at \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('opens the record, never the hearing, for 72 hours after the link expired, so minutes are signed after a hearing that ran over', async () => {
    const { token } = await tokens.issue(witness, { notBefore: new Date(Date.now() - 2 * hour), expiresAt: new Date(Date.now() - hour) });
    assert.equal((await tokens.verify(token, hearing.id, { forRecord: true })).participant.id, witness.id);
    await refusedWith(tokens.verify(token, hearing.id), 'token_expired');
    const old = await tokens.issue(witness, { notBefore: new Date(Date.now() - 80 * hour), expiresAt: new Date(Date.now() - 73 * hour) });
    await refusedWith(tokens.verify(old.token, hearing.id, { forRecord: true }), 'token_expired');
  });

  it('refuses a link before it opens and says when it opens', async () => {
    const { token } = await tokens.issue(witness, { notBefore: new Date(Date.now() + hour), expiresAt: new Date(Date.now() + 2 * hour) });
    const error = await refusedWith(tokens.verify(token, hearing.id), 'token_not_yet_valid');
    assert.match(error.message, /opens at/);
  });

  it('refuses a link whose payload was altered (the witness claiming to be the judge)', async () => {
    const { token } = await tokens.issue(witness, valid());
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    claims.role = 'presiding_judge';
    const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
    await refusedWith(tokens.verify(forged, hearing.id), 'token_invalid');
  });

  it('refuses an unsigned alg:none token', async () => {
    const { token } = await tokens.issue(witness, valid());
    const payload = token.split('.')[1];
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    await refusedWith(tokens.verify(`${header}.${payload}.`, hearing.id), 'token_invalid');
  });

  it('refuses a token signed with another key, even with the right claims', async () => {
    const { token } = await tokens.issue(witness, valid());
    const claims = jwt.decode(token) as jwt.JwtPayload;
    const resigned = jwt.sign(claims, 'another-secret-of-sufficient-length-000000', { algorithm: 'HS256' });
    await refusedWith(tokens.verify(resigned, hearing.id), 'token_invalid');
  });

  it('refuses a revoked link, while another link of the same person still works', async () => {
    const revoked = await tokens.issue(witness, valid());
    const kept = await tokens.issue(witness, valid());
    assert.equal(await store.tokens.revoke(revoked.tokenId, 'sent to a wrong address'), true);
    await refusedWith(tokens.verify(revoked.token, hearing.id), 'token_revoked');
    assert.equal((await tokens.verify(kept.token, hearing.id)).participant.id, witness.id);
  });

  it('refuses a link used on another hearing’s page', async () => {
    const { token } = await tokens.issue(witness, valid());
    const other = await store.hearings.create({
      title: 'Other',
      caseReference: 'C-2',
      status: 'scheduled',
      scheduledStart: new Date().toISOString(),
      scheduledEnd: new Date(Date.now() + hour).toISOString(),
    });
    const error = await refusedWith(tokens.verify(token, other.id), 'wrong_hearing');
    assert.doesNotMatch(error.message, /Other/, 'never names the other hearing');
  });

  it('refuses a well-signed token that the server never issued', async () => {
    const forged = jwt.sign({ hid: hearing.id, role: 'presiding_judge', nbf: Math.floor(Date.now() / 1000) - 60 }, SECRET, {
      algorithm: 'HS256',
      issuer: 'hearing-room',
      audience: 'hearing-room/join',
      subject: witness.id,
      jwtid: '7f1a1ed8-0c34-4a4f-9d1e-3a3c8fb7a001',
      expiresIn: 3600,
    });
    await refusedWith(tokens.verify(forged, hearing.id), 'token_invalid');
  });

  it('refuses every link of a hearing that is closed', async () => {
    const { token } = await tokens.issue(witness, valid());
    const closed = await store.hearings.create({
      title: 'Closed',
      caseReference: 'C-3',
      status: 'scheduled',
      scheduledStart: new Date().toISOString(),
      scheduledEnd: new Date(Date.now() + hour).toISOString(),
    });
    const person = await store.participants.create({ hearingId: closed.id, displayName: 'X', role: 'observer', capacity: null });
    const link = await tokens.issue(person, valid());
    await store.hearings.setStatus(closed.id, 'closed');
    await refusedWith(tokens.verify(link.token, closed.id), 'hearing_not_open');
    assert.ok(await tokens.verify(token, hearing.id));
  });

  it('refuses garbage in place of a token', async () => {
    await refusedWith(tokens.verify('not-a-token', hearing.id), 'token_invalid');
  });

  it('will not sign with a short secret', () => {
    assert.throws(() => new JoinTokens('short', store), /at least 32 characters/);
  });
});
