/**
 * The invitation as words: the subject and the text a coordinator or a mailer sends, in the
 * recipient's language, and the same words for the calendar entry (SUMMARY, DESCRIPTION, LOCATION).
 * The time in her zone and the court's, her personal link, what to have ready; for a cancellation,
 * that it is cancelled and the link no longer works. Pure: no link is issued here.
 */
import type { Capacity, Role } from '../../model/roles.js';
import type { TimeWindow } from '../request.js';
import { FALLBACK_NOTICES, fallbackWarning, lettersFor } from './letters.js';
import { shortDateTime, timeLines, type Place } from './when.js';
import type { Said } from '../errors.js';

export interface InvitationMessageInput {
  /** The recipient's language, any BCP 47 tag. */
  language: string;
  recipient: { name: string; role: Role; capacity: Capacity | null; timeZone: string };
  caseReference: string;
  title: string;
  /** The requesting court, and the authority that hosts the person heard. */
  court: Place;
  requestedAuthority: Place;
  slot: TimeWindow;
  cancelled: boolean;
  /** Sent again because the time moved: said first, so nobody keeps the old time or the old link. */
  changed?: boolean;
  /** The hearing was adjourned by the court and this is its new date: said first, with what that means. */
  resumed?: boolean;
  joinUrl: string | null;
  contact: { name: string; email: string };
}

export interface InvitationMessage {
  /** The language it is written in, the recipient's own, and whether the first stands in for the second. */
  language: string;
  requested: string;
  fallback: boolean;
  /** The version of the texts it was written from. */
  version: string;
  subject: string;
  /** The whole message: greeting, then the description. */
  text: string;
  /** The same words for the calendar entry. */
  calendar: { summary: string; description: string; location: string };
  /** For the coordinator, in English. */
  warnings: Said[];
}

/** The value of the `function` message: the person heard's capacity, else the role (an observer is `other`). */
export function functionKey(role: Role, capacity: Capacity | null): string {
  if (role === 'person_heard' && capacity) return capacity;
  return role === 'observer' ? 'other' : role;
}

export function invitationMessage(input: InvitationMessageInput): InvitationMessage {
  const letters = lettersFor(input.language);
  const { recipient } = input;
  const date = shortDateTime(input.slot.start, recipient.timeZone, letters.locale);
  const changed = !input.cancelled && input.changed === true;
  const resumed = changed && input.resumed === true;
  const subjectKey = input.cancelled
    ? 'invitation.subjectCancelled'
    : resumed
      ? 'invitation.subjectResumed'
      : changed
        ? 'invitation.subjectChanged'
        : 'invitation.subject';
  const subject = letters.t(subjectKey, { date, caseReference: input.caseReference });
  const between = { court: input.court.name, requestedAuthority: input.requestedAuthority.name };
  const lines = timeLines(letters, input.slot, recipient.timeZone, input.court, input.requestedAuthority);
  const paragraphs = [
    letters.fallback ? FALLBACK_NOTICES.invitation(letters.requestedLanguageName()) : null,
    resumed ? letters.t('invitation.resumed') : changed ? letters.t('invitation.changed') : null,
    input.cancelled ? letters.t('invitation.cancelled') : letters.t('invitation.intro', { caseReference: input.caseReference, title: input.title, ...between }),
    letters.t('invitation.role', { function: letters.t('function', { function: functionKey(recipient.role, recipient.capacity) }) }),
    [letters.t('when.heading'), ...lines.map((line) => `${letters.t(...line.label)}\n${line.when}`)].join('\n\n'),
    input.joinUrl && !input.cancelled ? `${letters.t('invitation.link')}\n${input.joinUrl}` : null,
    input.cancelled ? null : letters.t('invitation.ready'),
    letters.t('invitation.contact', { name: input.contact.name, email: input.contact.email }),
  ].filter((p): p is string => p !== null);
  const description = paragraphs.join('\n\n');
  const warning = fallbackWarning(letters, 'invitation');
  return {
    language: letters.language,
    requested: letters.requested,
    fallback: letters.fallback,
    version: letters.version,
    subject,
    text: `${letters.t('invitation.greeting', { name: recipient.name })}\n\n${description}\n`,
    calendar: {
      summary: subject,
      description,
      location: input.joinUrl && !input.cancelled ? input.joinUrl : letters.t('invitation.location', between),
    },
    warnings: warning ? [warning] : [],
  };
}
