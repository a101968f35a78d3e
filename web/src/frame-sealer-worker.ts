/**
 * The frame sealer: a dedicated worker through which every encoded frame the page sends or receives
 * passes (insertable streams, transferred here from the page). Outside a consultation a frame passes
 * untouched; during one it is sealed with AES-GCM under the consultation's frame key, or opened.
 *
 * It runs off the page's main thread because it sees every frame of every stream — 50 audio frames a
 * second and each video frame, for each person in the hearing. On the main thread that work left the
 * pages of a six-person hearing unable to answer a click for seconds on a loaded machine; a phone
 * would fare worse. The page (consultation-crypto.ts) agrees the key and tells the worker what to
 * do with `SealerState`; the worker never talks to the server.
 *
 * A sealed frame keeps its first bytes in the clear (the codec header the SFU and the decoder need
 * to route and detect keyframes) and carries the IV and a marker at its end. A frame that cannot be
 * sealed yet (no key agreed) is dropped, never sent in the clear.
 */

const MARKER = new Uint8Array([0x48, 0x52, 0x45, 0x45]); // "HREE"
const IV_BYTES = 12;

export type EncodedFrame = RTCEncodedVideoFrame | RTCEncodedAudioFrame;
type Kind = 'audio' | 'video';

/** What the page tells the worker whenever the consultation changes. */
export interface SealerState {
  selfId: string;
  consultationId: string | null;
  frameKey: CryptoKey | null;
  /** Frames are held back until this time (ms since the epoch): a consultation was asked for. */
  armedUntil: number;
}

/** The messages the page posts: the state, or a stream to route (its two ends transferred). */
export type SealerMessage =
  | { type: 'state'; state: SealerState }
  | { type: 'sender'; kind: Kind; readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> }
  | { type: 'receiver'; kind: Kind; senderId: string; readable: ReadableStream<EncodedFrame>; writable: WritableStream<EncodedFrame> };

let state: SealerState = { selfId: '', consultationId: null, frameKey: null, armedUntil: 0 };

const sealing = () => state.consultationId !== null || Date.now() < state.armedUntil;

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

/** Bytes left in the clear: VP8's payload header (10 for a keyframe, 3 otherwise), Opus's TOC byte. */
function clearBytes(frame: EncodedFrame, kind: Kind): number {
  if (kind === 'audio') return 1;
  return (frame as RTCEncodedVideoFrame).type === 'key' ? 10 : 3;
}

function hasMarker(data: Uint8Array<ArrayBuffer>): boolean {
  if (data.length < MARKER.length + IV_BYTES) return false;
  return MARKER.every((byte, i) => data[data.length - MARKER.length + i] === byte);
}

async function seal(frame: EncodedFrame, kind: Kind, key: CryptoKey, context: Uint8Array): Promise<ArrayBuffer> {
  const data = new Uint8Array(frame.data);
  const clear = Math.min(clearBytes(frame, kind), data.length);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: concat(data.subarray(0, clear), context) }, key, data.subarray(clear)),
  );
  const out = new Uint8Array(clear + sealed.length + IV_BYTES + MARKER.length);
  out.set(data.subarray(0, clear), 0);
  out.set(sealed, clear);
  out.set(iv, clear + sealed.length);
  out.set(MARKER, clear + sealed.length + IV_BYTES);
  return out.buffer;
}

async function open(data: Uint8Array<ArrayBuffer>, kind: Kind, frame: EncodedFrame, key: CryptoKey, context: Uint8Array): Promise<ArrayBuffer | null> {
  const clear = clearBytes(frame, kind);
  const ivStart = data.length - MARKER.length - IV_BYTES;
  if (ivStart <= clear) return null;
  try {
    const opened = new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: data.subarray(ivStart, ivStart + IV_BYTES), additionalData: concat(data.subarray(0, clear), context) },
        key,
        data.subarray(clear, ivStart),
      ),
    );
    const out = new Uint8Array(clear + opened.length);
    out.set(data.subarray(0, clear), 0);
    out.set(opened, clear);
    return out.buffer;
  } catch {
    return null;
  }
}

function routeSender(kind: Kind, readable: ReadableStream<EncodedFrame>, writable: WritableStream<EncodedFrame>): void {
  void readable
    .pipeThrough(
      new TransformStream<EncodedFrame, EncodedFrame>({
        transform: async (frame, controller) => {
          if (!sealing()) return controller.enqueue(frame);
          const { frameKey, consultationId, selfId } = state;
          if (!frameKey || !consultationId) return; // no key agreed yet: drop rather than send in the clear
          frame.data = await seal(frame, kind, frameKey, additionalData(consultationId, selfId));
          controller.enqueue(frame);
        },
      }),
    )
    .pipeTo(writable)
    .catch(() => undefined);
}

/**
 * During a consultation only sealed frames from the member they claim to come from are played:
 * anything else (the server injecting sound) is dropped. Outside one, a sealed frame this page cannot
 * open goes to the decoder as it came.
 */
function routeReceiver(kind: Kind, senderId: string, readable: ReadableStream<EncodedFrame>, writable: WritableStream<EncodedFrame>): void {
  void readable
    .pipeThrough(
      new TransformStream<EncodedFrame, EncodedFrame>({
        transform: async (frame, controller) => {
          const data = new Uint8Array(frame.data);
          const { frameKey, consultationId } = state;
          if (hasMarker(data) && frameKey && consultationId) {
            const opened = await open(data, kind, frame, frameKey, additionalData(consultationId, senderId));
            if (!opened) return;
            frame.data = opened;
          } else if (consultationId !== null) {
            return;
          }
          controller.enqueue(frame);
        },
      }),
    )
    .pipeTo(writable)
    .catch(() => undefined);
}

addEventListener('message', (event: MessageEvent<SealerMessage>) => {
  const message = event.data;
  if (message.type === 'state') state = message.state;
  else if (message.type === 'sender') routeSender(message.kind, message.readable, message.writable);
  else routeReceiver(message.kind, message.senderId, message.readable, message.writable);
});
