/**
 * What a page says in a language, for tests that drive a page as its reader would: the test finds a
 * button by the words its reader sees, from the same catalogue the page uses, so a page that fell
 * back to English where it should speak Italian fails the test.
 */
import { languageDisplayName, translatorFor, type MessageKey, type MessageValues } from '../../language/index.js';

export type Words = ((key: MessageKey, values?: MessageValues) => string) & { language: (tag: string) => string };

export async function wordsOf(tag: string): Promise<Words> {
  const translator = await translatorFor(tag);
  return Object.assign((key: MessageKey, values?: MessageValues) => translator.t(key, values), {
    language: (code: string) => languageDisplayName(code, translator.language),
  });
}
