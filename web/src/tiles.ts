/**
 * The hearing's stage: a tile per participant with their video, name and function, a speaking
 * indicator and a muted mark. Sound is not played here: every voice goes through the listening mix
 * (listening-mix.ts). A person may pin a tile — a sign-language interpreter, say — to keep it large
 * and first for themselves alone.
 */
import type { ParticipantView } from '../../signaling/protocol.js';
import type { RemoteTrack } from './remote-streams.js';
import type { PageLanguage } from './page-language.js';

interface Tile {
  participant: ParticipantView;
  self: boolean;
  quality: 'good' | 'fair' | 'poor' | null;
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

const QUALITY_KEYS = { good: 'tile.quality.good', fair: 'tile.quality.fair', poor: 'tile.quality.poor' } as const;

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

  constructor(
    private readonly list: HTMLUListElement,
    private readonly words: PageLanguage,
  ) {}

  /** Writes a tile's words in the page's language: on creation, renaming and a change of language. */
  private label(tile: Tile): void {
    const { participant, self, element } = tile;
    const t = this.words;
    const name = element.querySelector('.name');
    if (name) name.textContent = self ? t.t('tile.you', { name: participant.displayName }) : participant.displayName;
    const role = element.querySelector('.role');
    if (role) role.textContent = t.functionOf(participant);
    element.setAttribute(
      'aria-label',
      t.t('tile.label', { name: self ? t.t('tile.you', { name: participant.displayName }) : participant.displayName, function: t.functionOf(participant) }),
    );
    tile.mutedMark.textContent = t.t('tile.muted');
    const pin = element.querySelector<HTMLButtonElement>('button.pin');
    if (pin) {
      pin.textContent = t.t(element.dataset.pinned === 'true' ? 'tile.unpin' : 'tile.pin');
      pin.setAttribute('aria-label', t.t('tile.pinLabel', { name: participant.displayName }));
    }
    const consulting = element.querySelector('.consulting-mark');
    if (consulting) consulting.textContent = t.t('tile.consulting');
    const quality = element.querySelector('.quality-mark');
    if (quality && tile.quality) quality.textContent = t.t(QUALITY_KEYS[tile.quality]);
  }

  /** Every tile's words again, after the page's language changed. */
  setLanguage(): void {
    for (const tile of this.tiles.values()) this.label(tile);
  }

  add(participant: ParticipantView, self = false): void {
    if (this.tiles.has(participant.id)) return;
    const element = document.createElement('li');
    element.className = self ? 'tile self' : 'tile';
    element.dataset.participantId = participant.id;
    element.dataset.speaking = 'false';

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
    const role = document.createElement('span');
    role.className = 'role';
    const mutedMark = document.createElement('span');
    mutedMark.className = 'muted-mark';
    mutedMark.hidden = true;
    caption.append(speaking, name, role, mutedMark);
    element.dataset.pinned = 'false';
    if (!self) {
      const pin = document.createElement('button');
      pin.type = 'button';
      pin.className = 'pin';
      pin.setAttribute('aria-pressed', 'false');
      pin.addEventListener('click', () => this.togglePin(participant.id));
      caption.append(pin);
    }

    element.append(video, placeholder, caption);
    this.list.append(element);
    const tile: Tile = { participant, self, quality: null, element, video, placeholder, mutedMark, camera: null, screen: null, videoOff: false };
    this.tiles.set(participant.id, tile);
    this.label(tile);
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
    const shown = tile.videoOff ? null : (tile.screen ?? tile.camera);
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
    if (!tile) return;
    tile.participant = participant;
    this.label(tile);
  }

  /** Marks who is in private consultation: the court sees that they are, never what they say. */
  setConsulting(participantIds: ReadonlySet<string>): void {
    for (const [id, tile] of this.tiles) {
      const consulting = participantIds.has(id);
      tile.element.dataset.consulting = String(consulting);
      const mark =
        tile.element.querySelector('.consulting-mark') ??
        tile.element
          .querySelector('.caption')
          ?.appendChild(Object.assign(document.createElement('span'), { className: 'consulting-mark', textContent: this.words.t('tile.consulting') }));
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
        button.textContent = this.words.t(pinned ? 'tile.unpin' : 'tile.pin');
      }
    }
  }

  /** The participant the court shows to everyone gets the whole width. */
  setSpotlight(participantId: string | null): void {
    for (const [id, tile] of this.tiles) tile.element.dataset.spotlight = String(id === participantId);
  }

  /**
   * The one this viewer most needs to see fills the stage: for the court, the person being heard; for
   * her, the presiding judge. The others stay beside or below, this viewer's own picture small.
   */
  setFeatured(participantId: string | null): void {
    for (const [id, tile] of this.tiles) tile.element.dataset.featured = String(id === participantId);
  }

  /**
   * Someone other than the one featured has the floor: the court sees them large beside the person
   * heard, who keeps the larger part of the stage, so the judge watches her while she is questioned.
   */
  setSpeaker(participantId: string | null): void {
    const shown = participantId !== null && this.tiles.has(participantId) ? participantId : null;
    for (const [id, tile] of this.tiles) tile.element.dataset.speaker = String(id === shown);
    this.list.dataset.arrangement = shown ? 'with-speaker' : 'featured';
  }

  /** The featured tile is a sign-language interpreter this viewer reads: it is given room for hands and face. */
  setSigning(signing: boolean): void {
    this.list.dataset.signing = String(signing);
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
    tile.quality = level;
    mark.textContent = this.words.t(QUALITY_KEYS[level]);
  }

  videoElement(participantId: string): HTMLVideoElement | undefined {
    return this.tiles.get(participantId)?.video;
  }
}
