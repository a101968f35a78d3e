/** The people in the printed minutes: the persons heard, each on her own, and everyone else in a table. */
import { escapeHtml as e, table, time, type Page } from './minutes-html-page.js';

export function personsHeard(page: Page): string {
  const { m, w, t, muted, name, siteName, attendance } = page;
  const heard = m.personsHeard
    .map(
      (p) => `
    <div class="person-heard">
      <p class="name">${name(p.name)}${p.realNameWithheld ? ` <span class="tag">${t('html.pseudonym')}</span>` : ''}</p>
      <dl>
        <dt>${t('html.dt.capacity')}</dt><dd>${e(p.capacity ?? p.function)}</dd>${p.vulnerability ? `\n        <dt>${t('html.dt.vulnerability')}</dt><dd>${e(p.vulnerability)}</dd>` : ''}
        <dt>${t('html.dt.site')}</dt><dd>${p.locationWithheld ? t('html.locationWithheld') : siteName(p.site)}</dd>
        <dt>${t('html.dt.present')}</dt><dd>${attendance(p.attendance)}</dd>
        <dt>${t('html.dt.protectiveMeasures')}</dt><dd>${p.protectiveMeasures.length === 0 ? t('html.none') : p.protectiveMeasures.map((x) => `${e(x.measures.join('; '))} ${muted(t('html.orderedBy', { time: time(x.at), name: x.orderedBy ?? w.t('person.system') }))}`).join('<br>')}</dd>
        ${p.removed ? `<dt>${t('html.dt.removed')}</dt><dd>${time(p.removed.at)}: ${e(p.removed.reason)}</dd>` : ''}
      </dl>
    </div>`,
    )
    .join('');
  return `${heard || `<p class="none">${t('html.empty.personHeard')}</p>`}`;
}

export function others(page: Page): string {
  const { m, w, t, muted, name, siteName, attendance } = page;
  return table(
    [w.t('html.col.name'), w.t('html.col.function'), w.t('html.col.site'), w.t('html.col.presentUtc'), w.t('html.col.confirmed')],
    m.participants.map((p) => [
      name(p.name),
      e(p.function),
      siteName(p.site),
      attendance(p.attendance) + (p.removed ? `<br>${t('html.removedAt', { time: time(p.removed.at), reason: p.removed.reason })}` : ''),
      p.identityConfirmedAt ? time(p.identityConfirmedAt) : muted(t('no')),
    ]),
    w.t('html.empty.others'),
  );
}
