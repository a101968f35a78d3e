/**
 * Who may do what: the one permission table. Every handler names the action it performs and the
 * server refuses it here, whatever the page shows or hides.
 */
import type { Role } from '../scheduling/index.js';
import type { MediaSource } from '../sfu/index.js';
import type { CourtCommandName } from '../courtroom/index.js';

export const ACTIONS = [
  /** Speak: send a microphone. */
  'media.send_audio',
  /** Be seen: send a camera. */
  'media.send_video',
  /** Show a document or screen to the hearing. */
  'media.share_screen',
  /** See and hear the hearing. */
  'media.receive',
  /** Conduct the hearing: go live, admit, send back, remove, mute, spotlight, pause, end, give the floor, start and stop recording. */
  'court.preside',
  /** The requested state's powers: intervene (pause, suspend, stop recording, end) and lift the intervention. */
  'court.intervene',
  /** Verify identity, put rights before the person heard, record consent and oath. */
  'court.record_gates',
  /** Confirm another participant's name and function for the minutes. */
  'court.confirm_identity',
  /** The person heard's own acts: acknowledge rights, withdraw consent. */
  'court.acknowledge',
  /** The requested state's judge in an extradition: put consent to surrender or renunciation of speciality before the person sought, and confirm it. */
  'extradition.take_declaration',
  /** Attest, for the record, that one advised (counsel) or interpreted for (interpreter) the person sought on her declaration. */
  'extradition.attest',
  /** The person sought's own declaration, and its revocation where the law allows. */
  'extradition.declare',
  /** Submit a document to the hearing's bundle. */
  'exhibits.submit',
  /** Claim a privilege or refuse to answer, for the minutes. */
  'court.claim_privilege',
  /** Consult privately: counsel, the person heard, an interpreter. */
  'court.consult',
  /** Interpret: speak into one's channel and the booth's private line, go live, hand over, choose the source, ask to slow down. */
  'interpretation.interpret',
  /** Flag a problem with the interpretation, for the record: whoever relies on it or conducts the hearing. */
  'interpretation.flag',
  /** Write the live captions of what is said on the floor, into the record. */
  'captions.write',
  /** Read the minutes (and verify the recordings): those who answer for the hearing and keep its record. */
  'minutes.read',
  /** Sign the minutes for the requesting court. */
  'minutes.sign',
  /** For the requested state: state identification and respect of its law, countersign, transmit. */
  'minutes.countersign',
] as const;
export type Action = (typeof ACTIONS)[number];

const EVERYONE_WHO_SPEAKS: readonly Action[] = ['media.send_audio', 'media.send_video', 'media.receive'];

export const PERMISSIONS: Readonly<Record<Role, readonly Action[]>> = {
  presiding_judge: [
    ...EVERYONE_WHO_SPEAKS,
    'media.share_screen',
    'court.preside',
    'exhibits.submit',
    'court.confirm_identity',
    'interpretation.flag',
    'minutes.read',
    'minutes.sign',
  ],
  requested_officer: [
    ...EVERYONE_WHO_SPEAKS,
    'media.share_screen',
    'court.intervene',
    'court.record_gates',
    'court.confirm_identity',
    'extradition.take_declaration',
    'exhibits.submit',
    'interpretation.flag',
    'minutes.read',
    'minutes.countersign',
  ],
  person_heard: [...EVERYONE_WHO_SPEAKS, 'court.acknowledge', 'extradition.declare', 'court.claim_privilege', 'court.consult', 'interpretation.flag'],
  counsel: [
    ...EVERYONE_WHO_SPEAKS,
    'media.share_screen',
    'court.claim_privilege',
    'court.consult',
    'extradition.attest',
    'exhibits.submit',
    'interpretation.flag',
  ],
  prosecutor: [...EVERYONE_WHO_SPEAKS, 'media.share_screen', 'exhibits.submit', 'interpretation.flag'],
  interpreter: [...EVERYONE_WHO_SPEAKS, 'court.consult', 'extradition.attest', 'interpretation.interpret', 'interpretation.flag'],
  clerk: [...EVERYONE_WHO_SPEAKS, 'media.share_screen', 'exhibits.submit', 'minutes.read'],
  observer: ['media.receive'],
  // Beside a vulnerable person heard, seen and heard by the court; no part in the proceedings.
  support_person: [...EVERYONE_WHO_SPEAKS],
  // Hears the floor and writes it; never heard or seen.
  captioner: ['media.receive', 'captions.write'],
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role].includes(action);
}

/** The roles allowed an action, from the table. */
export function rolesThatCan(action: Action): ReadonlySet<Role> {
  return new Set((Object.keys(PERMISSIONS) as Role[]).filter((role) => can(role, action)));
}

export function sendActionFor(source: MediaSource): Action {
  switch (source) {
    case 'microphone':
      return 'media.send_audio';
    case 'camera':
      return 'media.send_video';
    case 'screen':
      return 'media.share_screen';
    case 'interpretation':
    case 'booth':
      return 'interpretation.interpret';
  }
}

/** The permission each court command needs; the two judicial authorities' powers do not overlap. */
export const COURT_COMMAND_PERMISSIONS: Readonly<Record<CourtCommandName, Action>> = {
  'court:go-live': 'court.preside',
  'court:admit': 'court.preside',
  'court:send-back': 'court.preside',
  'court:remove': 'court.preside',
  'court:mute': 'court.preside',
  'court:ask-unmute': 'court.preside',
  'court:spotlight': 'court.preside',
  'court:pause': 'court.preside',
  'court:resume': 'court.preside',
  'court:break': 'court.preside',
  'court:gallery': 'court.preside',
  'court:private': 'court.preside',
  'court:end': 'court.preside',
  'court:adjourn': 'court.preside',
  'court:testimony': 'court.preside',
  'court:start-recording': 'court.preside',
  'court:stop-recording': 'court.preside',
  'court:protect': 'court.preside',
  'court:order-audio-only': 'court.preside',
  'court:audio-only': 'media.receive',
  'court:confirm-identity': 'court.confirm_identity',
  'court:intervene': 'court.intervene',
  'court:lift-intervention': 'court.intervene',
  'court:verify-identity': 'court.record_gates',
  'court:show-rights': 'court.record_gates',
  'court:record-consent': 'court.record_gates',
  'court:record-oath': 'court.record_gates',
  'court:acknowledge-rights': 'court.acknowledge',
  'court:withdraw-consent': 'court.acknowledge',
  'court:claim-privilege': 'court.claim_privilege',
  'court:consult': 'court.consult',
  'court:end-consultation': 'court.consult',
  'extradition:inform': 'extradition.take_declaration',
  'extradition:confirm': 'extradition.take_declaration',
  'extradition:attest': 'extradition.attest',
  'extradition:declare': 'extradition.declare',
  'extradition:revoke': 'extradition.declare',
  'court:show-exhibit': 'court.preside',
  'court:stop-exhibit': 'court.preside',
  'interpretation:mode': 'court.preside',
  'interpretation:take': 'interpretation.interpret',
  'interpretation:hand-over': 'interpretation.interpret',
  'interpretation:release': 'interpretation.interpret',
  'interpretation:source': 'interpretation.interpret',
  'interpretation:slow-down': 'interpretation.interpret',
  'interpretation:problem': 'interpretation.flag',
  'captions:line': 'captions.write',
  'interpretation:sound-check': 'interpretation.interpret',
};
