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
  const day = (date: string) => w.date(`${date}T12:00:00Z`);
  // An adjourned hearing sat on the days of its sittings, named one by one; otherwise on a run of days.
  const dates =
    m.dates.length === 0
      ? muted(t('html.notOpened'))
      : m.dates.length === 1
        ? e(day(m.dates[0]!))
        : m.sittings
          ? e(w.list(m.dates.map(day)))
          : t('html.dateRange', { from: day(m.dates[0]!), to: day(m.dates.at(-1)!) });
  return `<dl>
  <dt>${t('html.dt.date')}</dt><dd>${dates}</dd>${sittings(page)}
  <dt>${t('html.dt.opened')}</dt><dd>${utc(m.times.opened)}</dd>
  <dt>${t('html.dt.inSession')}</dt><dd>${utc(m.times.inSession)}</dd>
  <dt>${t('html.dt.ended')}</dt><dd>${ended()}</dd>
  <dt>${t('html.dt.duration')}</dt><dd>${(m.sittings ? sittingTime(page) : duration(m.times.inSession ?? m.times.opened, m.times.ended)) || '—'}</dd>
  <dt>${t('html.dt.place')}</dt><dd>${t('html.placeValue')}</dd>
  <dt>${t('html.dt.seat')}</dt><dd>${siteLine('requesting')}</dd>
  <dt>${t('html.dt.siteHeard')}</dt><dd>${siteLine('requested')}</dd>
</dl>
<p class="note">${t('html.allUtc')}</p>`;
}

/** How long an adjourned hearing sat: its sittings added up, not the days between them. */
function sittingTime(page: Page): string {
  const { m, duration } = page;
  const end = m.times.ended;
  let total = 0;
  for (const s of m.sittings ?? []) {
    const to = s.adjourned ?? end;
    if (!to) return '';
    total += Date.parse(to) - Date.parse(s.opened);
  }
  return duration(new Date(0).toISOString(), new Date(total).toISOString());
}

/** Each sitting of an adjourned hearing: when it opened, and when and why the court adjourned it. */
function sittings(page: Page): string {
  const { m, t, w } = page;
  if (!m.sittings) return '';
  const items = m.sittings.map((s, i) => {
    const opened = w.t('html.dateTime', { date: w.date(s.opened), time: time(s.opened) });
    const text = s.adjourned
      ? w.t('html.sittingAdjourned', {
          sitting: i + 1,
          opened,
          adjourned: w.t('html.dateTime', { date: w.date(s.adjourned), time: time(s.adjourned) }),
          reason: s.reason ?? '',
        })
      : w.t('html.sittingLast', { sitting: i + 1, opened });
    return `<li>${e(text)}</li>`;
  });
  return `
  <dt>${t('html.dt.sittings')}</dt><dd><ol class="sittings">${items.join('')}</ol></dd>`;
}

function chronology(page: Page): string {
  const { m, t } = page;
  return `<ol class="chronology">${m.chronology.map((c) => `<li><span class="time">${time(c.at)}</span> <span class="text">${e(c.text)}</span> <span class="entry">${t('html.entry', { seq: c.seq })}</span></li>`).join('')}</ol>`;
}
