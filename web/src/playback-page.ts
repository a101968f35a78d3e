/**
 * The playback page (`/playback/<hearing>#token=…`), for the presiding judge and the requested-state
 * officer: the hearing's recordings, each track fetched decrypted from the server (each fetch is in
 * the hearing's record), all driven by one clock. Every element is put at `mediaTimeAt(t)` of the
 * recording time `t` and re-seeked when it drifts more than 100 ms; where a track has nothing (camera
 * off, a recorder restarted) it is paused and marked as a gap. Listening to a language plays that
 * interpretation channel over the floor at the live page's levels (90 % / 10 %).
 */
import { DEFAULT_LEVELS } from './listening-mix.js';
import { languageDisplayName as languageName } from '../../language/index.js';
import { drifted, mediaTimeAt } from './playback-timeline.js';
// The server's own description of what it serves (a type only: nothing of the server is bundled).
import type { PlaybackRecording, PlaybackTrack } from '../../server/recordings-playback.js';

const TEXTS = {
  en: {
    title: 'Recording of the hearing',
    play: 'Play',
    pause: 'Pause',
    listen: 'Listen to',
    floor: 'Floor (original)',
    recording: 'Recording',
    loading: 'Loading the recording…',
    ready: 'Ready to play.',
    none: 'This hearing has no recording.',
    gap: 'Not recorded here',
    noLink: 'Open the personal link you received from the court.',
    seek: 'Position in the recording',
    camera: 'camera',
    screen: 'screen',
    microphone: 'microphone',
    channel: 'interpretation',
  },
  fr: {
    title: "Enregistrement de l'audience",
    play: 'Lire',
    pause: 'Pause',
    listen: 'Écouter',
    floor: 'Salle (original)',
    recording: 'Enregistrement',
    loading: "Chargement de l'enregistrement…",
    ready: 'Prêt à lire.',
    none: "Cette audience n'a pas d'enregistrement.",
    gap: 'Non enregistré ici',
    noLink: 'Ouvrez le lien personnel reçu du tribunal.',
    seek: "Position dans l'enregistrement",
    camera: 'caméra',
    screen: 'écran',
    microphone: 'micro',
    channel: 'interprétation',
  },
  de: {
    title: 'Aufzeichnung der Verhandlung',
    play: 'Abspielen',
    pause: 'Pause',
    listen: 'Hören',
    floor: 'Saal (Original)',
    recording: 'Aufzeichnung',
    loading: 'Aufzeichnung wird geladen…',
    ready: 'Bereit zur Wiedergabe.',
    none: 'Diese Verhandlung hat keine Aufzeichnung.',
    gap: 'Hier nicht aufgezeichnet',
    noLink: 'Öffnen Sie den persönlichen Link, den Sie vom Gericht erhalten haben.',
    seek: 'Position in der Aufzeichnung',
    camera: 'Kamera',
    screen: 'Bildschirm',
    microphone: 'Mikrofon',
    channel: 'Verdolmetschung',
  },
  es: {
    title: 'Grabación de la audiencia',
    play: 'Reproducir',
    pause: 'Pausa',
    listen: 'Escuchar',
    floor: 'Sala (original)',
    recording: 'Grabación',
    loading: 'Cargando la grabación…',
    ready: 'Lista para reproducir.',
    none: 'Esta audiencia no tiene grabación.',
    gap: 'No grabado aquí',
    noLink: 'Abra el enlace personal que recibió del tribunal.',
    seek: 'Posición en la grabación',
    camera: 'cámara',
    screen: 'pantalla',
    microphone: 'micrófono',
    channel: 'interpretación',
  },
  ar: {
    title: 'تسجيل الجلسة',
    play: 'تشغيل',
    pause: 'إيقاف مؤقت',
    listen: 'الاستماع إلى',
    floor: 'القاعة (الأصل)',
    recording: 'التسجيل',
    loading: 'جارٍ تحميل التسجيل…',
    ready: 'جاهز للتشغيل.',
    none: 'لا يوجد تسجيل لهذه الجلسة.',
    gap: 'غير مسجل هنا',
    noLink: 'افتح الرابط الشخصي الذي تلقيته من المحكمة.',
    seek: 'الموضع في التسجيل',
    camera: 'الكاميرا',
    screen: 'الشاشة',
    microphone: 'الميكروفون',
    channel: 'الترجمة الشفوية',
  },
} as const;
type Lang = keyof typeof TEXTS;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const clockText = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

class PlaybackPage {
  private readonly lang: Lang;
  private readonly t: (typeof TEXTS)[Lang];
  private recording: PlaybackRecording | undefined;
  private readonly elements = new Map<string, { track: PlaybackTrack; media: HTMLMediaElement; item: HTMLElement }>();
  /** Recording time at `since` (performance.now()), and whether the clock runs. */
  private position = 0;
  private since = 0;
  private playing = false;
  private timer: number | undefined;
  private channel = 'floor';

  constructor(
    private readonly hearingId: string,
    private readonly token: string,
  ) {
    const wanted = (new URLSearchParams(location.search).get('lang') ?? navigator.language).slice(0, 2);
    this.lang = (wanted in TEXTS ? wanted : 'en') as Lang;
    this.t = TEXTS[this.lang];
    document.documentElement.lang = this.lang;
    document.documentElement.dir = this.lang === 'ar' ? 'rtl' : 'ltr';
    document.title = `${this.t.title} · Hearing Room`;
    byId('playback-title').textContent = this.t.title;
    byId('play').textContent = this.t.play;
    byId('listen-text').textContent = this.t.listen;
    byId('recording-text').textContent = this.t.recording;
    byId('seek').setAttribute('aria-label', this.t.seek);
    byId('play').addEventListener('click', () => (this.playing ? this.pause() : this.play()));
    byId<HTMLInputElement>('seek').addEventListener('input', (e) => this.seek(Number((e.target as HTMLInputElement).value)));
    byId<HTMLSelectElement>('listen-choice').addEventListener('change', (e) => this.listen((e.target as HTMLSelectElement).value));
    byId<HTMLSelectElement>('recording-choice').addEventListener('change', (e) => void this.open((e.target as HTMLSelectElement).value));
    // Space plays and pauses from anywhere but a control that uses it itself.
    document.addEventListener('keydown', (e) => {
      const target = e.target as HTMLElement;
      if (e.key === ' ' && !['BUTTON', 'SELECT', 'INPUT'].includes(target.tagName)) {
        e.preventDefault();
        if (this.playing) this.pause();
        else this.play();
      }
    });
  }

  private status(text: string) {
    byId('playback-status').textContent = text;
  }

  private fail(text: string) {
    const box = byId('playback-error');
    box.textContent = text;
    box.hidden = false;
  }

  private async fetchOk(path: string, method: 'GET' | 'POST' = 'GET'): Promise<Response> {
    const res = await fetch(path, { method, headers: { authorization: `Bearer ${this.token}` }, cache: 'no-store' });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { message?: unknown };
      throw new Error(typeof body.message === 'string' ? body.message : `HTTP ${res.status}`);
    }
    return res;
  }

  private recordings: PlaybackRecording[] = [];

  async start() {
    this.status(this.t.loading);
    try {
      const body = (await (await this.fetchOk(`/hearings/${this.hearingId}/recordings/playback`)).json()) as { recordings: PlaybackRecording[] };
      this.recordings = body.recordings.filter((r) => r.tracks.length > 0);
    } catch (error) {
      this.status('');
      return this.fail((error as Error).message);
    }
    if (this.recordings.length === 0) return this.status(this.t.none);
    const choice = byId<HTMLSelectElement>('recording-choice');
    for (const r of this.recordings) choice.add(new Option(new Date(r.startedAt).toLocaleString(this.lang), r.recordingId));
    byId('recording-label').hidden = this.recordings.length < 2;
    await this.open(this.recordings[0]!.recordingId);
  }

  private async open(recordingId: string) {
    this.pause();
    // Emptied and reloaded, so that the elements of the recording left stop fetching its ranges.
    for (const { media } of this.elements.values()) {
      media.removeAttribute('src');
      media.load();
    }
    this.elements.clear();
    byId('playback-tiles').replaceChildren();
    byId('playback-sound').replaceChildren();
    const recording = this.recordings.find((r) => r.recordingId === recordingId);
    if (!recording) return;
    this.recording = recording;
    this.status(this.t.loading);
    const languages = [...new Set(recording.tracks.flatMap((t) => (t.language ? [t.language] : [])))];
    const listen = byId<HTMLSelectElement>('listen-choice');
    listen.replaceChildren(new Option(this.t.floor, 'floor'), ...languages.map((l) => new Option(languageName(l, this.lang), l)));
    this.channel = 'floor';
    try {
      // Each fetch is recorded on the server as a playback of that track, with what is listened to.
      await Promise.all(recording.tracks.map((track) => this.load(recording, track)));
    } catch (error) {
      this.status('');
      return this.fail((error as Error).message);
    }
    const seek = byId<HTMLInputElement>('seek');
    seek.max = String(recording.duration);
    seek.disabled = false;
    byId<HTMLButtonElement>('play').disabled = false;
    this.applyLevels();
    this.seek(0);
    this.status(this.t.ready);
  }

  private async load(recording: PlaybackRecording, track: PlaybackTrack) {
    const channel = track.language ?? 'floor';
    // The element fetches the track itself, range by range as it plays and seeks, with a short-lived
    // ticket in the address (it cannot send the token as a header): nothing is downloaded whole.
    const url = await this.mediaAddress(recording, track);
    const label = `${track.role.replace(/_/g, ' ')} · ${track.language ? `${this.t.channel} ${languageName(track.language, this.lang)}` : (this.t[track.source as 'camera' | 'screen' | 'microphone'] ?? track.source)}`;
    const media = document.createElement(track.kind === 'video' ? 'video' : 'audio');
    media.preload = 'auto';
    media.src = url;
    media.dataset.trackId = track.trackId;
    media.dataset.channel = channel;
    const item = document.createElement('li');
    item.dataset.trackId = track.trackId;
    if (track.kind === 'video') {
      const video = media as HTMLVideoElement;
      video.muted = true;
      video.playsInline = true;
      video.setAttribute('aria-label', label);
      item.className = 'tile';
      const gap = document.createElement('div');
      gap.className = 'gap-mark';
      gap.textContent = this.t.gap;
      gap.hidden = true;
      const caption = document.createElement('div');
      caption.className = 'caption';
      caption.innerHTML = '<span class="name"></span>';
      caption.querySelector('.name')!.textContent = label;
      item.append(video, gap, caption);
      byId('playback-tiles').append(item);
    } else {
      item.textContent = label;
      item.append(media);
      byId('playback-sound').append(item);
    }
    this.elements.set(track.trackId, { track, media, item });
    // A ticket expires (or the server restarted): the next range is refused, so ask for a new address
    // and carry on where the element was, at most once a minute.
    let renewed = 0;
    media.addEventListener('error', () => {
      if (renewed > Date.now() - 60_000 || this.recording !== recording) return;
      renewed = Date.now();
      const at = media.currentTime;
      void this.mediaAddress(recording, track).then(
        (next) => {
          media.src = next;
          media.currentTime = at;
        },
        (error: unknown) => this.fail((error as Error).message),
      );
    });
    await new Promise<void>((resolve) => {
      if (media.readyState >= 1) return resolve();
      media.addEventListener('loadedmetadata', () => resolve(), { once: true });
      media.addEventListener('error', () => resolve(), { once: true });
    });
  }

  /** The track's media address with a fresh ticket (the element cannot send the token as a header). */
  private async mediaAddress(recording: PlaybackRecording, track: PlaybackTrack): Promise<string> {
    const channel = track.language ?? 'floor';
    const res = await this.fetchOk(
      `/hearings/${this.hearingId}/recordings/${encodeURIComponent(recording.recordingId)}/tracks/${encodeURIComponent(track.trackId)}/ticket?channel=${encodeURIComponent(channel)}`,
      'POST',
    );
    return ((await res.json()) as { url: string }).url;
  }

  private now(): number {
    const t = this.playing ? this.position + (performance.now() - this.since) / 1000 : this.position;
    return Math.min(t, this.recording?.duration ?? 0);
  }

  private play() {
    if (!this.recording) return;
    if (this.position >= this.recording.duration) this.position = 0;
    this.since = performance.now();
    this.playing = true;
    this.status('');
    byId('play').textContent = this.t.pause;
    this.sync();
    this.timer = window.setInterval(() => this.sync(), 100);
  }

  private pause() {
    this.position = this.now();
    this.playing = false;
    window.clearInterval(this.timer);
    byId('play').textContent = this.t.play;
    for (const { media } of this.elements.values()) media.pause();
  }

  private seek(t: number) {
    this.position = t;
    this.since = performance.now();
    for (const { media } of this.elements.values()) media.dataset.forceSeek = 'true';
    this.sync();
  }

  private listen(channel: string) {
    this.channel = channel;
    this.applyLevels();
  }

  /** The floor alone at full level; with a language, that channel clearly and the floor quietly under it. */
  private applyLevels() {
    for (const { track, media } of this.elements.values()) {
      if (track.kind !== 'audio') continue;
      const level = track.language
        ? track.language === this.channel
          ? DEFAULT_LEVELS.interpretation
          : 0
        : this.channel === 'floor'
          ? 1
          : DEFAULT_LEVELS.floor;
      media.volume = level;
      media.muted = level === 0;
      media.dataset.level = String(level);
    }
  }

  /** Puts every element where the clock says, pausing those in a gap. */
  private sync() {
    const t = this.now();
    if (this.recording && this.playing && t >= this.recording.duration) this.pause();
    byId<HTMLInputElement>('seek').value = String(t);
    byId('clock').textContent = `${clockText(t)} / ${clockText(this.recording?.duration ?? 0)}`;
    for (const { track, media, item } of this.elements.values()) {
      const wanted = mediaTimeAt(track.segments, t);
      const gap = wanted === null;
      item.dataset.gap = String(gap);
      const mark = item.querySelector<HTMLElement>('.gap-mark');
      if (mark) mark.hidden = !gap;
      if (gap) {
        media.pause();
        continue;
      }
      // The recording time this element's file time stands for, so anyone can see how far apart the elements are.
      media.dataset.offset = String(t - wanted);
      if (media.dataset.forceSeek === 'true' || drifted(media.currentTime, wanted)) {
        media.currentTime = wanted;
        delete media.dataset.forceSeek;
      }
      if (this.playing && media.paused) void media.play().catch(() => undefined);
    }
  }
}

const token = new URLSearchParams(location.hash.slice(1)).get('token');
const hearingId = /^\/playback\/([0-9a-f-]{36})\/?$/i.exec(location.pathname)?.[1];
const page = token && hearingId ? new PlaybackPage(hearingId, token) : undefined;
if (page) void page.start();
else {
  const box = byId('playback-error');
  box.textContent = TEXTS.en.noLink;
  box.hidden = false;
}
