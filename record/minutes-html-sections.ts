/**
 * The sections of one version of the printed minutes, in order and numbered; every version has the
 * same sections, so that they pair up side by side.
 */
import { integrity, type MinutesStatus } from './minutes-html-integrity.js';
import { interpretation } from './minutes-html-interpretation.js';
import { escapeHtml as e, pageOf, time, type Page } from './minutes-html-page.js';
import { others, personsHeard } from './minutes-html-people.js';
import { evidence, exhibits, extradition, formalities, interventionsAndClaims, pausesAndConsultations, statement } from './minutes-html-proceedings.js';
import { recording, technical } from './minutes-html-technical.js';
import type { Minutes } from './minutes-types.js';
import type { MinutesKey, MinutesWords } from './minutes-words.js';

/** Each section's heading and body; the chronology and the integrity come last, the page sets them apart. */
const SECTIONS: readonly [MinutesKey, (page: Page, status: MinutesStatus) => string][] = [
  ['html.h.date', dateAndPlace],
  ['html.h.personHeard', personsHeard],
  ['html.h.others', others],
  ['html.h.formalities', formalities],
  ['html.h.extradition', extradition],
  ['html.h.exhibits', exhibits],
  ['html.h.evidence', evidence],
  ['html.h.statement', statement],
  ['html.h.interventionsAndClaims', interventionsAndClaims],
  ['html.h.pausesAndConsultations', pausesAndConsultations],
  ['html.h.interpretation', interpretation],
  ['html.h.technical', technical],
  ['html.h.recording', recording],
  ['html.h.chronology', chronology],
  ['html.h.integrity', integrity],
];

export function sectionsOf(m: Minutes, status: MinutesStatus, w: MinutesWords): string[] {
  const page = pageOf(m, w);
  // The extradition and documents sections only where there is something to state: the minutes of other hearings keep their bytes.
  const sections = SECTIONS.filter(
    ([heading]) => (heading !== 'html.h.extradition' || (m.extradition?.length ?? 0) > 0) && (heading !== 'html.h.exhibits' || m.exhibits !== undefined),
  );
  return sections.map(([heading, body], i) => `<h2>${i + 1}. ${page.t(heading)}</h2>\n${body(page, status)}`);
}

function dateAndPlace(page: Page): string {
  const { m, w, t, utc, muted, duration, siteLine } = page;
  const ended = () => {
    const { ended: at, endedBy, endReason } = m.times;
    if (!at) return '—';
    const when = endedBy ? w.t('html.endedBy', { time: time(at), name: endedBy }) : w.t('html.utc', { time: time(at) });
    return e(endReason ? w.t('html.endedBecause', { ended: when, reason: endReason }) : when);
  };
  return `<dl>
  <dt>${t('html.dt.date')}</dt><dd>${m.dates.length === 0 ? muted(t('html.notOpened')) : m.dates.length === 1 ? e(w.date(`${m.dates[0]}T12:00:00Z`)) : t('html.dateRange', { from: w.date(`${m.dates[0]}T12:00:00Z`), to: w.date(`${m.dates.at(-1)}T12:00:00Z`) })}</dd>
  <dt>${t('html.dt.opened')}</dt><dd>${utc(m.times.opened)}</dd>
  <dt>${t('html.dt.inSession')}</dt><dd>${utc(m.times.inSession)}</dd>
  <dt>${t('html.dt.ended')}</dt><dd>${ended()}</dd>
  <dt>${t('html.dt.duration')}</dt><dd>${duration(m.times.inSession ?? m.times.opened, m.times.ended) || '—'}</dd>
  <dt>${t('html.dt.place')}</dt><dd>${t('html.placeValue')}</dd>
  <dt>${t('html.dt.seat')}</dt><dd>${siteLine('requesting')}</dd>
  <dt>${t('html.dt.siteHeard')}</dt><dd>${siteLine('requested')}</dd>
</dl>
<p class="note">${t('html.allUtc')}</p>`;
}

function chronology(page: Page): string {
  const { m, t } = page;
  return `<ol class="chronology">${m.chronology.map((c) => `<li><span class="time">${time(c.at)}</span> <span class="text">${e(c.text)}</span> <span class="entry">${t('html.entry', { seq: c.seq })}</span></li>`).join('')}</ol>`;
}
