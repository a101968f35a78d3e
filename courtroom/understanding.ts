/**
 * Gates that follow understanding (Dir. 2010/64 Art. 2–3, ECHR Art. 6(3)(a) and (e)): rights, caution,
 * consent and the oath count only if the person heard understood them — because the text was put
 * before her in her own language, or because an interpreter into her language was live on her channel
 * at that moment to render it. Which of the two, who interpreted and the text's exact version go into
 * the record. A language with neither a text nor a live interpreter blocks the gate, in words the
 * officer and the judge can act on.
 */
import { languageDisplayName, sameLanguage } from '../language/index.js';
import type { Participant } from '../model/hearing.js';
import { CourtError, type CourtContext } from './outcome.js';
import type { CourtroomState } from './state.js';
import type { CourtText, TextId } from './texts.js';

export interface Understanding {
  /** The language in which the person heard understood: her own. */
  language: string;
  /** `text`: the text was in her language; `interpreter`: a live interpreter rendered it. */
  via: 'text' | 'interpreter';
  /** For `interpreter`: who was live on her channel. */
  interpreterId?: string;
}

const TEXT_NAMES: Record<TextId, string> = {
  'rights-and-caution': 'rights and caution',
  'consent-video-hearing': 'consent form',
  oath: 'oath',
  affirmation: 'affirmation',
  'extradition-consent': 'consent to surrender',
  'speciality-renunciation': 'renunciation of speciality',
};

/** The person heard's language: her own where known, else the court's (nothing can be checked against an unknown language). */
export function languageOfPerson(person: Participant, ctx: Pick<CourtContext, 'courtLanguage'>): string {
  return person.language ?? ctx.courtLanguage;
}

/** The interpreter live now on the channel into this language, connected and in the courtroom. */
export function liveInterpreterInto(state: CourtroomState, ctx: CourtContext, language: string): Participant | null {
  for (const [channel, id] of state.interpretation.live) {
    if (!sameLanguage(channel, language) || !ctx.present.has(id)) continue;
    const interpreter = ctx.participants.get(id);
    if (interpreter && state.admitted.has(id)) return interpreter;
  }
  return null;
}

/**
 * Which text to put before the person heard and how she understands it. `asked` is the language the
 * officer chose, if any; otherwise her own language's text, or with a live interpreter the text in
 * the language the interpreter works from (else the court's).
 */
export function textUnderstood(
  state: CourtroomState,
  ctx: CourtContext,
  person: Participant,
  id: TextId,
  asked: string | undefined,
): { text: CourtText; understanding: Understanding } {
  const own = languageOfPerson(person, ctx);
  const name = (tag: string) => languageDisplayName(tag, 'en');
  if (asked && !ctx.texts.text(id, asked)) {
    throw new CourtError('no_text', `There is no ${TEXT_NAMES[id]} text in ${name(asked)}. Choose another language, or load the authority’s approved text.`);
  }
  const ownText = ctx.texts.text(id, own);
  if (ownText && (!asked || sameLanguage(asked, own))) return { text: ownText, understanding: { language: own, via: 'text' } };
  const interpreter = liveInterpreterInto(state, ctx, own);
  if (interpreter) {
    const from = interpreter.interprets?.from;
    const text =
      (asked && ctx.texts.text(id, asked)) || (from && ctx.texts.text(id, from)) || ctx.texts.text(id, ctx.courtLanguage) || ctx.texts.text(id, 'en');
    if (text) return { text, understanding: { language: own, via: 'interpreter', interpreterId: interpreter.id } };
  }
  if (asked && ownText) {
    throw new CourtError(
      'not_understood',
      `${person.displayName} speaks ${name(own)}: show the ${TEXT_NAMES[id]} in ${name(own)}, or in ${name(asked)} only while an interpreter into ${name(own)} is live.`,
    );
  }
  throw new CourtError(
    'not_understood',
    `${person.displayName} speaks ${name(own)}, and there is no ${TEXT_NAMES[id]} text in ${name(own)} and no interpreter into ${name(own)} is live. ` +
      `Ask the ${name(own)} interpreter to go live on the ${name(own)} channel, or load the authority’s approved ${name(own)} text.`,
  );
}

/**
 * What a gate can rely on now, for the consoles: whether a text exists in her language and who is
 * live into it. The officer sees before pressing a button whether the gate will hold.
 */
export function understandingNow(
  state: CourtroomState,
  ctx: Pick<CourtContext, 'courtLanguage' | 'texts'>,
  person: Participant,
): { language: string; text: boolean; interpreterId: string | null } {
  const language = languageOfPerson(person, ctx);
  // A live interpreter who disconnects is released on the record, so the state's live map is who is on the air.
  const live = [...state.interpretation.live].find(([channel]) => sameLanguage(channel, language));
  return { language, text: ctx.texts.text('rights-and-caution', language) !== null, interpreterId: live?.[1] ?? null };
}
