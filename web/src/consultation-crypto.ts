/**
 * End-to-end encryption of a private lawyer–client consultation, between the browsers only.
 *
 * Every encoded frame this page sends or receives passes through here (insertable streams). Outside
 * a consultation frames pass untouched. During one, each frame is sealed with AES-GCM under a frame
 * key that only the consultation's members hold: the member with the lowest id draws it at random
 * and hands it to each other member wrapped under a key agreed with them by ECDH (P-256). The server
 * relays public keys and wrapped keys, and never holds anything that opens a frame.
 *
 * A sealed frame keeps its first bytes in the clear (the codec header the SFU and the decoder need
 * to route and detect keyframes) and carries the IV and a marker at its end. A frame that cannot be
 * sealed yet (no key agreed) is dropped, never sent in the clear.
 */

const MARKER = new Uint8Array([0x48, 0x52, 0x45, 0x45]); // "HREE"
const IV_BYTES = 12;

type EncodedFrame = RTCEncodedVideoFrame | RTCEncodedAudioFrame;

interface InsertableSender extends RTCRtpSender {
  createEncodedStreams(): { readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> };
}
interface InsertableReceiver extends RTCRtpReceiver {
  createEncodedStreams(): { readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> };
}

/** What a page tells the other members, through the server. */
export type KeyMessage =
  | { kind: 'public-key'; jwk: JsonWebKey }
  | { kind: 'frame-key'; iv: string; wrapped: string };

/** How long a request for a consultation holds frames back while the court records it. */
const ARMED_MS = 10_000;

/** Binds a sealed frame to its consultation and its sender: a frame cannot be replayed elsewhere or passed off as another member's. */
function additionalData(consultationId: string, senderId: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${consultationId}|${senderId}`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

const toBase64 = (bytes: ArrayBuffer | Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Bytes left in the clear: VP8's payload header (10 for a keyframe, 3 otherwise), Opus's TOC byte. */
function clearBytes(frame: EncodedFrame, kind: 'audio' | 'video'): number {
  if (kind === 'audio') return 1;
  return (frame as RTCEncodedVideoFrame).type === 'key' ? 10 : 3;
}

function hasMarker(data: Uint8Array<ArrayBuffer>): boolean {
  if (data.length < MARKER.length + IV_BYTES) return false;
  return MARKER.every((byte, i) => data[data.length - MARKER.length + i] === byte);
}

export class ConsultationCrypto {
  private consultationId: string | null = null;
  private members: string[] = [];
  private keyPair: Promise<CryptoKeyPair> | null = null;
  private ownPublicJwk: JsonWebKey | null = null;
  private frameKey: CryptoKey | null = null;
  private readonly publicKeys = new Map<string, { key: CryptoKey; jwk: JsonWebKey }>();
  private pendingFrameKey: { from: string; iv: string; wrapped: string } | null = null;
  /** Set from the moment a consultation is asked for: frames are dropped until they can be sealed. */
  private armedUntil = 0;
  /** A code every member sees, derived from all members' public keys: equal codes mean no one stands between them. */
  securityCode: string | null = null;

  constructor(
    private readonly selfId: string,
    /** Sends a key message to one member, through the server. */
    private readonly relay: (consultationId: string, to: string, message: KeyMessage) => void,
    private readonly onReady: (ready: boolean) => void = () => undefined,
  ) {}

  get active(): boolean {
    return this.consultationId !== null;
  }

  /** The person asked for a consultation: hold every frame back until it can be sealed. */
  arm(): void {
    this.armedUntil = Date.now() + ARMED_MS;
  }

  private get sealing(): boolean {
    return this.active || Date.now() < this.armedUntil;
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
    this.publicKeys.clear();
    this.pendingFrameKey = null;
    this.securityCode = null;
    this.armedUntil = 0;
    this.onReady(false);
  }

  /** A key message from another member. */
  async receive(consultationId: string, from: string, message: KeyMessage): Promise<void> {
    if (consultationId !== this.consultationId || !this.members.includes(from)) return;
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

  /** Routes a sender's frames through the consultation's sealing. */
  attachSender(sender: RTCRtpSender, kind: 'audio' | 'video'): void {
    const { readable, writable } = (sender as InsertableSender).createEncodedStreams();
    void readable
      .pipeThrough(
        new TransformStream<EncodedFrame, EncodedFrame>({
          transform: async (frame, controller) => {
            if (!this.sealing) return controller.enqueue(frame);
            const key = this.frameKey;
            const consultationId = this.consultationId;
            if (!key || !consultationId) return; // no key agreed yet: drop rather than send in the clear
            frame.data = await this.seal(frame, kind, key, additionalData(consultationId, this.selfId));
            controller.enqueue(frame);
          },
        }),
      )
      .pipeTo(writable)
      .catch(() => undefined);
  }

  /**
   * Routes a receiver's frames through opening. During a consultation only sealed frames from the
   * member they claim to come from are played: anything else (the server injecting sound) is
   * dropped. Outside one, a sealed frame this page cannot open goes to the decoder as it came.
   */
  attachReceiver(receiver: RTCRtpReceiver, kind: 'audio' | 'video', senderId: string): void {
    const { readable, writable } = (receiver as InsertableReceiver).createEncodedStreams();
    void readable
      .pipeThrough(
        new TransformStream<EncodedFrame, EncodedFrame>({
          transform: async (frame, controller) => {
            const data = new Uint8Array(frame.data);
            const key = this.frameKey;
            const consultationId = this.consultationId;
            if (hasMarker(data) && key && consultationId) {
              const opened = await this.open(data, kind, frame, key, additionalData(consultationId, senderId));
              if (!opened) return;
              frame.data = opened;
            } else if (this.active) {
              return;
            }
            controller.enqueue(frame);
          },
        }),
      )
      .pipeTo(writable)
      .catch(() => undefined);
  }

  private others(): string[] {
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
      { name: 'HKDF', hash: 'SHA-256', salt: new TextEncoder().encode(consultationId), info: new TextEncoder().encode(`hearing-room consultation key wrap ${pair}`) },
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
    await this.ready_(consultationId);
  }

  private async unwrapFrameKey(consultationId: string, pending: { from: string; iv: string; wrapped: string }): Promise<void> {
    const raw = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(pending.iv) }, await this.pairwiseKey(consultationId, pending.from), fromBase64(pending.wrapped));
    if (consultationId !== this.consultationId) return;
    this.frameKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    this.pendingFrameKey = null;
    await this.ready_(consultationId);
  }

  /** Key in place: compute the security code the members can compare aloud, and say so. */
  private async ready_(consultationId: string): Promise<void> {
    const keys = [...this.publicKeys].map(([id, { jwk }]) => `${id}:${jwk.x}:${jwk.y}`);
    keys.push(`${this.selfId}:${this.ownPublicJwk?.x}:${this.ownPublicJwk?.y}`);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${consultationId}|${keys.sort().join('|')}`)));
    const code = ((digest[0]! << 16) | (digest[1]! << 8) | digest[2]!) % 1_000_000;
    if (consultationId !== this.consultationId) return;
    this.securityCode = String(code).padStart(6, '0').replace(/(\d{3})(\d{3})/, '$1 $2');
    this.onReady(true);
  }

  private async seal(frame: EncodedFrame, kind: 'audio' | 'video', key: CryptoKey, context: Uint8Array): Promise<ArrayBuffer> {
    const data = new Uint8Array(frame.data);
    const clear = Math.min(clearBytes(frame, kind), data.length);
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: concat(data.subarray(0, clear), context) }, key, data.subarray(clear)));
    const out = new Uint8Array(clear + sealed.length + IV_BYTES + MARKER.length);
    out.set(data.subarray(0, clear), 0);
    out.set(sealed, clear);
    out.set(iv, clear + sealed.length);
    out.set(MARKER, clear + sealed.length + IV_BYTES);
    return out.buffer;
  }

  private async open(data: Uint8Array<ArrayBuffer>, kind: 'audio' | 'video', frame: EncodedFrame, key: CryptoKey, context: Uint8Array): Promise<ArrayBuffer | null> {
    const clear = clearBytes(frame, kind);
    const ivStart = data.length - MARKER.length - IV_BYTES;
    if (ivStart <= clear) return null;
    try {
      const opened = new Uint8Array(
        await crypto.subtle.decrypt({ name: 'AES-GCM', iv: data.subarray(ivStart, ivStart + IV_BYTES), additionalData: concat(data.subarray(0, clear), context) }, key, data.subarray(clear, ivStart)),
      );
      const out = new Uint8Array(clear + opened.length);
      out.set(data.subarray(0, clear), 0);
      out.set(opened, clear);
      return out.buffer;
    } catch {
      return null;
    }
  }
}
