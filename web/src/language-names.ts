/** A language's name in the page's language: "espagnol" for es on a French page; the code itself where the browser has no name. */
export function languageName(code: string, pageLanguage: string): string {
  try {
    return new Intl.DisplayNames([pageLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
