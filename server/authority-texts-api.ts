/**
 * The authority's own texts of rights, caution, consent, oath and affirmation, for its coordinators:
 * which text is in force in each language (the authority's approved version, or Hearing Room's model
 * text), the history of every version, and loading a new one. A coordinator only ever reads and
 * loads the texts of her own authority: no route takes an authority's id. The SHA-256 a hearing's
 * record will name is computed here from the words, never taken from the client.
 */
import type { Logger } from 'pino';
import { z } from 'zod';
import { MODEL_TEXT_BOOK, MODEL_TEXT_LANGUAGES, TEXT_IDS, textBook, type CourtText } from '../courtroom/index.js';
import { languageDisplayName } from '../language/index.js';
import { LanguageTag } from '../language/tags.js';
import { SchedulingError, said } from '../scheduling/index.js';
import { TextVersionConflict, type AuthorityText, type Store } from '../store/index.js';
import type { Route } from './routes.js';

/** Control characters other than tab and newline cannot be shown and would change a hash unseen. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters, so it names them.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/;

/** Words as they will be shown and hashed: one form of each character, one kind of line end. */
const words = (max: number) =>
  z
    .string()
    .transform((s) => s.replace(/\r\n?/g, '\n').normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, 'must not be empty')
        .max(max, `must be at most ${max} characters`)
        .refine((s) => !CONTROL.test(s), 'must not contain control characters'),
    );

export const NewAuthorityText = z
  .object({
    textId: z.enum(TEXT_IDS, { message: `must be one of ${TEXT_IDS.join(', ')}` }),
    language: LanguageTag,
    version: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(32, 'must be at most 32 characters')
      .regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, 'must start with a letter or digit and hold only letters, digits, spaces and . _ / -'),
    title: words(200),
    body: words(20_000),
    approvedBy: words(200).meta({ description: 'Who approved the wording: the person’s name, the office, or both' }),
  })
  .strict();

export const TextHashParams = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hex digest') }).strict();
const NoQuery = z.object({}).strict();

/** A model text in brief: what an authority's version replaces in its language. */
const modelRef = (t: CourtText) => ({ textId: t.id, language: t.language, version: t.version, sha256: t.sha256, title: t.title });

/** An approved version with the model text it replaces in its language, if there is one. */
function approvedView(t: AuthorityText) {
  const model = MODEL_TEXT_BOOK.text(t.id, t.language);
  return {
    textId: t.id,
    language: t.language,
    version: t.version,
    title: t.title,
    body: t.body,
    sha256: t.sha256,
    approvedBy: t.approvedBy,
    loadedBy: t.loadedBy,
    seq: t.seq,
    createdAt: t.createdAt,
    supersedes: model ? modelRef(model) : null,
  };
}

/**
 * For every text, in every model language and every language the authority has its own, what a
 * person speaking it is given in a hearing of this authority alone (`textLanguage` differs where a
 * text of another region of the same language serves).
 */
function inForce(history: readonly AuthorityText[]) {
  const book = textBook(history);
  const languages = [...new Set([...MODEL_TEXT_LANGUAGES, ...history.map((t) => t.language)])];
  return TEXT_IDS.flatMap((id) =>
    languages.flatMap((language) => {
      const t = book.text(id, language);
      return t ? [{ textId: id, language, textLanguage: t.language, source: t.source, version: t.version, sha256: t.sha256, title: t.title }] : [];
    }),
  );
}

function refusal(error: TextVersionConflict): SchedulingError {
  const { existing } = error;
  const language = (reader: string) => `${languageDisplayName(existing.language, reader)} (${existing.language})`;
  return error.reason === 'version_exists'
    ? new SchedulingError(
        'text_version_exists',
        said('api.textVersionExists', { version: existing.version, language, date: existing.createdAt.slice(0, 10) }),
        'version',
      )
    : new SchedulingError('text_unchanged', said('api.textUnchanged', { version: existing.version, language }), 'body');
}

export function authorityTextRoutes(deps: { store: Store; log: Logger }): Route[] {
  return [
    {
      method: 'get',
      path: '/api/authority/texts',
      summary:
        "The own authority's texts of rights, caution, consent, oath and affirmation: the version in force per text and language with the model text it supersedes, which text applies in each language (the authority's or the model), and every version approved (without the words; read one by its hash)",
      query: NoQuery,
      async handler({ actor }) {
        const [current, history] = await Promise.all([
          deps.store.authorityTexts.current(actor.authorityId),
          deps.store.authorityTexts.history(actor.authorityId),
        ]);
        return {
          current: current.map(approvedView),
          inForce: inForce(history),
          history: history.map((t) => ({
            textId: t.id,
            language: t.language,
            version: t.version,
            title: t.title,
            sha256: t.sha256,
            approvedBy: t.approvedBy,
            seq: t.seq,
            createdAt: t.createdAt,
          })),
        };
      },
    },
    {
      method: 'get',
      path: '/api/authority/texts/{sha256}',
      summary: "One text by the SHA-256 a hearing's record names: a version the own authority approved (superseded ones too), or a model text",
      params: TextHashParams,
      async handler({ actor, params }) {
        const { sha256 } = params as z.infer<typeof TextHashParams>;
        const own = await deps.store.authorityTexts.byHash(actor.authorityId, sha256);
        if (own) return { source: 'authority', ...approvedView(own) };
        const model = MODEL_TEXT_BOOK.byHash(sha256);
        if (model) return { source: 'model', ...modelRef(model), body: model.body };
        throw new SchedulingError('not_found', said('api.noSuchText'));
      },
    },
    {
      method: 'post',
      path: '/api/authority/texts',
      summary:
        'Load a new approved version of one text in one language for the own authority. It is permanent: it applies to hearings opened from now on, and is never changed or removed. The SHA-256 is computed by the server from the title and body',
      body: NewAuthorityText,
      async handler({ actor, body, res }) {
        const input = body as z.infer<typeof NewAuthorityText>;
        let added: AuthorityText;
        try {
          added = await deps.store.authorityTexts.add({ authorityId: actor.authorityId, loadedBy: actor.coordinatorId, ...input });
        } catch (error) {
          if (error instanceof TextVersionConflict) throw refusal(error);
          throw error;
        }
        // Ids and hashes only: who approved it is personal data and stays in the store.
        deps.log.info(
          { authorityId: added.authorityId, textId: added.id, language: added.language, version: added.version, sha256: added.sha256 },
          'authority text approved and loaded',
        );
        res.status(201);
        return approvedView(added);
      },
    },
  ];
}
