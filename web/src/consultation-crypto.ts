/**
 * End-to-end encryption of a private lawyer–client consultation, between the browsers only.
 *
 * Every encoded frame this page sends or receives passes through the frame sealer, a worker
 * (frame-sealer-worker.ts), to which each stream's ends are handed (insertable streams). Outside a
 * consultation frames pass untouched. During one, each frame is sealed with AES-GCM under a frame
 * key that only the consultation's members hold: the member with the lowest id draws it at random
 * and hands it to each other member wrapped under a key agreed with them by ECDH (P-256). The server
 * relays public keys and wrapped keys, and never holds anything that opens a frame. This class agrees
 * the key and tells the sealer, on every change, what to seal with; and seals and opens the documents
 * the members share (join/consultation-documents.ts) under a key of their own derived from it.
 */
import type { EncodedFrame, SealerMessage, SealerState } from './frame-sealer-worker.js';

/** Where the built sealer is served; set by the web build (web/build.mjs), with its content hash. */
declare const FRAME_SEALER_URL: string;

const IV_BYTES = 12;

interface InsertableSender extends RTCRtpSender {
  createEncodedStreams(): { readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> };
}
interface InsertableReceiver extends RTCRtpReceiver {
  createEncodedStreams(): { readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> };
}

/** What a page tells the other members, through the server. */
export type KeyMessage =
  | { kind: 'public-key'; jwk: JsonWebKey }
  | { kind: 'frame-key'; iv: string; wrapped: string }
  | { kind: 'document'; documentId: string };

/** How long a request for a consultation holds frames back while the court records it. */
const ARMED_MS = 10_000;

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export class ConsultationCrypto {
  private consultationId: string | null = null;
  private members: string[] = [];
  private keyPair: Promise<CryptoKeyPair> | null = null;
  private ownPublicJwk: JsonWebKey | null = null;
  private frameKey: CryptoKey | null = null;
  /** Seals the documents the members share: derived from the frame key's bytes, for documents only. */
  private documentKey: CryptoKey | null = null;
  private readonly publicKeys = new Map<string, { key: CryptoKey; jwk: JsonWebKey }>();
  private pendingFrameKey: { from: string; iv: string; wrapped: string } | null = null;
  /** Documents announced before the key to open them was agreed: handed on once it is. */
  private pendingDocuments: { from: string; documentId: string }[] = [];
  /** Set from the moment a consultation is asked for: frames are dropped until they can be sealed. */
  private armedUntil = 0;
  /** A code every member sees, derived from all members' public keys: equal codes mean no one stands between them. */
  securityCode: string | null = null;
  private readonly sealer = new Worker(FRAME_SEALER_URL, { name: 'frame sealer' });

  constructor(
    readonly selfId: string,
    /** Sends a key message to one member, through the server. */
    private readonly relay: (consultationId: string, to: string, message: KeyMessage) => void,
    private readonly onReady: (ready: boolean) => void = () => undefined,
    /** Another member shared a document (its id, to fetch and open). */
    private readonly onDocument: (consultationId: string, from: string, documentId: string) => void = () => undefined,
  ) {
    this.tellSealer();
  }

  /** Every change that decides what happens to a frame reaches the sealer at once. */
  private tellSealer(): void {
    const state: SealerState = { selfId: this.selfId, consultationId: this.consultationId, frameKey: this.frameKey, armedUntil: this.armedUntil };
    this.sealer.postMessage({ type: 'state', state } satisfies SealerMessage);
  }

  get active(): boolean {
    return this.consultationId !== null;
  }

  /** The person asked for a consultation: hold every frame back until it can be sealed. */
  arm(): void {
    this.armedUntil = Date.now() + ARMED_MS;
    this.tellSealer();
  }

  get ready(): boolean {
    return this.frameKey !== null;
  }

  /** A consultation began with these members (this page among them): agree a key with them. */
  async begin(consultationId: string, members: readonly string[]): Promise<void> {
    if (this.consultationId === consultationId) return;
    this.end();
    this.consultationId = consultationId;
    this.members = [...members];
    this.tellSealer();
    const keyPair = crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    this.keyPair = keyPair;
    const exported = await crypto.subtle.exportKey('jwk', (await keyPair).publicKey);
    if (this.consultationId !== consultationId) return;
    const jwk = { kty: exported.kty, crv: exported.crv, x: exported.x, y: exported.y };
    this.ownPublicJwk = jwk;
    for (const member of this.others()) this.relay(consultationId, member, { kind: 'public-key', jwk });
    await this.progress(consultationId);
  }

  end(): void {
    this.consultationId = null;
    this.members = [];
    this.keyPair = null;
    this.ownPublicJwk = null;
    this.frameKey = null;
    this.documentKey = null;
    this.publicKeys.clear();
    this.pendingFrameKey = null;
    this.pendingDocuments = [];
    this.securityCode = null;
    this.armedUntil = 0;
    this.tellSealer();
    this.onReady(false);
  }

  /** A key message from another member. */
  async receive(consultationId: string, from: string, message: KeyMessage): Promise<void> {
    if (consultationId !== this.consultationId || !this.members.includes(from)) return;
    if (message.kind === 'document') {
      if (this.documentKey) this.onDocument(consultationId, from, message.documentId);
      else if (this.pendingDocuments.length < 100) this.pendingDocuments.push({ from, documentId: message.documentId });
      return;
    }
    if (message.kind === 'public-key') {
      const key = await crypto.subtle.importKey('jwk', { ...message.jwk, ext: true }, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      if (consultationId !== this.consultationId) return;
      this.publicKeys.set(from, { key, jwk: message.jwk });
    } else {
      this.pendingFrameKey = { from, iv: message.iv, wrapped: message.wrapped };
    }
    await this.progress(consultationId);
  }

  /** Takes the agreement as far as what has arrived allows; safe to call at any point, in any order. */
  private async progress(consultationId: string): Promise<void> {
    if (!this.ownPublicJwk || consultationId !== this.consultationId) return;
    if (this.isLeader() && this.others().every((m) => this.publicKeys.has(m))) await this.distributeFrameKey(consultationId);
    const pending = this.pendingFrameKey;
    if (pending && this.publicKeys.has(pending.from)) await this.unwrapFrameKey(consultationId, pending);
  }

  /** Hands a sender's frames to the sealer. */
  attachSender(sender: RTCRtpSender, kind: 'audio' | 'video'): void {
    const { readable, writable } = (sender as InsertableSender).createEncodedStreams();
    this.sealer.postMessage({ type: 'sender', kind, readable, writable } satisfies SealerMessage, [readable, writable]);
  }

  /** Hands a receiver's frames to the sealer, which opens them as coming from `senderId`. */
  attachReceiver(receiver: RTCRtpReceiver, kind: 'audio' | 'video', senderId: string): void {
    const { readable, writable } = (receiver as InsertableReceiver).createEncodedStreams();
    this.sealer.postMessage({ type: 'receiver', kind, senderId, readable, writable } satisfies SealerMessage, [readable, writable]);
  }

  /** The consultation's other members. */
  others(): string[] {
    return this.members.filter((m) => m !== this.selfId);
  }

  private isLeader(): boolean {
    return [...this.members].sort()[0] === this.selfId;
  }

  /** The key shared with one member: ECDH, then HKDF bound to this consultation and this pair. */
  private async pairwiseKey(consultationId: string, peer: string): Promise<CryptoKey> {
    const publicKey = this.publicKeys.get(peer);
    if (!publicKey || !this.keyPair) throw new Error('no key agreed with that member');
    const secret = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey.key }, (await this.keyPair).privateKey, 256);
    const base = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey']);
    const pair = [this.selfId, peer].sort().join('|');
    return crypto.subtle.deriveKey(
      {
        name: 'HKDF',
        hash: 'SHA-256',
        salt: new TextEncoder().encode(consultationId),
        info: new TextEncoder().encode(`hearing-room consultation key wrap ${pair}`),
      },
      base,
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  }

  private async distributeFrameKey(consultationId: string): Promise<void> {
    if (this.frameKey) return;
    const raw = crypto.getRandomValues(new Uint8Array(16));
    const frameKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    for (const member of this.others()) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const wrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await this.pairwiseKey(consultationId, member), raw);
      if (consultationId !== this.consultationId) return;
      this.relay(consultationId, member, { kind: 'frame-key', iv: toBase64(iv), wrapped: toBase64(wrapped) });
    }
    if (consultationId !== this.consultationId || this.frameKey) return;
    this.frameKey = frameKey;
    this.documentKey = await documentKeyFrom(raw, consultationId);
    this.tellSealer();
    await this.ready_(consultationId);
  }

  private async unwrapFrameKey(consultationId: string, pending: { from: string; iv: string; wrapped: string }): Promise<void> {
    const raw = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(pending.iv) },
      await this.pairwiseKey(consultationId, pending.from),
      fromBase64(pending.wrapped),
    );
    if (consultationId !== this.consultationId) return;
    this.frameKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    this.documentKey = await documentKeyFrom(raw, consultationId);
    this.pendingFrameKey = null;
    this.tellSealer();
    await this.ready_(consultationId);
  }

  /** The consultation this page is in, while it is. */
  get current(): string | null {
    return this.consultationId;
  }

  /**
   * Seals a document for the members: AES-GCM under the document key, bound to this consultation,
   * this document and its sender (the additional data), so the server can neither open it nor pass
   * it off as another document or another member's. The result is the IV followed by the ciphertext.
   */
  async sealDocument(documentId: string, plaintext: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    const { key, consultationId } = this.documentKeyNow();
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: documentBinding(consultationId, documentId, this.selfId) },
      key,
      plaintext,
    );
    const out = new Uint8Array(IV_BYTES + sealed.byteLength);
    out.set(iv);
    out.set(new Uint8Array(sealed), IV_BYTES);
    return out;
  }

  /** Opens a document another member (or this page) sealed; throws if it was altered, or is not theirs. */
  async openDocument(documentId: string, sharedBy: string, sealed: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
    const { key, consultationId } = this.documentKeyNow();
    const opened = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.subarray(0, IV_BYTES), additionalData: documentBinding(consultationId, documentId, sharedBy) },
      key,
      sealed.subarray(IV_BYTES),
    );
    return new Uint8Array(opened);
  }

  private documentKeyNow(): { key: CryptoKey; consultationId: string } {
    if (!this.documentKey || !this.consultationId) throw new Error('no key agreed for this consultation yet');
    return { key: this.documentKey, consultationId: this.consultationId };
  }

  /** Key in place: compute the security code the members can compare aloud, and say so. */
  private async ready_(consultationId: string): Promise<void> {
    const keys = [...this.publicKeys].map(([id, { jwk }]) => `${id}:${jwk.x}:${jwk.y}`);
    keys.push(`${this.selfId}:${this.ownPublicJwk?.x}:${this.ownPublicJwk?.y}`);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${consultationId}|${keys.sort().join('|')}`)));
    const code = ((digest[0]! << 16) | (digest[1]! << 8) | digest[2]!) % 1_000_000;
    if (consultationId !== this.consultationId) return;
    this.securityCode = String(code)
      .padStart(6, '0')
      .replace(/(\d{3})(\d{3})/, '$1 $2');
    this.onReady(true);
    for (const { from, documentId } of this.pendingDocuments.splice(0)) this.onDocument(consultationId, from, documentId);
  }
}

/** The documents' own key, from the frame key's bytes: a key is never used for two purposes. */
async function documentKeyFrom(raw: ArrayBuffer | Uint8Array<ArrayBuffer>, consultationId: string): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', raw, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: new TextEncoder().encode(consultationId),
      info: new TextEncoder().encode('hearing-room consultation documents'),
    },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/** What a sealed document is bound to. */
const documentBinding = (consultationId: string, documentId: string, sharedBy: string) =>
  new TextEncoder().encode(`hearing-room consultation document|${consultationId}|${documentId}|${sharedBy}`);
