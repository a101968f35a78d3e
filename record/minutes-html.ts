/**
 * The minutes as a printable page: server-rendered HTML, every value escaped, no script and no
 * inline style (the Content-Security-Policy allows neither); the look comes from a stylesheet
 * (web/minutes.css, served as /assets/minutes.css) with print rules for A4.
 *
 * Where the minutes have a version in the requested state's language, each section is printed
 * side by side in both (the court's first), each in its own language and direction, so that a
 * reader of either can find the same statement in the other at the same height.
 *
 * Times are given in UTC, with each site's offset stated once at the top, so that a reader in
 * either state can convert them without ambiguity.
 */
import type { MinutesStatus } from './minutes-html-integrity.js';
import { escapeHtml as e } from './minutes-html-page.js';
import { sectionsOf } from './minutes-html-sections.js';
import type { Minutes } from './minutes-types.js';
import { MinutesWords } from './minutes-words.js';

export type { CustodyEntry, MinutesStatus } from './minutes-html-integrity.js';
export { escapeHtml } from './minutes-html-page.js';

export function renderMinutesHtml(minutes: Minutes, status: MinutesStatus, options: { stylesheet?: string } = {}): string {
  const stylesheet = options.stylesheet ?? '/assets/minutes.css';
  const versions = [minutes, ...(minutes.translation ? [minutes.translation] : [])].map((m) => ({ m, w: new MinutesWords(m.language) }));
  const rendered = versions.map(({ m, w }) => sectionsOf(m, status, w));
  const court = versions[0]!.w;
  const attributes = (w: MinutesWords) => `lang="${e(w.language)}" dir="${w.dir}"`;
  /** One section in every version: side by side where there are two. */
  const pair = (index: number, className: string) => {
    const cells = rendered
      .map(
        (sections, v) =>
          `<div class="version" role="group" aria-label="${e(versions[v]!.w.t('html.versionOf', { language: versions[v]!.w.languageName(versions[v]!.m.language) }))}" ${attributes(versions[v]!.w)}>${sections[index]}</div>`,
      )
      .join('\n');
    return `<section class="${className}${versions.length > 1 ? ' side-by-side' : ''}">\n${cells}\n</section>`;
  };
  const sectionCount = rendered[0]!.length;
  const classes = (i: number) => (i === sectionCount - 2 ? 'chronology-section' : i === sectionCount - 1 ? 'integrity' : 'part');
  const m = minutes;
  return `<!doctype html>
<html ${attributes(court)}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(court.t('html.title', { caseReference: m.hearing.caseReference, title: m.hearing.title }))}</title>
<link rel="stylesheet" href="${e(stylesheet)}">
</head>
<body>
<main class="minutes${versions.length > 1 ? ' two-languages' : ''}">
<header>
  ${versions.map(({ w }) => `<p class="kind" ${attributes(w)}>${e(w.t('html.kind'))}</p>`).join('\n  ')}
  <h1><bdi>${e(m.hearing.title)}</bdi></h1>
  ${versions.map(({ w }) => `<p class="case" ${attributes(w)}>${e(w.t('html.caseReference'))} <strong><bdi>${e(m.hearing.caseReference)}</bdi></strong></p>`).join('\n  ')}
  ${m.status === 'draft' ? versions.map(({ w }) => `<p class="draft" ${attributes(w)}>${e(w.t('html.draft'))}</p>`).join('\n  ') : ''}
  ${versions.map(({ w }) => `<p class="languages" ${attributes(w)}>${e(languagesStatement(m, w))}</p>`).join('\n  ')}
</header>
${Array.from({ length: sectionCount }, (_, i) => pair(i, classes(i))).join('\n')}
</main>
</body>
</html>
`;
}

/** Which languages the minutes are given in, and where the requested state's language has no version, that it must be translated. */
function languagesStatement(m: Minutes, w: MinutesWords): string {
  const court = w.languageName(m.language);
  if (m.translation) return w.t('html.languages.two', { court, requested: w.languageName(m.translation.language) });
  const requested = new Intl.Locale(m.languages.requested).language;
  if (requested === m.language) return w.t('html.languages.one', { court });
  return w.t('html.languages.missing', { court, requested: w.languageName(m.languages.requested) });
}
