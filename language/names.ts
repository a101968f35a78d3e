/** A language's name as a reader of `inLanguage` knows it ("italiano" for an Italian, "Italian" for an English reader). */
export function languageDisplayName(tag: string, inLanguage: string): string {
  try {
    return new Intl.DisplayNames([inLanguage], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
