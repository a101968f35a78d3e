/**
 * The minutes' life after the hearing: read (generated from the record, or the signed copy once
 * there is one), signed by the requested authority, and transmitted to the requesting authority.
 * Signing and transmitting are entries in the record (`minutes.signed`, `minutes.transmitted`), so
 * the chain itself shows who signed which minutes (by their SHA-256) and where they were sent.
 */
import type { Participant } from '../scheduling/index.js';
import type { HearingEvent, Store } from '../store/index.js';
import { sha256Hex } from './chain.js';
import { generateMinutes, minutesJson, type Minutes, type Sites } from './minutes.js';
import type { MinutesStatus } from './minutes-html.js';
import { verifyMinutes, type MinutesSigner, type MinutesSignature } from './signing.js';

export class MinutesError extends Error {
  override name = 'MinutesError';
  constructor(
    readonly code: 'hearing_not_found' | 'hearing_not_ended' | 'minutes_copy_missing' | 'minutes_copy_invalid',
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

export interface MinutesServiceOptions {
  store: Store;
  signer: MinutesSigner;
  /** Where the two authorities sit; until hearings carry their authorities, none is known. */
  sitesFor?: (hearingId: string) => Promise<Sites | undefined>;
}

/** A custody entry of a recording in words, or undefined for any other entry. */
function custodyText(event: HearingEvent): string | undefined {
  const d = event.data;
  switch (event.type) {
    case 'recording.accessed':
      return 'opened the recording\'s manifest';
    case 'recording.played':
      return `played the recording (${d.channel === 'floor' ? 'floor' : `channel ${String(d.channel)}`})`;
    case 'recording.exported':
      return `exported the recording${typeof d.recipient === 'string' ? ` for ${d.recipient}` : ''}${d.decryptedMedia === true ? ', with the decrypted media' : ''}`;
    case 'recording.verified':
      return `verified the recording: ${d.holds === true ? 'it holds' : `it does not hold (${String(d.problem ?? 'see the record')})`}${d.decrypted === true ? ', media decrypted and checked' : ''}`;
    default:
      return undefined;
  }
}

export class MinutesService {
  /** Signing is serialised per hearing, so that two clicks sign once. */
  private readonly signing = new Map<string, Promise<MinutesSignature>>();

  constructor(private readonly options: MinutesServiceOptions) {}

  get publicKeyPem(): string {
    return this.options.signer.publicKeyPem;
  }

  async current(hearingId: string): Promise<CurrentMinutes> {
    const { hearing, participants, events } = await this.load(hearingId);
    const nameOf = (id: string | null) => (id ? participants.find((p) => p.id === id) : undefined);
    // Signers and senders are the requested-state officer: named as the participants table names them.
    const signedEvent = events.find((e) => e.type === 'minutes.signed');
    const transmissions = events
      .filter((e) => e.type === 'minutes.transmitted')
      .map((e) => ({ at: e.at, by: this.label(nameOf(e.actorId)), to: String(e.data.to), sha256: String(e.data.sha256) }));
    // The recording's custody goes on after the minutes are signed: read from the record every time.
    const custody = events.flatMap((e) => {
      const what = custodyText(e);
      if (what === undefined) return [];
      const operator = typeof e.data.operator === 'string' ? `${e.data.operator} (operator, on the server)` : null;
      return [{ at: e.at, by: this.label(nameOf(e.actorId)) ?? operator, what, recordingId: String(e.data.recordingId), seq: e.seq }];
    });
    if (!signedEvent) {
      const minutes = generateMinutes(hearing, participants, events, await this.sites(hearingId));
      return { minutes, json: minutesJson(minutes), signature: null, status: { signed: null, transmissions, custody } };
    }
    const signature = await this.storedSignature(hearingId, signedEvent);
    const json = (await this.options.store.minutes.get(hearingId, signature.sha256))?.minutes as string;
    return {
      minutes: JSON.parse(json) as Minutes,
      json,
      signature,
      status: {
        signed: { at: signedEvent.at, by: this.label(nameOf(signedEvent.actorId)), keyId: signature.keyId, sha256: signature.sha256, signature: signature.signature },
        transmissions,
        custody,
      },
    };
  }

  /**
   * Signs the minutes of an ended hearing for the requested authority and records it. Signing
   * again returns the first signature: the minutes are those of the record as it was then.
   */
  sign(hearingId: string, actorId: string): Promise<MinutesSignature> {
    const running = this.signing.get(hearingId);
    if (running) return running;
    const work = this.signOnce(hearingId, actorId).finally(() => this.signing.delete(hearingId));
    this.signing.set(hearingId, work);
    return work;
  }

  /** Signs if needed, then records that the signed minutes were sent to `to`. */
  async transmit(hearingId: string, actorId: string, to: string): Promise<{ signature: MinutesSignature; transmitted: HearingEvent }> {
    const signature = await this.sign(hearingId, actorId);
    const transmitted = await this.options.store.events.append(hearingId, { type: 'minutes.transmitted', actorId, data: { to, sha256: signature.sha256 } });
    return { signature, transmitted };
  }

  private async signOnce(hearingId: string, actorId: string): Promise<MinutesSignature> {
    const { hearing, participants, events } = await this.load(hearingId);
    const signedEvent = events.find((e) => e.type === 'minutes.signed');
    if (signedEvent) return this.storedSignature(hearingId, signedEvent);
    if (!events.some((e) => e.type === 'hearing.ended')) {
      throw new MinutesError('hearing_not_ended', 'The minutes can be signed once the hearing has ended.');
    }
    const json = minutesJson(generateMinutes(hearing, participants, events, await this.sites(hearingId)));
    const signature = this.options.signer.sign(json);
    // The copy first: a signed entry in the record must always find its minutes.
    await this.options.store.minutes.save({
      hearingId, sha256: signature.sha256, minutes: json, signature: signature.signature,
      keyId: signature.keyId, publicKeyPem: signature.publicKeyPem, signedAt: new Date().toISOString(),
    });
    await this.options.store.events.append(hearingId, { type: 'minutes.signed', actorId, data: { sha256: signature.sha256, keyId: signature.keyId } });
    return signature;
  }

  /** The stored copy named by a `minutes.signed` entry, checked against it before it is used. */
  private async storedSignature(hearingId: string, signedEvent: HearingEvent): Promise<MinutesSignature> {
    const sha256 = String(signedEvent.data.sha256);
    const copy = await this.options.store.minutes.get(hearingId, sha256);
    if (!copy) throw new MinutesError('minutes_copy_missing', `The signed minutes named by record entry ${signedEvent.seq} are missing from the database.`);
    if (sha256Hex(copy.minutes) !== sha256 || copy.keyId !== signedEvent.data.keyId || !verifyMinutes(copy.minutes, copy.signature, copy.publicKeyPem)) {
      throw new MinutesError('minutes_copy_invalid', `The stored signed minutes do not match record entry ${signedEvent.seq}.`);
    }
    return { algorithm: 'Ed25519', sha256: copy.sha256, signature: copy.signature, keyId: copy.keyId, publicKeyPem: copy.publicKeyPem };
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
