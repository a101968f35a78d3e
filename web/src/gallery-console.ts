/**
 * The public gallery on the presiding judge's console (courtroom/gallery.ts): open or close it, sit
 * in private (with the reason) or stop; while it is open, the address to publish and how many watch
 * (asked of the server every few seconds, written in place); while a private sitting or a protective
 * measure keeps it closed, which one.
 */
import type { CourtView } from '../../signaling/protocol.js';
import { time, type ConsoleWriting } from './console-writing.js';
import { h } from './dom.js';
import { readJoinLink } from './connection.js';

const REFRESH_MS = 5000;

/** The gallery's address and audience, kept between renders of the console. */
class GalleryFigures {
  path: string | null = null;
  observers = 0;
  /** How many watch, in the console's words (set at each render, so a change of language holds). */
  say: (count: number) => string = String;
  private timer: ReturnType<typeof setInterval> | null = null;

  follow(hearingId: string, open: boolean): void {
    if (open && !this.timer) {
      void this.refresh(hearingId);
      this.timer = setInterval(() => void this.refresh(hearingId), REFRESH_MS);
    } else if (!open && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }

  private async refresh(hearingId: string): Promise<void> {
    const response = await fetch(`/hearings/${encodeURIComponent(hearingId)}/gallery`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${readJoinLink(window.location).token ?? ''}` },
    }).catch(() => null);
    if (!response?.ok) return;
    const figures = (await response.json()) as { path: string; observers: number };
    this.path = figures.path;
    this.observers = figures.observers;
    const address = document.getElementById('gallery-address');
    if (address) address.textContent = `${location.origin}${figures.path}`;
    const audience = document.getElementById('gallery-audience');
    if (audience) audience.textContent = this.say(figures.observers);
  }
}

const figures = new GalleryFigures();

export function gallerySection(w: ConsoleWriting, view: CourtView, hearingId: string): HTMLElement | null {
  const publicity = view.publicity;
  if (!publicity || view.phase === 'ended') {
    figures.follow(hearingId, false);
    return null;
  }
  const open = publicity.galleryOpenSince !== null;
  figures.say = (count) => w.t('console.galleryAudience', { count });
  figures.follow(hearingId, open);
  const blocked =
    publicity.blockedBy === 'private'
      ? w.t('console.galleryPrivate', { reason: publicity.privateOrder?.reason ?? '' })
      : publicity.blockedBy === 'protection'
        ? w.t('console.galleryProtection')
        : null;
  return h(
    'section',
    { class: 'console-section', 'aria-labelledby': 'gallery-heading' },
    h('h2', { id: 'gallery-heading' }, w.t('console.gallery')),
    open
      ? h(
          'div',
          { class: 'gallery-open' },
          h('p', { role: 'status' }, w.t('console.galleryOpen', { time: time(publicity.galleryOpenSince!) })),
          h('p', { id: 'gallery-audience' }, figures.say(figures.observers)),
          h(
            'p',
            { class: 'gallery-address' },
            w.t('console.galleryAddress'),
            ' ',
            h('code', { id: 'gallery-address' }, figures.path ? `${location.origin}${figures.path}` : '…'),
          ),
        )
      : h('p', { class: blocked ? 'gate-status missing' : 'gate-status' }, blocked ?? w.t('console.galleryClosed')),
    h(
      'div',
      { class: 'button-row' },
      open ? w.button(w.t('console.galleryClose'), 'court:gallery', { open: false }) : null,
      !open && !blocked ? w.button(w.t('console.galleryOpenButton'), 'court:gallery', { open: true }) : null,
      publicity.privateOrder
        ? w.button(w.t('console.privateLift'), 'court:private', { on: false })
        : w.button(w.t('console.privateOrder'), 'court:private', { on: true }, { 'data-ask-reason': w.t('console.privateReason'), 'aria-haspopup': 'dialog' }),
    ),
  );
}
