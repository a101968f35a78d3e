/**
 * The public gallery's page: no account, no camera, no microphone. It takes a place in the gallery
 * (server/gallery-http.ts), receives the floor's streams the court lets the public see, shows each
 * with the person's function (never a name), and asks every few seconds for what changed — which is
 * also how the gallery counts it. When the court closes the gallery the page says so and stops.
 */
import { Device, type types } from 'mediasoup-client';
import type { GalleryStream } from '../../sfu/index.js';
import { h } from './dom.js';
import { browserLanguage, PageLanguage } from './page-language.js';

/** How often the page asks for the streams shown now: new speakers appear within this, and it is the page's sign of life. */
const POLL_MS = 3000;

/** A stream as the server describes it (sfu/gallery.ts), with the function of the person it shows. */
type Shown = GalleryStream & { ownerFunction: string };

const words = new PageLanguage();
const status = document.getElementById('gallery-status')!;
const count = document.getElementById('gallery-count')!;
const tiles = document.getElementById('gallery-tiles')!;
const sound = document.getElementById('gallery-sound')!;
const soundOn = document.getElementById('gallery-sound-on') as HTMLButtonElement;
const base = location.pathname.replace(/\/$/, '');
soundOn.addEventListener('click', () => {
  for (const audio of sound.querySelectorAll('audio')) void audio.play().catch(() => undefined);
  soundOn.hidden = true;
});

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) throw Object.assign(new Error(`gallery ${response.status}`), { status: response.status });
  return (response.status === 204 ? {} : await response.json()) as T;
}

function closed(status_: number | undefined): void {
  status.textContent = words.t(status_ === 503 ? 'gallery.full' : 'gallery.closed');
  tiles.replaceChildren();
  sound.replaceChildren();
  count.textContent = '';
}

async function watch(): Promise<void> {
  status.textContent = words.t('gallery.connecting');
  let place: {
    observerId: string;
    routerRtpCapabilities: types.RtpCapabilities;
    transport: { id: string; iceParameters: types.IceParameters; iceCandidates: types.IceCandidate[]; dtlsParameters: types.DtlsParameters };
  };
  try {
    place = await call('POST', '/observers');
  } catch (error) {
    return closed((error as { status?: number }).status);
  }
  const device = new Device();
  await device.load({ routerRtpCapabilities: place.routerRtpCapabilities });
  const transport = device.createRecvTransport({ ...place.transport, iceServers: [] });
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    call('POST', `/observers/${place.observerId}/connect`, { dtlsParameters }).then(() => callback(), errback);
  });
  const held = new Map<string, { consumer: types.Consumer; element: HTMLElement }>();
  let failures = 0;
  addEventListener('pagehide', () => void fetch(`${base}/observers/${place.observerId}`, { method: 'DELETE', keepalive: true }));
  for (;;) {
    let changes: { added: Shown[]; removed: string[]; observers: number };
    try {
      changes = await call('POST', `/observers/${place.observerId}/streams`, { rtpCapabilities: device.rtpCapabilities });
      failures = 0;
    } catch (error) {
      const code = (error as { status?: number }).status;
      // Closed, full, or this place expired: said and stopped. A dropped link: tried again a few times.
      if (code === 404 || code === 409 || code === 503 || ++failures > 5) {
        transport.close();
        return closed(code);
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      continue;
    }
    for (const consumerId of changes.removed) {
      held.get(consumerId)?.element.remove();
      held.get(consumerId)?.consumer.close();
      held.delete(consumerId);
    }
    for (const stream of changes.added) {
      const consumer = await transport.consume({
        id: stream.consumerId,
        producerId: stream.producerId,
        kind: stream.kind,
        rtpParameters: stream.rtpParameters as types.RtpParameters,
      });
      held.set(stream.consumerId, { consumer, element: show(stream, consumer.track) });
    }
    status.textContent = words.t(held.size > 0 ? 'gallery.watching' : 'gallery.nothingShown');
    count.textContent = words.t('gallery.count', { count: changes.observers });
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** A picture as a tile with the person's function; a voice as a hidden player. */
function show(stream: Shown, track: MediaStreamTrack): HTMLElement {
  if (stream.kind === 'audio') {
    const audio = h('audio', { autoplay: true });
    audio.srcObject = new MediaStream([track]);
    sound.append(audio);
    // Browsers start sound only after a press on the page: where they refuse, the press is offered.
    audio.play().catch(() => (soundOn.hidden = false));
    return audio;
  }
  const video = h('video', { autoplay: true, playsinline: true });
  video.muted = true;
  video.srcObject = new MediaStream([track]);
  const tile = h(
    'li',
    { class: 'tile', 'data-owner': stream.ownerId },
    video,
    h('div', { class: 'caption' }, h('span', { class: 'name' }, stream.ownerFunction)),
  );
  tiles.append(tile);
  return tile;
}

void words.use(browserLanguage()).then(watch);
