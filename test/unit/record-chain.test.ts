/**
 * The record's chain as pure functions: the canonical encoding anyone can re-implement, and the
 * verifier's reading of every kind of tampering, on rows built in memory exactly as the store writes them.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GENESIS, canonicalJson, entryHash, sha256Hex, verifyChain } from '../../record/index.js';

const HEARING = '2f1b7c1e-3c55-4a43-9d1c-6f1f0c2b9a01';

interface Row {
  hearing_id: string;
  seq: number;
  at: string;
  actor_id: string | null;
  type: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/** Rows as the store writes them: numbered from 1, each chained to the one before. */
function chain(count: number, hearingId = HEARING): Row[] {
  const rows: Row[] = [];
  let prevHash = GENESIS;
  for (let seq = 1; seq <= count; seq++) {
    const content = {
      hearingId,
      seq,
      at: `2026-12-01T09:${String(seq).padStart(2, '0')}:00.000Z`,
      actorId: `p-${seq % 3}`,
      type: 'media.interrupted',
      data: { cause: `cause ${seq}` },
      prevHash,
    };
    const hash = entryHash(content);
    rows.push({
      hearing_id: hearingId,
      seq,
      at: content.at,
      actor_id: content.actorId,
      type: content.type,
      data: canonicalJson(content.data),
      prev_hash: prevHash,
      hash,
    });
    prevHash = hash;
  }
  return rows;
}

/** What an attacker with the database file does: rewrite a row's content and recompute its own hash. */
function rehash(row: Row): Row {
  const hash = entryHash({
    hearingId: row.hearing_id,
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    type: row.type,
    data: JSON.parse(row.data),
    prevHash: row.prev_hash,
  });
  return { ...row, hash };
}

describe('the canonical encoding', () => {
  it('sorts keys at every depth, writes no whitespace, and leaves out undefined properties', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, 'x', null, true], c: 'é' }, u: undefined }), '{"a":{"c":"é","d":[1,"x",null,true]},"b":1}');
  });

  it('writes numbers in their shortest round-trip form', () => {
    assert.equal(canonicalJson([1.5, 1e21, 0.1 + 0.2, -0, 100]), '[1.5,1e+21,0.30000000000000004,0,100]');
  });

  it('refuses values JSON cannot carry faithfully, naming where they are', () => {
    assert.throws(() => canonicalJson({ a: [1, Number.NaN] }), /\$\.a\[1\]: NaN has no JSON form/);
    assert.throws(() => canonicalJson({ when: new Date(0) }), /\$\.when: only plain objects/);
    assert.throws(() => canonicalJson([undefined]), /\$\[0\]: undefined/);
  });

  it('hashes an entry over exactly hearingId, seq, at, actorId, type, data and prevHash, as UTF-8', () => {
    const entry = { hearingId: 'h', seq: 1, at: '2026-01-01T00:00:00.000Z', actorId: null, type: 't', data: { z: 'ü', a: 1 }, prevHash: GENESIS };
    const text = `{"actorId":null,"at":"2026-01-01T00:00:00.000Z","data":{"a":1,"z":"ü"},"hearingId":"h","prevHash":"${GENESIS}","seq":1,"type":"t"}`;
    assert.equal(entryHash(entry), sha256Hex(Buffer.from(text, 'utf8')));
    assert.equal(entryHash({ ...entry, extra: 'ignored' } as typeof entry), entryHash(entry));
  });
});

describe('verifying a chain', () => {
  it('accepts an untouched chain and reports its length and last hash', () => {
    const rows = chain(5);
    assert.deepEqual(verifyChain(HEARING, rows), { ok: true, hearingId: HEARING, entries: 5, lastSeq: 5, lastHash: rows[4]!.hash });
    assert.deepEqual(verifyChain(HEARING, []), { ok: true, hearingId: HEARING, entries: 0, lastSeq: 0, lastHash: GENESIS });
  });

  it('names an entry whose data was altered', () => {
    const rows = chain(6);
    rows[3] = { ...rows[3]!, data: '{"cause":"nothing happened"}' };
    const report = verifyChain(HEARING, rows);
    assert.equal(report.ok, false);
    assert.deepEqual(!report.ok && report.problem, {
      seq: 4,
      kind: 'altered',
      message: 'entry 4 was altered: its content no longer matches the hash written with it',
    });
  });

  it('names an altered entry whose own hash was recomputed, through the entry chained after it', () => {
    const rows = chain(6);
    rows[2] = rehash({ ...rows[2]!, actor_id: 'someone-else' });
    const report = verifyChain(HEARING, rows);
    assert.equal(!report.ok && report.problem.seq, 3);
    assert.equal(!report.ok && report.problem.kind, 'altered');
    assert.match(!report.ok ? report.problem.message : '', /entry 3 is not the entry that entry 4 was chained to/);
  });

  it('names an entry whose link to the previous one was changed', () => {
    const rows = chain(4);
    rows[2] = { ...rows[2]!, prev_hash: 'f'.repeat(64) };
    const report = verifyChain(HEARING, rows);
    assert.deepEqual(!report.ok && report.problem, { seq: 3, kind: 'altered', message: 'entry 3 was altered: its link to entry 2 (prev_hash) was changed' });
  });

  it('names a removed entry, and a removal hidden by renumbering the entries after it', () => {
    const rows = chain(6);
    const gap = verifyChain(
      HEARING,
      rows.filter((r) => r.seq !== 3),
    );
    assert.deepEqual(!gap.ok && gap.problem, { seq: 3, kind: 'removed', message: 'entry 3 was removed: the record goes from entry 2 to entry 4' });

    const renumbered = rows.filter((r) => r.seq !== 3).map((r) => (r.seq > 3 ? { ...r, seq: r.seq - 1 } : r));
    const hidden = verifyChain(HEARING, renumbered);
    assert.deepEqual(!hidden.ok && hidden.problem, {
      seq: 3,
      kind: 'removed',
      message: 'entry 3 was removed: the entry now numbered 3 was written as entry 4',
    });

    const first = verifyChain(HEARING, rows.slice(1));
    assert.deepEqual(!first.ok && first.problem, { seq: 1, kind: 'removed', message: 'entry 1 was removed: the record goes from its start to entry 2' });
  });

  it('names two entries whose order was swapped, by number or by content', () => {
    const rows = chain(6);
    const bySeq = rows.map((r) => (r.seq === 3 ? { ...r, seq: 4 } : r.seq === 4 ? { ...r, seq: 3 } : r));
    const swapped = verifyChain(HEARING, bySeq);
    assert.equal(!swapped.ok && swapped.problem.kind, 'reordered');
    assert.equal(!swapped.ok && swapped.problem.seq, 3);

    const [third, fourth] = [rows[2]!, rows[3]!];
    const byContent = [...rows];
    byContent[2] = { ...third, at: fourth.at, actor_id: fourth.actor_id, type: fourth.type, data: fourth.data };
    byContent[3] = { ...fourth, at: third.at, actor_id: third.actor_id, type: third.type, data: third.data };
    const moved = verifyChain(HEARING, byContent);
    assert.deepEqual(!moved.ok && moved.problem, {
      seq: 3,
      kind: 'reordered',
      message: 'entries were reordered: entry 3 holds the content written as entry 4',
    });
  });

  it('names a forged entry inserted between two others, with or without a well-computed hash', () => {
    const rows = chain(5);
    const shifted = rows.map((r) => (r.seq >= 3 ? { ...r, seq: r.seq + 1 } : r));
    const forgedContent = {
      hearing_id: HEARING,
      seq: 3,
      at: rows[1]!.at,
      actor_id: 'p-1',
      type: 'oath.taken',
      data: '{"form":"oath","language":"fr","participantId":"p-1"}',
      prev_hash: rows[1]!.hash,
    };
    const wellForged = verifyChain(HEARING, [...shifted, rehash({ ...forgedContent, hash: '' })]);
    assert.deepEqual(!wellForged.ok && wellForged.problem, {
      seq: 3,
      kind: 'inserted',
      message: 'entry 3 was inserted: the entry now numbered 4 was written as entry 3',
    });

    const clumsy = verifyChain(HEARING, [...shifted, { ...forgedContent, hash: 'a'.repeat(64) }]);
    assert.deepEqual(!clumsy.ok && clumsy.problem, {
      seq: 3,
      kind: 'inserted',
      message: 'entry 3 was inserted: the entry now numbered 4 was written as entry 3',
    });
  });

  it('names a chain cut short or extended only against an anchor held elsewhere', () => {
    const rows = chain(6);
    assert.equal(verifyChain(HEARING, rows.slice(0, 4)).ok, true, 'a chain alone cannot see its end removed');
    const cut = verifyChain(HEARING, rows.slice(0, 4), { anchor: { seq: 6, hash: rows[5]!.hash } });
    assert.deepEqual(!cut.ok && cut.problem, {
      seq: 5,
      kind: 'removed',
      message: 'entries 5–6 were removed: the record ends at entry 4, but the anchor holds entry 6',
    });
    assert.equal(verifyChain(HEARING, rows, { anchor: { seq: 6, hash: rows[5]!.hash } }).ok, true);
  });

  it('reports the first problem when there are several', () => {
    const rows = chain(8);
    rows[6] = { ...rows[6]!, data: '{"cause":"later"}' };
    rows[1] = { ...rows[1]!, data: '{"cause":"earlier"}' };
    const report = verifyChain(
      HEARING,
      rows.filter((r) => r.seq !== 5),
    );
    assert.equal(!report.ok && report.problem.seq, 2);
  });

  it('names an entry that cannot even be read, or that belongs to another hearing', () => {
    const rows = chain(3);
    const unreadable = verifyChain(HEARING, [rows[0], { ...rows[1]!, data: 'not json' }, rows[2]]);
    assert.deepEqual(!unreadable.ok && unreadable.problem, { seq: 2, kind: 'altered', message: 'entry 2 was altered: its data is no longer a JSON object' });
    const foreign = verifyChain(HEARING, [rows[0], chain(2, 'another-hearing')[1], rows[2]]);
    assert.equal(!foreign.ok && foreign.problem.kind, 'inserted');
  });
});
