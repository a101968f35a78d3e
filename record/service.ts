/**
 * The minutes' life after the hearing, in the order the procedure asks for it:
 *   1. the requested-state officer makes her statement for the minutes (identification, fundamental
 *      principles: MLA 2000 Art. 10(5)(a)) — `officer.statement`;
 *   2. the presiding judge signs them with the court's key — `minutes.signed`, the signed bytes kept
 *      as a copy in the database;
 *   3. the officer countersigns the same bytes with her authority's key — `minutes.countersigned`,
 *      the signature in the entry itself, so the record alone carries both;
 *   4. the officer transmits them to the requesting authority — `minutes.transmitted`.
 * Each step is an entry of the record, so the chain shows who signed which minutes (by their SHA-256)
 * and where they were sent. Both signatures verify with the two public keys alone.
 */
import type { Participant } from '../scheduling/index.js';
import type { HearingEvent, Store } from '../store/index.js';
import { sha256Hex } from './chain.js';
import { generateMinutes, minutesJson, type Minutes, type Sites } from './minutes.js';
import type { CustodyEntry, MinutesStatus } from './minutes-html.js';
import { keyNamed, verifyMinutes, type MinutesSigner, type MinutesSignature } from './signing.js';

export class MinutesError extends Error {
  override name = 'MinutesError';
  constructor(
    readonly code:
      | 'hearing_not_found'
      | 'hearing_not_ended'
      | 'minutes_changed'
      | 'statement_missing'
      | 'already_signed'
      | 'not_signed'
      | 'not_countersigned'
      | 'minutes_copy_missing'
      | 'minutes_copy_invalid',
    message: string,
  ) {
    super(message);
  }
}

export interface CurrentMinutes {
  minutes: Minutes;
  /** The exact bytes: signed ones when signed, freshly generated ones otherwise. */
  json: string;
  signature: MinutesSignature | null;
  status: MinutesStatus;
}

/** What the officer states for the minutes. */
export interface OfficerStatement {
  identityEstablished: boolean;
  principlesRespected: boolean;
  remarks: string | null;
}

export interface MinutesServiceOptions {
  store: Store;
  /** The keys that sign: the requesting court's (the presiding judge signs) and the requested authority's (the officer countersigns). */
  signers: { court: MinutesSigner; requested: MinutesSigner };
  /** Where the two authorities sit; until hearings carry their authorities, none is known. */
  sitesFor?: (hearingId: string) => Promise<Sites | undefined>;
}

/** A custody entry of a recording in words, or undefined for any other entry. */
function custodyOf(event: HearingEvent): CustodyEntry['what'] | undefined {
  const d = event.data;
  switch (event.type) {
    case 'recording.accessed':
      return { kind: 'accessed' };
    case 'recording.played':
      return { kind: 'played', channel: String(d.channel ?? 'floor') };
    case 'recording.exported':
      return { kind: 'exported', recipient: typeof d.recipient === 'string' ? d.recipient : null, decrypted: d.decryptedMedia === true };
    case 'recording.verified':
      return { kind: 'verified', holds: d.holds === true, problem: d.holds === true ? null : String(d.problem ?? '—'), decrypted: d.decrypted === true };
    default:
      return undefined;
  }
}

export class MinutesService {
  /** Each hearing's steps run one at a time, so that two clicks sign once and a statement never races a signature. */
  private readonly queue = new Map<string, Promise<unknown>>();

  constructor(private readonly options: MinutesServiceOptions) {}

  /** The public keys that verify the two signatures. */
  get publicKeys(): { court: { keyId: string; pem: string }; requested: { keyId: string; pem: string } } {
    const { court, requested } = this.options.signers;
    return { court: { keyId: court.keyId, pem: court.publicKeyPem }, requested: { keyId: requested.keyId, pem: requested.publicKeyPem } };
  }

  private serial<T>(hearingId: string, work: () => Promise<T>): Promise<T> {
    const before = this.queue.get(hearingId) ?? Promise.resolve();
    const next = before.then(work);
    // The queue holds a promise that never rejects: a failed step is the caller's to handle, not the next one's.
    const tail: Promise<unknown> = next.then(
      () => undefined,
      () => undefined,
    );
    this.queue.set(hearingId, tail);
    void tail.then(() => {
      if (this.queue.get(hearingId) === tail) this.queue.delete(hearingId);
    });
    return next;
  }

  async current(hearingId: string): Promise<CurrentMinutes> {
    const { hearing, participants, events } = await this.load(hearingId);
    const nameOf = (id: string | null) => (id ? participants.find((p) => p.id === id) : undefined);
    // Signers and senders are the requested-state officer: named as the participants table names them.
    const signedEvent = events.find((e) => e.type === 'minutes.signed');
    const countersignedEvent = events.find((e) => e.type === 'minutes.countersigned');
    const statementSeq = events.findLast((e) => e.type === 'officer.statement')?.seq ?? null;
    const countersigned = countersignedEvent
      ? {
          at: countersignedEvent.at,
          by: this.label(nameOf(countersignedEvent.actorId)),
          keyId: String(countersignedEvent.data.keyId),
          sha256: String(countersignedEvent.data.sha256),
          signature: String(countersignedEvent.data.signature),
        }
      : null;
    const transmissions = events
      .filter((e) => e.type === 'minutes.transmitted')
      .map((e) => ({ at: e.at, by: this.label(nameOf(e.actorId)), to: String(e.data.to), sha256: String(e.data.sha256) }));
    // The recording's custody goes on after the minutes are signed: read from the record every time.
    const custody = events.flatMap((e) => {
      const what = custodyOf(e);
      if (what === undefined) return [];
      const operator = typeof e.data.operator === 'string' ? e.data.operator : null;
      return [{ at: e.at, by: this.label(nameOf(e.actorId)), operator, what, recordingId: String(e.data.recordingId), seq: e.seq }];
    });
    if (!signedEvent) {
      const minutes = generateMinutes(hearing, participants, events, await this.sites(hearingId));
      return { minutes, json: minutesJson(minutes), signature: null, status: { statementSeq, signed: null, countersigned: null, transmissions, custody } };
    }
    const { signature, json } = await this.signedCopy(hearingId, signedEvent);
    // A countersignature is shown only if it holds over these bytes.
    if (countersignedEvent) this.checkedCountersignature(json, countersignedEvent);
    return {
      minutes: JSON.parse(json) as Minutes,
      json,
      signature,
      status: {
        statementSeq,
        signed: {
          at: signedEvent.at,
          by: this.label(nameOf(signedEvent.actorId)),
          keyId: signature.keyId,
          sha256: signature.sha256,
          signature: signature.signature,
        },
        countersigned,
        transmissions,
        custody,
      },
    };
  }

  /**
   * Records the officer's statement for the minutes. She may correct it by stating again until the
   * judge signs: the minutes give her latest statement, and the record keeps every one.
   */
  state(hearingId: string, actorId: string, statement: OfficerStatement): Promise<HearingEvent> {
    return this.serial(hearingId, async () => {
      const { events } = await this.load(hearingId);
      if (events.some((e) => e.type === 'minutes.signed'))
        throw new MinutesError('already_signed', 'The minutes are signed: a statement can no longer be added to them.');
      // The statement covers the whole hearing, so it is made once the hearing has ended.
      if (!events.some((e) => e.type === 'hearing.ended'))
        throw new MinutesError('hearing_not_ended', 'The statement for the minutes is made once the hearing has ended.');
      return this.options.store.events.append(hearingId, { type: 'officer.statement', actorId, data: { ...statement } });
    });
  }

  /**
   * The presiding judge signs the minutes of an ended hearing with the court's key, once the
   * officer has made her statement. Signing again returns the first signature: the minutes are
   * those of the record as it was then.
   */
  sign(hearingId: string, actorId: string, read: { sha256: string; throughSeq: number }): Promise<MinutesSignature> {
    return this.serial(hearingId, async () => {
      const { hearing, participants, events: all } = await this.load(hearingId);
      const signedEvent = all.find((e) => e.type === 'minutes.signed');
      if (signedEvent) return (await this.signedCopy(hearingId, signedEvent)).signature;
      // She signs the minutes as she read them: drawn from the record through the entry they named,
      // whatever the record received since (people leaving, the recording's custody).
      const events = all.filter((e) => e.seq <= read.throughSeq);
      if (!events.some((e) => e.type === 'hearing.ended')) {
        throw new MinutesError('hearing_not_ended', 'The minutes can be signed once the hearing has ended.');
      }
      if (!events.some((e) => e.type === 'officer.statement')) {
        throw new MinutesError('statement_missing', 'The requested-state officer has not yet made her statement for the minutes; they are signed after it.');
      }
      const json = minutesJson(generateMinutes(hearing, participants, events, await this.sites(hearingId)));
      // She signs what she read: if the record moved on since (the officer corrected her statement), she reads again.
      if (sha256Hex(json) !== read.sha256) {
        throw new MinutesError(
          'minutes_changed',
          'The minutes changed since you opened them (the officer corrected her statement). Read them again, then sign.',
        );
      }
      const signature = this.options.signers.court.sign(json);
      // The copy first: a signed entry in the record must always find its minutes.
      await this.options.store.minutes.save({
        hearingId,
        sha256: signature.sha256,
        minutes: json,
        signature: signature.signature,
        keyId: signature.keyId,
        publicKeyPem: signature.publicKeyPem,
        signedAt: new Date().toISOString(),
      });
      await this.options.store.events.append(hearingId, { type: 'minutes.signed', actorId, data: { sha256: signature.sha256, keyId: signature.keyId } });
      return signature;
    });
  }

  /** The officer countersigns the very bytes the judge signed, with her authority's key. Once. */
  countersign(hearingId: string, actorId: string): Promise<MinutesSignature> {
    return this.serial(hearingId, async () => {
      const { events } = await this.load(hearingId);
      const signedEvent = events.find((e) => e.type === 'minutes.signed');
      if (!signedEvent) throw new MinutesError('not_signed', 'The presiding judge has not yet signed the minutes; they are countersigned after.');
      const { json } = await this.signedCopy(hearingId, signedEvent);
      const existing = events.find((e) => e.type === 'minutes.countersigned');
      if (existing) return this.checkedCountersignature(json, existing);
      const signature = this.options.signers.requested.sign(json);
      await this.options.store.events.append(hearingId, {
        type: 'minutes.countersigned',
        actorId,
        data: { sha256: signature.sha256, keyId: signature.keyId, signature: signature.signature, publicKeyPem: signature.publicKeyPem },
      });
      return signature;
    });
  }

  /** Records that the signed and countersigned minutes were sent to `to`. */
  transmit(
    hearingId: string,
    actorId: string,
    to: string,
  ): Promise<{ signature: MinutesSignature; countersignature: MinutesSignature; transmitted: HearingEvent }> {
    return this.serial(hearingId, async () => {
      const { events } = await this.load(hearingId);
      const signedEvent = events.find((e) => e.type === 'minutes.signed');
      if (!signedEvent) throw new MinutesError('not_signed', 'The minutes are transmitted once the presiding judge has signed them.');
      const countersignedEvent = events.find((e) => e.type === 'minutes.countersigned');
      if (!countersignedEvent) throw new MinutesError('not_countersigned', 'The minutes are transmitted once you have countersigned them.');
      const { signature, json } = await this.signedCopy(hearingId, signedEvent);
      const countersignature = this.checkedCountersignature(json, countersignedEvent);
      const transmitted = await this.options.store.events.append(hearingId, { type: 'minutes.transmitted', actorId, data: { to, sha256: signature.sha256 } });
      return { signature, countersignature, transmitted };
    });
  }

  /** A countersignature entry, checked against the signed copy before it is relied on. */
  private checkedCountersignature(minutesJsonText: string, entry: HearingEvent): MinutesSignature {
    const d = entry.data as { sha256: string; keyId: string; signature: string; publicKeyPem: string };
    if (sha256Hex(minutesJsonText) !== d.sha256 || !keyNamed(d.keyId, d.publicKeyPem) || !verifyMinutes(minutesJsonText, d.signature, d.publicKeyPem)) {
      throw new MinutesError('minutes_copy_invalid', `The countersignature of record entry ${entry.seq} does not verify against the signed minutes.`);
    }
    return { algorithm: 'Ed25519', sha256: d.sha256, signature: d.signature, keyId: d.keyId, publicKeyPem: d.publicKeyPem };
  }

  /** The stored copy named by a `minutes.signed` entry and its signature, checked against the entry before either is used. */
  private async signedCopy(hearingId: string, signedEvent: HearingEvent): Promise<{ signature: MinutesSignature; json: string }> {
    const sha256 = String(signedEvent.data.sha256);
    const copy = await this.options.store.minutes.get(hearingId, sha256);
    if (!copy) throw new MinutesError('minutes_copy_missing', `The signed minutes named by record entry ${signedEvent.seq} are missing from the database.`);
    if (
      sha256Hex(copy.minutes) !== sha256 ||
      copy.keyId !== signedEvent.data.keyId ||
      !keyNamed(copy.keyId, copy.publicKeyPem) ||
      !verifyMinutes(copy.minutes, copy.signature, copy.publicKeyPem)
    ) {
      throw new MinutesError('minutes_copy_invalid', `The stored signed minutes do not match record entry ${signedEvent.seq}.`);
    }
    return {
      signature: { algorithm: 'Ed25519', sha256: copy.sha256, signature: copy.signature, keyId: copy.keyId, publicKeyPem: copy.publicKeyPem },
      json: copy.minutes,
    };
  }

  private async load(hearingId: string) {
    const { store } = this.options;
    const hearing = await store.hearings.get(hearingId);
    if (!hearing) throw new MinutesError('hearing_not_found', 'There is no such hearing.');
    const [participants, events] = await Promise.all([store.participants.listByHearing(hearingId), store.events.list(hearingId)]);
    return { hearing, participants, events };
  }

  private async sites(hearingId: string): Promise<Sites | undefined> {
    return this.options.sitesFor?.(hearingId);
  }

  private label(participant: Participant | undefined): string | null {
    return participant ? participant.displayName : null;
  }
}
