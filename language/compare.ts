/** Whether two tags name the same language for a reader or a listener. */

/** The primary language subtag, lower case: `pt-BR` and `pt` are both Portuguese. */
export function primaryLanguage(tag: string): string {
  return tag.split('-')[0]!.toLowerCase();
}

function scriptOf(tag: string): string | undefined {
  try {
    return new Intl.Locale(tag).maximize().script;
  } catch {
    return undefined;
  }
}

/**
 * The same language, whatever the region: a Brazilian reads a Portuguese text. Written Chinese is
 * the exception: simplified and traditional scripts are not interchangeable for a reader.
 */
export function sameLanguage(a: string, b: string): boolean {
  if (primaryLanguage(a) !== primaryLanguage(b)) return false;
  if (primaryLanguage(a) !== 'zh') return true;
  return (scriptOf(a) ?? 'Hans') === (scriptOf(b) ?? 'Hans');
}
