/**
 * The hearing's stage: a tile per participant with their video, name and function, a speaking
 * indicator and a muted mark. Sound is not played here: every voice goes through the listening mix
 * (listening-mix.ts). A person may pin a tile — a sign-language interpreter, say — to keep it large
 * and first for themselves alone.
 */
import type { ParticipantView } from '../../signaling/protocol.js';
import type { RemoteTrack } from './media-session.js';

interface Tile {
  element: HTMLLIElement;
  video: HTMLVideoElement;
  placeholder: HTMLDivElement;
  mutedMark: HTMLSpanElement;
  /** A shared screen, when there is one, is shown instead of the camera. */
  camera: MediaStreamTrack | null;
  screen: MediaStreamTrack | null;
  /** Audio-only: the server sends this person's video no more; the tile says so instead of freezing. */
  videoOff: boolean;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(-2)
    .map((part) => part[0]?.toUpperCase() ?? '')
    .join('');
}

export class Stage {
  private readonly tiles = new Map<string, Tile>();

  constructor(private readonly list: HTMLUListElement) {}

  add(participant: ParticipantView, self = false): void {
    if (this.tiles.has(participant.id)) return;
    const element = document.createElement('li');
    element.className = self ? 'tile self' : 'tile';
    element.dataset.participantId = participant.id;
    element.dataset.speaking = 'false';
    element.setAttribute('aria-label', `${participant.displayName}, ${participant.functionLabel}${self ? ' (you)' : ''}`);

    const video = document.createElement('video');
    video.autoplay = true;
    video.playsInline = true;
    video.muted = true;
    video.hidden = true;
    const placeholder = document.createElement('div');
    placeholder.className = 'no-video';
    placeholder.setAttribute('aria-hidden', 'true');
    placeholder.textContent = initials(participant.displayName);

    const caption = document.createElement('div');
    caption.className = 'caption';
    const speaking = document.createElement('span');
    speaking.className = 'speaking-mark';
    speaking.setAttribute('aria-hidden', 'true');
    const name = document.createElement('span');
    name.className = 'name';
    name.textContent = self ? `${participant.displayName} (you)` : participant.displayName;
    const role = document.createElement('span');
    role.className = 'role';
    role.textContent = participant.functionLabel;
    const mutedMark = document.createElement('span');
    mutedMark.className = 'muted-mark';
    mutedMark.textContent = 'Muted';
    mutedMark.hidden = true;
    caption.append(speaking, name, role, mutedMark);
    element.dataset.pinned = 'false';
    if (!self) {
      const pin = document.createElement('button');
      pin.type = 'button';
      pin.className = 'pin';
      pin.textContent = 'Pin';
      pin.setAttribute('aria-pressed', 'false');
      pin.setAttribute('aria-label', `Pin ${participant.displayName} for yourself`);
      pin.addEventListener('click', () => this.togglePin(participant.id));
      caption.append(pin);
    }

    element.append(video, placeholder, caption);
    this.list.append(element);
    this.tiles.set(participant.id, { element, video, placeholder, mutedMark, camera: null, screen: null, videoOff: false });
  }

  remove(participantId: string): void {
    this.tiles.get(participantId)?.element.remove();
    this.tiles.delete(participantId);
  }

  clear(): void {
    for (const id of [...this.tiles.keys()]) this.remove(id);
  }

  showVideo(participantId: string, source: 'camera' | 'screen', track: MediaStreamTrack | null): void {
    const tile = this.tiles.get(participantId);
    if (!tile) return;
    tile[source] = track;
    const shown = tile.videoOff ? null : tile.screen ?? tile.camera;
    const current = (tile.video.srcObject as MediaStream | null)?.getVideoTracks()[0] ?? null;
    if (shown !== current) tile.video.srcObject = shown ? new MediaStream([shown]) : null;
    tile.video.hidden = !shown;
    tile.placeholder.hidden = Boolean(shown);
    // A shared document is shown whole; a face may be cropped to fill the tile.
    tile.element.dataset.showing = tile.screen ? 'screen' : 'camera';
  }

  attach(remote: RemoteTrack): void {
    if (remote.source === 'microphone') this.setMuted(remote.participantId, remote.paused);
    else if (remote.source === 'camera' || remote.source === 'screen') this.showVideo(remote.participantId, remote.source, remote.track);
  }

  detach(remote: RemoteTrack): void {
    const tile = this.tiles.get(remote.participantId);
    if (!tile) return;
    if (remote.source === 'camera' || remote.source === 'screen') {
      if (tile[remote.source] === remote.track) this.showVideo(remote.participantId, remote.source, null);
    }
  }

  rename(participant: ParticipantView): void {
    const tile = this.tiles.get(participant.id);
    const name = tile?.element.querySelector('.name');
    if (!tile || !name) return;
    name.textContent = participant.displayName;
    tile.element.setAttribute('aria-label', `${participant.displayName}, ${participant.functionLabel}`);
  }

  /** Marks who is in private consultation: the court sees that they are, never what they say. */
  setConsulting(participantIds: ReadonlySet<string>): void {
    for (const [id, tile] of this.tiles) {
      const consulting = participantIds.has(id);
      tile.element.dataset.consulting = String(consulting);
      const mark = tile.element.querySelector('.consulting-mark') ?? tile.element.querySelector('.caption')?.appendChild(Object.assign(document.createElement('span'), { className: 'consulting-mark', textContent: 'In consultation' }));
      if (mark instanceof HTMLElement) mark.hidden = !consulting;
    }
  }

  /** Pins or unpins a tile for this person alone: the court's spotlight is not touched. */
  togglePin(participantId: string): void {
    for (const [id, tile] of this.tiles) {
      const pinned = id === participantId && tile.element.dataset.pinned !== 'true';
      tile.element.dataset.pinned = String(pinned);
      const button = tile.element.querySelector<HTMLButtonElement>('button.pin');
      if (button) {
        button.setAttribute('aria-pressed', String(pinned));
        button.textContent = pinned ? 'Unpin' : 'Pin';
      }
    }
  }

  /** The participant the court shows to everyone gets the whole width. */
  setSpotlight(participantId: string | null): void {
    for (const [id, tile] of this.tiles) tile.element.dataset.spotlight = String(id === participantId);
  }

  setMuted(participantId: string, muted: boolean): void {
    const tile = this.tiles.get(participantId);
    if (tile) tile.mutedMark.hidden = !muted;
  }

  setSpeaking(speakingIds: ReadonlySet<string>): void {
    for (const [id, tile] of this.tiles) tile.element.dataset.speaking = String(speakingIds.has(id));
  }

  /**
   * Audio-only: every remote tile but `keptId`'s shows its initials and a "video off" mark in words,
   * since the server no longer sends those videos; with `off` false, the videos come back.
   */
  setIncomingVideoOff(off: boolean, keptId: string | null, label: string): void {
    for (const [id, tile] of this.tiles) {
      if (tile.element.classList.contains('self')) continue;
      const videoOff = off && id !== keptId;
      tile.videoOff = videoOff;
      tile.element.dataset.videoOff = String(videoOff);
      let mark = tile.element.querySelector<HTMLSpanElement>('.video-off-mark');
      if (!mark && videoOff) {
        mark = Object.assign(document.createElement('span'), { className: 'video-off-mark' });
        tile.element.querySelector('.caption')?.append(mark);
      }
      if (mark) {
        mark.textContent = label;
        mark.hidden = !videoOff;
      }
      this.showVideo(id, 'camera', tile.camera);
    }
  }

  /** Someone's connection at a glance, in words both seen and read aloud; no mark until it is known. */
  setQuality(participantId: string, level: 'good' | 'fair' | 'poor'): void {
    const tile = this.tiles.get(participantId);
    if (!tile) return;
    let mark = tile.element.querySelector<HTMLSpanElement>('.quality-mark');
    if (!mark) {
      mark = document.createElement('span');
      mark.className = 'quality-mark';
      tile.element.querySelector('.caption')?.append(mark);
    }
    tile.element.dataset.quality = level;
    mark.textContent = { good: 'Good connection', fair: 'Fair connection', poor: 'Poor connection' }[level];
  }

  videoElement(participantId: string): HTMLVideoElement | undefined {
    return this.tiles.get(participantId)?.video;
  }
}
