/**
 * The public gallery: what the public may watch of a hearing held in public. The presiding judge opens
 * it; observers without an account then watch the floor (never a private consultation, a booth or a
 * channel) through routers of their own (sfu/gallery.ts), and are counted, never recorded. It cannot
 * open, and closes by itself, while a protective measure or an order to sit in private applies: a
 * protected person is never shown to the public, and a private order excludes it.
 * Pure rules, like the rest of the court (decide.ts calls them).
 */
import type { HearingEventData, HearingEventType } from '../model/events.js';
import { CourtError, type Decided } from './outcome.js';
import type { CourtroomState, Protection } from './state.js';

const event = <T extends HearingEventType>(type: T, data: HearingEventData<T>): Decided => ({ type, data }) as Decided;

/** Whether a protection orders anything at all (an order that lifts every measure protects nothing). */
export function protects(protection: Protection | undefined): boolean {
  if (!protection) return false;
  return (
    protection.pseudonym !== null ||
    protection.hideVideoFromObservers ||
    protection.audioOnly ||
    protection.masking.voice ||
    protection.masking.face !== 'none' ||
    protection.hideLocation ||
    protection.restrictRecording
  );
}

/** What keeps the gallery closed now, if anything. */
export function galleryBlockedBy(state: CourtroomState): 'private' | 'protection' | null {
  if (state.privateOrder) return 'private';
  return [...state.protections.values()].some(protects) ? 'protection' : null;
}

export function openGallery(state: CourtroomState): Decided[] {
  if (state.phase === 'ended') throw new CourtError('hearing_ended', 'The hearing has ended.');
  if (state.gallery) throw new CourtError('gallery_open', 'The public gallery is already open.');
  const blocked = galleryBlockedBy(state);
  if (blocked === 'private') throw new CourtError('gallery_blocked', 'The court sits in private: the public gallery cannot open.');
  if (blocked === 'protection')
    throw new CourtError('gallery_blocked', 'A protective measure applies: the public gallery cannot open while a protected person is heard.');
  return [event('gallery.opened', {})];
}

export function closeGallery(state: CourtroomState): Decided[] {
  if (!state.gallery) throw new CourtError('gallery_closed', 'The public gallery is not open.');
  return [event('gallery.closed', { cause: 'judge' })];
}

export function orderPrivate(state: CourtroomState, on: boolean, reason: string | undefined): Decided[] {
  if (state.phase === 'ended') throw new CourtError('hearing_ended', 'The hearing has ended.');
  if (on === (state.privateOrder !== null)) throw new CourtError('unchanged', on ? 'The court already sits in private.' : 'The court does not sit in private.');
  if (on && !reason) throw new CourtError('reason_required', 'Give the reason for sitting in private: it goes into the minutes.');
  return on ? [event('hearing.private_ordered', { reason: reason! })] : [event('hearing.private_lifted', {})];
}

/**
 * After any decision: a gallery open when the decision orders a protection, a private sitting or the
 * end is closed in the same decision, so no observer watches a moment of what it may not.
 */
export function closeGalleryAfter(state: CourtroomState, decided: readonly Decided[]): Decided[] {
  if (!state.gallery || decided.some((d) => d.type === 'gallery.closed')) return [];
  for (const d of decided) {
    if (d.type === 'hearing.private_ordered') return [event('gallery.closed', { cause: 'private' })];
    if (d.type === 'hearing.ended') return [event('gallery.closed', { cause: 'ended' })];
    if (d.type === 'hearing.adjourned') return [event('gallery.closed', { cause: 'adjourned' })];
    if (d.type === 'protection.set') {
      const p = d.data as HearingEventData<'protection.set'>;
      const ordered: Protection = {
        pseudonym: p.pseudonym,
        hideVideoFromObservers: p.hideVideoFromObservers,
        audioOnly: p.audioOnly,
        masking: { voice: p.voiceMasking ?? false, face: p.faceMasking ?? 'none' },
        hideLocation: p.hideLocation ?? false,
        restrictRecording: p.restrictRecording ?? false,
      };
      if (protects(ordered)) return [event('gallery.closed', { cause: 'protection' })];
    }
  }
  return [];
}
