/**
 * Who may do what: the one permission table. Every handler names the action it performs and the
 * server refuses it here, whatever the page shows or hides.
 */
import type { Role } from '../scheduling/index.js';
import type { MediaSource } from '../sfu/index.js';

export const ACTIONS = [
  /** Speak: send a microphone. */
  'media.send_audio',
  /** Be seen: send a camera. */
  'media.send_video',
  /** Show a document or screen to the hearing. */
  'media.share_screen',
  /** See and hear the hearing. */
  'media.receive',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE_WHO_SPEAKS: readonly Action[] = ['media.send_audio', 'media.send_video', 'media.receive'];

export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  presiding_judge: [...EVERYONE_WHO_SPEAKS, 'media.share_screen'],
  requested_officer: [...EVERYONE_WHO_SPEAKS, 'media.share_screen'],
  person_heard: EVERYONE_WHO_SPEAKS,
  counsel: [...EVERYONE_WHO_SPEAKS, 'media.share_screen'],
  prosecutor: [...EVERYONE_WHO_SPEAKS, 'media.share_screen'],
  interpreter: EVERYONE_WHO_SPEAKS,
  clerk: [...EVERYONE_WHO_SPEAKS, 'media.share_screen'],
  observer: ['media.receive'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

export function sendActionFor(source: MediaSource): Action {
  switch (source) {
    case 'microphone':
      return 'media.send_audio';
    case 'camera':
      return 'media.send_video';
    case 'screen':
      return 'media.share_screen';
  }
}
