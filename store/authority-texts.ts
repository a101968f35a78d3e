/**
 * The texts of rights, caution, consent, oath and affirmation that an authority has approved, one row
 * per version and language. A version is added once and never changed or removed (the database
 * refuses both, migration 6): a hearing's record names the exact words by their SHA-256, which the
 * store computes itself from the title and body, so a row cannot claim a hash its words do not have.
 * The version in force in a language is the one approved last (`seq`); the label is the authority's.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { TEXT_IDS, textHash, type CourtText, type TextId } from '../model/text.js';
import { isDuplicateKey, type SqlDriver } from './driver.js';

export interface AuthorityText extends CourtText {
  source: 'authority';
  authorityId: string;
  /** Who approved the wording, as the authority names them: a person, an office, or both. */
  approvedBy: string;
  /** The coordinator account that loaded it; null when loaded without one. */
  loadedBy: string | null;
  /** Its place among the versions of this text in this language, in the order approved: 1, 2, … */
  seq: number;
  createdAt: string;
}

export interface NewAuthorityText {
  authorityId: string;
  textId: TextId;
  /** BCP 47, canonical (checked where it came in). */
  language: string;
  version: string;
  title: string;
  body: string;
  approvedBy: string;
  loadedBy: string | null;
}

/** Why a version was not added: its label is taken, or its words are those of the version in force. */
export class TextVersionConflict extends Error {
  constructor(
    readonly reason: 'version_exists' | 'same_words',
    readonly existing: AuthorityText,
  ) {
    super(`authority text ${existing.id} ${existing.language}: ${reason}`);
    this.name = 'TextVersionConflict';
  }
}

const Row = z.object({
  authority_id: z.string(),
  text_id: z.enum(TEXT_IDS),
  language: z.string(),
  version: z.string(),
  title: z.string(),
  body: z.string(),
  sha256: z.string(),
  approved_by: z.string(),
  loaded_by: z.string().nullable(),
  seq: z.coerce.number().int(),
  created_at: z.string(),
});

function toText(row: unknown): AuthorityText {
  const r = Row.parse(row);
  return {
    id: r.text_id,
    version: r.version,
    language: r.language,
    title: r.title,
    body: r.body,
    sha256: r.sha256,
    source: 'authority',
    authorityId: r.authority_id,
    approvedBy: r.approved_by,
    loadedBy: r.loaded_by,
    seq: r.seq,
    createdAt: r.created_at,
  };
}

const COLUMNS = 'authority_id, text_id, language, version, title, body, sha256, approved_by, loaded_by, seq, created_at';
const ORDERED = 'ORDER BY text_id, language, seq';
const MAX_ADD_ATTEMPTS = 5;

export function authorityTextRepository(db: SqlDriver) {
  return {
    /**
     * Adds an approved version after the others of its text and language. Refused with
     * TextVersionConflict when the label exists, or when the words are those already in force.
     */
    async add(input: NewAuthorityText): Promise<AuthorityText> {
      const sha256 = textHash(input.title, input.body);
      for (let attempt = 1; ; attempt++) {
        try {
          return await db.transaction(async (tx) => {
            const versions = (
              await tx.all(`SELECT ${COLUMNS} FROM authority_texts WHERE authority_id = ? AND text_id = ? AND language = ? ORDER BY seq`, [
                input.authorityId,
                input.textId,
                input.language,
              ])
            ).map(toText);
            const taken = versions.find((v) => v.version === input.version);
            if (taken) throw new TextVersionConflict('version_exists', taken);
            const inForce = versions.at(-1);
            if (inForce?.sha256 === sha256) throw new TextVersionConflict('same_words', inForce);
            const text: AuthorityText = {
              id: input.textId,
              version: input.version,
              language: input.language,
              title: input.title,
              body: input.body,
              sha256,
              source: 'authority',
              authorityId: input.authorityId,
              approvedBy: input.approvedBy,
              loadedBy: input.loadedBy,
              seq: (inForce?.seq ?? 0) + 1,
              createdAt: new Date().toISOString(),
            };
            await tx.run(`INSERT INTO authority_texts (id, ${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
              randomUUID(),
              text.authorityId,
              text.id,
              text.language,
              text.version,
              text.title,
              text.body,
              text.sha256,
              text.approvedBy,
              text.loadedBy,
              text.seq,
              text.createdAt,
            ]);
            return text;
          });
        } catch (error) {
          // Another node added a version of the same text at the same moment: read again and decide anew.
          if (isDuplicateKey(error) && attempt < MAX_ADD_ATTEMPTS) continue;
          throw error;
        }
      }
    },

    /** The version in force of each text in each language the authority has loaded. */
    async current(authorityId: string): Promise<AuthorityText[]> {
      const rows = await db.all(
        `SELECT ${COLUMNS} FROM authority_texts t WHERE authority_id = ? AND seq = (
           SELECT MAX(seq) FROM authority_texts l WHERE l.authority_id = t.authority_id AND l.text_id = t.text_id AND l.language = t.language
         ) ${ORDERED}`,
        [authorityId],
      );
      return rows.map(toText);
    },

    /**
     * Every version the authority has approved, each text and language in the order approved; with
     * `approvedBy` (an ISO instant), only those approved by then.
     */
    async history(authorityId: string, approvedBy?: string): Promise<AuthorityText[]> {
      const rows =
        approvedBy === undefined
          ? await db.all(`SELECT ${COLUMNS} FROM authority_texts WHERE authority_id = ? ${ORDERED}`, [authorityId])
          : await db.all(`SELECT ${COLUMNS} FROM authority_texts WHERE authority_id = ? AND created_at <= ? ${ORDERED}`, [authorityId, approvedBy]);
      return rows.map(toText);
    },

    /** The version with these exact words (the first approved, should an authority approve the same words twice). */
    async byHash(authorityId: string, sha256: string): Promise<AuthorityText | null> {
      const [row] = await db.all(`SELECT ${COLUMNS} FROM authority_texts WHERE authority_id = ? AND sha256 = ? ORDER BY created_at, seq`, [
        authorityId,
        sha256,
      ]);
      return row ? toText(row) : null;
    },
  };
}
export type AuthorityTextRepository = ReturnType<typeof authorityTextRepository>;
