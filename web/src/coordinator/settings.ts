/**
 * The authority's own rules, changed by its coordinator: its time zone, the working hours inside
 * which hearings are booked, the public holidays, the quiet time around each hearing and how many
 * days ahead a summons must reach the person. Below them, the identifiers of the keys that sign the
 * minutes, to compare by phone with the other state; the keys themselves come from the operator.
 */
import { api } from './api.js';
import { field, h, input, select } from './dom.js';
import type { SectionHost } from './texts.js';
import { page, t } from './words.js';

interface Settings {
  timeZone: string;
  workingHours: { weekday: number; from: string; to: string }[];
  holidays: string[];
  bufferMinutes: number;
  minLeadDays: number;
  retention?: { recordingsDays: number | null; personalDataDays: number | null; recordDays: number | null };
}

interface PublicKeys {
  court: { keyId: string };
  requested: { keyId: string };
}

/** ISO weekdays 1 (Monday) to 7, named in the dashboard's language. */
function weekdays(): [string, string][] {
  // 2024-01-01 was a Monday.
  return [1, 2, 3, 4, 5, 6, 7].map((d) => [
    String(d),
    new Intl.DateTimeFormat(page.lang, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d))),
  ]);
}

function dateName(date: string): string {
  return new Intl.DateTimeFormat(page.lang, { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export async function renderSettings(host: SectionHost): Promise<void> {
  const [authority, keys] = await Promise.all([api<Settings>('GET', '/api/authority'), api<PublicKeys>('GET', '/minutes-public-keys')]);
  const hours = authority.workingHours.map((p) => ({ ...p }));
  const holidays = [...authority.holidays];

  const zones = h('datalist', { id: 'all-time-zones' }, ...Intl.supportedValuesOf('timeZone').map((zone) => h('option', { value: zone })));
  const zone = input('timeZone', { list: 'all-time-zones', required: true, value: authority.timeZone, autocomplete: 'off', spellcheck: 'false' });

  const hourRows = h('tbody', {});
  const drawHours = () => {
    hours.sort((a, b) => a.weekday - b.weekday || a.from.localeCompare(b.from));
    hourRows.replaceChildren(
      ...hours.map((period, i) => {
        const day = select(`weekday-${i}`, weekdays(), { 'aria-label': t('coord.settings.weekday') });
        day.value = String(period.weekday);
        const from = input(`from-${i}`, { type: 'time', required: true, value: period.from, 'aria-label': t('coord.settings.from') });
        const to = input(`to-${i}`, { type: 'time', required: true, value: period.to, 'aria-label': t('coord.settings.to') });
        const remove = h('button', { type: 'button' }, '×');
        // The remove button names the hours it removes, as they read now.
        const name = () =>
          remove.setAttribute(
            'aria-label',
            t('coord.settings.removeHours', { day: day.selectedOptions[0]?.textContent ?? '', from: period.from, to: period.to }),
          );
        day.addEventListener('change', () => {
          period.weekday = Number(day.value);
          name();
        });
        from.addEventListener('change', () => {
          period.from = from.value;
          name();
        });
        to.addEventListener('change', () => {
          period.to = to.value;
          name();
        });
        name();
        remove.addEventListener('click', () => {
          hours.splice(hours.indexOf(period), 1);
          drawHours();
        });
        return h('tr', {}, h('td', {}, day), h('td', {}, from), h('td', {}, to), h('td', {}, remove));
      }),
    );
  };
  const addHours = h('button', { type: 'button' }, t('coord.settings.addHours'));
  addHours.addEventListener('click', () => {
    const last = hours[hours.length - 1];
    hours.push({ weekday: Math.min(7, (last?.weekday ?? 0) + 1), from: last?.from ?? '09:00', to: last?.to ?? '17:00' });
    drawHours();
    hourRows.querySelector<HTMLElement>('tr:last-child select')?.focus();
  });
  drawHours();

  const holidayList = h('ul', { class: 'chosen-languages' });
  const drawHolidays = () => {
    holidays.sort();
    holidayList.replaceChildren(
      ...holidays.map((date) => {
        const remove = h('button', { type: 'button', 'aria-label': t('coord.settings.removeHoliday', { date: dateName(date) }) }, '×');
        remove.addEventListener('click', () => {
          holidays.splice(holidays.indexOf(date), 1);
          drawHolidays();
        });
        return h('li', {}, h('time', { datetime: date }, dateName(date)), ' ', remove);
      }),
    );
  };
  const newHoliday = input('holiday', { type: 'date', 'aria-label': t('coord.settings.holidays') });
  const addHoliday = h('button', { type: 'button' }, t('coord.settings.addHoliday'));
  addHoliday.addEventListener('click', () => {
    if (newHoliday.value && !holidays.includes(newHoliday.value)) holidays.push(newHoliday.value);
    newHoliday.value = '';
    drawHolidays();
    newHoliday.focus();
  });
  drawHolidays();

  const buffer = input('bufferMinutes', { type: 'number', min: '0', max: '240', step: '5', required: true, value: String(authority.bufferMinutes) });
  const lead = input('minLeadDays', { type: 'number', min: '0', max: '365', required: true, value: String(authority.minLeadDays) });
  // Retention: days after a hearing closes; an empty field keeps that kind of data.
  const days = (name: string, value: number | null | undefined) =>
    input(name, { type: 'number', min: '1', max: '36500', step: '1', value: value === null || value === undefined ? '' : String(value) });
  const keptRecordings = days('recordingsDays', authority.retention?.recordingsDays);
  const keptPersonal = days('personalDataDays', authority.retention?.personalDataDays);
  const keptRecord = days('recordDays', authority.retention?.recordDays);
  const period = (el: HTMLInputElement) => (el.value.trim() === '' ? null : Number(el.value));
  const form = h(
    'form',
    { class: 'form', id: 'settings-form' },
    field(t('coord.settings.timeZone'), zone, t('coord.settings.timeZoneHint')),
    zones,
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.settings.hours')),
      h('p', { class: 'hint' }, t('coord.settings.hoursHint')),
      h(
        'table',
        { class: 'working-hours' },
        h(
          'thead',
          {},
          h('tr', {}, ...[t('coord.settings.weekday'), t('coord.settings.from'), t('coord.settings.to'), ''].map((c) => h('th', { scope: 'col' }, c))),
        ),
        hourRows,
      ),
      addHours,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.settings.holidays')),
      h('p', { class: 'hint' }, t('coord.settings.holidaysHint')),
      h('div', { class: 'language-search' }, newHoliday, addHoliday),
      holidayList,
    ),
    field(t('coord.settings.buffer'), buffer),
    field(t('coord.settings.lead'), lead),
    h(
      'fieldset',
      {},
      h('legend', {}, t('coord.settings.retention')),
      h('p', { class: 'hint' }, t('coord.settings.retentionHint')),
      field(t('coord.settings.keptRecordings'), keptRecordings),
      field(t('coord.settings.keptPersonal'), keptPersonal, t('coord.settings.keptPersonalHint')),
      field(t('coord.settings.keptRecord'), keptRecord, t('coord.settings.keptRecordHint')),
    ),
    h('button', { class: 'primary', type: 'submit' }, t('coord.settings.save')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void host.attempt(async () => {
      await api('PUT', '/api/authority/settings', {
        timeZone: zone.value.trim(),
        workingHours: hours,
        holidays,
        bufferMinutes: Number(buffer.value),
        minLeadDays: Number(lead.value),
        retention: { recordingsDays: period(keptRecordings), personalDataDays: period(keptPersonal), recordDays: period(keptRecord) },
      });
      await renderSettings(host);
      host.announce(t('coord.settings.saved'));
      host.content.querySelector<HTMLElement>('h1')?.focus();
    });
  });

  // In groups of four, as one reads them out over the phone.
  const grouped = (keyId: string) => h('code', { 'data-key-id': keyId }, keyId.replace(/(.{4})(?=.)/g, '$1 '));
  const keyList = h(
    'dl',
    { class: 'keys' },
    h('dt', {}, t('coord.settings.courtKey')),
    h('dd', {}, grouped(keys.court.keyId)),
    h('dt', {}, t('coord.settings.requestedKey')),
    h('dd', {}, grouped(keys.requested.keyId)),
  );
  host.content.replaceChildren(
    h('h1', { tabindex: '-1' }, t('coord.settings.title')),
    form,
    h(
      'section',
      { 'aria-labelledby': 'keys-title' },
      h('h2', { id: 'keys-title' }, t('coord.settings.keys')),
      h('p', {}, t('coord.settings.keysIntro')),
      keyList,
      h('p', {}, h('a', { href: '/minutes-public-keys' }, t('coord.settings.keyFile'))),
    ),
  );
}
