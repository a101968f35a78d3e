/**
 * What a text put before the person heard is: one of the court's texts, a version, a language and the
 * exact words, named by the SHA-256 of those words so that the record proves which were shown. The
 * texts themselves live with the court (`courtroom/texts.ts`) and with each authority (the store).
 */
import { createHash } from 'node:crypto';

export const TEXT_IDS = ['rights-and-caution', 'consent-video-hearing', 'oath', 'affirmation', 'extradition-consent', 'speciality-renunciation'] as const;
export type TextId = (typeof TEXT_IDS)[number];

export interface ModelText {
  title: string;
  body: string;
}
export type ModelTexts = Record<TextId, ModelText>;

export interface CourtText {
  id: TextId;
  version: string;
  /** BCP 47. */
  language: string;
  title: string;
  body: string;
  sha256: string;
  /** `model`: shipped with Hearing Room, not approved by any authority; `authority`: loaded by the authority. */
  source: 'model' | 'authority';
}

/** The hash a record names: the title and the body exactly as shown. */
export function textHash(title: string, body: string): string {
  return createHash('sha256').update(`${title}\n\n${body}`, 'utf8').digest('hex');
}
