/**
 * The court's language and the texts of rights, caution, consent, oath and affirmation one hearing
 * puts before the person heard, read from the store when the hearing's court is loaded.
 *
 * Precedence, language by language: the requesting authority's approved texts first, because its
 * court conducts the hearing and its law governs the caution and the oath; then the requested
 * authority's, which fill the languages the requesting authority has no text in (the person heard
 * lives in the requested state, whose authority may well hold the text in her language); then
 * Hearing Room's model texts. A hearing with no cross-border request behind it (the demo) has the
 * model texts alone.
 *
 * A hearing keeps the texts in force when it opened (the record's `hearing.opened` entry): a version
 * approved later applies from the next hearing on. Every gate of one hearing is then passed on one
 * set of approved words — the officer prepares with them, the summons announced them — and the book
 * is the same whether the court was loaded before or after a restart, because it is read up to an
 * instant the record holds. Until the hearing opens the book holds what is approved so far, and it
 * is read again at the moment it opens. Every version the book was built from stays in it, so a
 * record always finds the exact words it names by their hash.
 */
import { textBook, type HearingLanguages } from '../courtroom/index.js';
import { courtLanguageOf } from '../scheduling/index.js';
import type { SignalingContext } from './context.js';

/** `openedAt`: when the hearing opened, if it has; texts approved after it do not apply. */
export async function hearingLanguages(ctx: Pick<SignalingContext, 'store'>, hearingId: string, openedAt?: string): Promise<HearingLanguages> {
  const [hearing, participants, request] = await Promise.all([
    ctx.store.hearings.get(hearingId),
    ctx.store.participants.listByHearing(hearingId),
    ctx.store.requests.get(hearingId),
  ]);
  const authorities = request ? [request.requestingAuthorityId, request.requestedAuthorityId] : [];
  const approved = await Promise.all(authorities.map((id) => ctx.store.authorityTexts.history(id, openedAt)));
  return { courtLanguage: hearing ? courtLanguageOf(hearing, participants) : 'en', texts: textBook(...approved) };
}
