/**
 * Which way a language is written. Intl.Locale's text info where the runtime has it (Chromium,
 * Node 21+), else the scripts written right to left by the languages that use them by default.
 */
const RIGHT_TO_LEFT = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'ha-Arab', 'he', 'iw', 'ks', 'ku-Arab', 'pa-Arab', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Rohg']);

type LocaleWithTextInfo = Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

export function directionOf(tag: string): 'ltr' | 'rtl' {
  try {
    const locale = new Intl.Locale(tag) as LocaleWithTextInfo;
    // An explicit script decides (ICU's text info ignores it: az-Arab reads as left to right).
    if (locale.script) return RTL_SCRIPTS.has(locale.script) ? 'rtl' : 'ltr';
    const info = locale.getTextInfo?.() ?? locale.textInfo;
    if (info?.direction === 'rtl' || info?.direction === 'ltr') return info.direction;
    return RIGHT_TO_LEFT.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
