/**
 * A queued letter written out as the message the relay sends, in its recipient's language: the
 * invitation (or its update, or its cancellation) as the invitation message with its calendar file
 * as the message's text/calendar part, and the summons as an HTML document attached to a covering
 * message in the person's language. Composed once, at the first attempt (postman.ts), through the
 * same documents a coordinator downloads, so what is mailed is what she would have sent by hand.
 */
import type { ComposedMessage, QueuedLetter, Store } from '../../store/index.js';
import type { SchedulingDocuments } from '../documents.js';
import { lettersFor } from '../summons/letters.js';

/** Why a letter could not be written: nobody to send it to, or the hearing it was for moved on. */
export type NotComposed = { reason: 'no_address' | 'cancelled' };

export async function composeLetter(store: Store, documents: SchedulingDocuments, letter: QueuedLetter): Promise<ComposedMessage | NotComposed> {
  const request = await store.requests.get(letter.hearingId);
  if (!request) return { reason: 'cancelled' };
  const people = await store.requests.people(letter.hearingId);
  if (letter.kind === 'summons') {
    // The summons was for a hearing that is no longer to be held: the cancellation says so instead.
    if (request.stage === 'cancelled') return { reason: 'cancelled' };
    const person = people.find((p) => p.role === 'person_heard');
    if (!person?.email) return { reason: 'no_address' };
    const summons = await documents.summons(letter.actor, letter.hearingId);
    const letters = lettersFor(summons.language);
    const [organizer] = await store.authorities.coordinatorsOf(request.requestingAuthorityId);
    const court = await store.authorities.get(request.requestingAuthorityId);
    const contact = { name: `${organizer?.displayName ?? ''} (${court?.name ?? ''})`, email: organizer?.email ?? '' };
    const safeReference = request.caseReference.replace(/[^\p{L}\p{N}-]+/gu, '-');
    return {
      to: [{ name: person.displayName, address: person.email }],
      subject: letters.t('summons.mailSubject', { caseReference: request.caseReference }),
      text: [
        letters.t('invitation.greeting', { name: person.displayName }),
        letters.t('summons.mailText', { caseReference: request.caseReference }),
        letters.t('invitation.contact', contact),
      ].join('\n\n'),
      language: summons.language,
      calendar: null,
      attachments: [{ filename: `${safeReference}-${summons.language}.html`, contentType: 'text/html; charset=utf-8', content: summons.html }],
    };
  }
  const person = people.find((p) => p.id === letter.participantId);
  if (!person?.email) return { reason: 'no_address' };
  // An invitation or an update queued before the hearing was cancelled is not sent: its cancellation is.
  if (letter.kind !== 'cancellation' && request.stage === 'cancelled') return { reason: 'cancelled' };
  const invitation = await documents.invitation(letter.actor, letter.hearingId, person.id, { changed: letter.kind === 'update' });
  return {
    to: [{ name: person.displayName, address: person.email }],
    subject: invitation.message.subject,
    text: invitation.message.text,
    language: invitation.message.language,
    calendar: { method: letter.kind === 'cancellation' ? 'CANCEL' : 'REQUEST', filename: invitation.filename, content: invitation.ics },
    attachments: [],
  };
}
