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
  private keyPair: CryptoKeyPair | null = null;
  private frameKey: CryptoKey | null = null;
  private readonly publicKeys = new Map<string, CryptoKey>();
  private pendingFrameKey: { from: string; iv: string; wrapped: string } | null = null;

  constructor(
    private readonly selfId: string,
    /** Sends a key message to one member, through the server. */
    private readonly relay: (consultationId: string, to: string, message: KeyMessage) => void,
    private readonly onReady: (ready: boolean) => void = () => undefined,
  ) {}

  get active(): boolean {
    return this.consultationId !== null;
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
    this.keyPair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveKey']);
    const jwk = await crypto.subtle.exportKey('jwk', this.keyPair.publicKey);
    for (const member of this.others()) this.relay(consultationId, member, { kind: 'public-key', jwk: { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y } });
  }

  end(): void {
    this.consultationId = null;
    this.members = [];
    this.keyPair = null;
    this.frameKey = null;
    this.publicKeys.clear();
    this.pendingFrameKey = null;
    this.onReady(false);
  }

  /** A key message from another member. */
  async receive(consultationId: string, from: string, message: KeyMessage): Promise<void> {
    if (consultationId !== this.consultationId || !this.members.includes(from)) return;
    if (message.kind === 'public-key') {
      const key = await crypto.subtle.importKey('jwk', { ...message.jwk, ext: true }, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
      this.publicKeys.set(from, key);
      if (this.isLeader() && this.others().every((m) => this.publicKeys.has(m))) await this.distributeFrameKey();
      if (this.pendingFrameKey?.from === from) await this.unwrapFrameKey(this.pendingFrameKey);
    } else {
      this.pendingFrameKey = { from, iv: message.iv, wrapped: message.wrapped };
      if (this.publicKeys.has(from)) await this.unwrapFrameKey(this.pendingFrameKey);
    }
  }

  /** Routes a sender's frames through the consultation's sealing. */
  attachSender(sender: RTCRtpSender, kind: 'audio' | 'video'): void {
    const { readable, writable } = (sender as InsertableSender).createEncodedStreams();
    void readable
      .pipeThrough(
        new TransformStream<EncodedFrame, EncodedFrame>({
          transform: async (frame, controller) => {
            if (!this.active) return controller.enqueue(frame);
            if (!this.frameKey) return; // no key agreed yet: drop rather than send in the clear
            frame.data = await this.seal(frame, kind, this.frameKey);
            controller.enqueue(frame);
          },
        }),
      )
      .pipeTo(writable)
      .catch(() => undefined);
  }

  /** Routes a receiver's frames through opening. A frame that cannot be opened goes to the decoder as it came. */
  attachReceiver(receiver: RTCRtpReceiver, kind: 'audio' | 'video'): void {
    const { readable, writable } = (receiver as InsertableReceiver).createEncodedStreams();
    void readable
      .pipeThrough(
        new TransformStream<EncodedFrame, EncodedFrame>({
          transform: async (frame, controller) => {
            const data = new Uint8Array(frame.data);
            if (hasMarker(data) && this.frameKey) {
              const opened = await this.open(data, kind, frame, this.frameKey);
              if (!opened) return;
              frame.data = opened;
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

  private async pairwiseKey(peer: string): Promise<CryptoKey> {
    const publicKey = this.publicKeys.get(peer);
    if (!publicKey || !this.keyPair) throw new Error('no key agreed with that member');
    return crypto.subtle.deriveKey({ name: 'ECDH', public: publicKey }, this.keyPair.privateKey, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }

  private async distributeFrameKey(): Promise<void> {
    const consultationId = this.consultationId;
    if (!consultationId || this.frameKey) return;
    const raw = crypto.getRandomValues(new Uint8Array(16));
    for (const member of this.others()) {
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const wrapped = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await this.pairwiseKey(member), raw);
      this.relay(consultationId, member, { kind: 'frame-key', iv: toBase64(iv), wrapped: toBase64(wrapped) });
    }
    this.frameKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    this.onReady(true);
  }

  private async unwrapFrameKey(pending: { from: string; iv: string; wrapped: string }): Promise<void> {
    const raw = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(pending.iv) }, await this.pairwiseKey(pending.from), fromBase64(pending.wrapped));
    this.frameKey = await crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    this.pendingFrameKey = null;
    this.onReady(true);
  }

  private async seal(frame: EncodedFrame, kind: 'audio' | 'video', key: CryptoKey): Promise<ArrayBuffer> {
    const data = new Uint8Array(frame.data);
    const clear = Math.min(clearBytes(frame, kind), data.length);
    const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
    const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: data.subarray(0, clear) }, key, data.subarray(clear)));
    const out = new Uint8Array(clear + sealed.length + IV_BYTES + MARKER.length);
    out.set(data.subarray(0, clear), 0);
    out.set(sealed, clear);
    out.set(iv, clear + sealed.length);
    out.set(MARKER, clear + sealed.length + IV_BYTES);
    return out.buffer;
  }

  private async open(data: Uint8Array<ArrayBuffer>, kind: 'audio' | 'video', frame: EncodedFrame, key: CryptoKey): Promise<ArrayBuffer | null> {
    const clear = clearBytes(frame, kind);
    const ivStart = data.length - MARKER.length - IV_BYTES;
    if (ivStart <= clear) return null;
    try {
      const opened = new Uint8Array(
        await crypto.subtle.decrypt({ name: 'AES-GCM', iv: data.subarray(ivStart, ivStart + IV_BYTES), additionalData: data.subarray(0, clear) }, key, data.subarray(clear, ivStart)),
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
