/**
 * What the coordinator sends people: the summons (previewed as a draft until the time is agreed, in
 * the person's language or another) and each participant's e-mail with the .ics to attach. The server
 * writes both; this shows its warnings before anything is opened or sent.
 */
import type { MessageKey } from '../../../language/index.js';
import { languageDisplayName } from '../../../language/names.js';
import { api } from './api.js';
import { field, h, input, select } from './dom.js';
import { languageList } from './languages.js';
import { page, t } from './words.js';

/** The languages the letters are written in (scheduling/summons/letters.ts); any other tag gets English that says so. */
const LETTER_LANGUAGES = ['fr', 'en', 'es', 'de', 'ar', 'it', 'pt', 'ru', 'zh'];

/** A language by its name in the dashboard's language, without its tag. */
const nameOf = (tag: string) => languageDisplayName(tag, page.lang);

/** A choice of the nine languages, or another language by its tag (pl, pt-BR…). */
export function languageChoice(name: string, label: string): HTMLElement[] {
  // Any other language, searched by name in the full list as one types.
  const other = input(`${name}Other`, {
    placeholder: t('coord.languageTag'),
    hidden: true,
    'aria-label': t('coord.languageTagOf', { label }),
    list: 'every-language',
    autocomplete: 'off',
  });
  const choice = select(name, [...LETTER_LANGUAGES.map((code): [string, string] => [code, nameOf(code)]), ['other', t('coord.otherLanguage')]]);
  choice.addEventListener('change', () => {
    other.hidden = choice.value !== 'other';
    other.required = !other.hidden;
  });
  return [field(label, choice), other, ...(document.getElementById('every-language') ? [] : [languageList('every-language')])];
}

/** The language chosen with `languageChoice`. */
export function chosenLanguage(data: FormData, name: string): string {
  const value = String(data.get(name) ?? '');
  return value === 'other' ? String(data.get(`${name}Other`) ?? '').trim() : value;
}

const warningList = (warnings: string[]): HTMLElement[] => (warnings.length ? [h('ul', { class: 'problems' }, ...warnings.map((w) => h('li', {}, w)))] : []);

const STANDING: Record<string, MessageKey> = { draft: 'coord.summons.draft', final: 'coord.summons.final', none: 'coord.summons.none' };

export function summonsPanel(r: any, attempt: (work: () => Promise<void>) => Promise<void>): HTMLElement {
  const section = h(
    'section',
    { class: 'letters', 'aria-labelledby': 'summons-title' },
    h('h2', { id: 'summons-title' }, t('coord.summons.title')),
    h('p', {}, STANDING[r.summons] ? t(STANDING[r.summons]!) : ''),
  );
  if (r.summons === 'none') return section;
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'form' },
    field(
      t('coord.summons.language'),
      input('summonsLanguage', { value: r.details.person.language, required: true }),
      t('coord.summons.personLanguage', { language: nameOf(r.details.person.language), tag: r.details.person.language }),
    ),
    h('button', { type: 'submit' }, t(r.summons === 'draft' ? 'coord.summons.preview' : 'coord.summons.prepare')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const language = String(new FormData(form).get('summonsLanguage') ?? '').trim();
    void attempt(async () => {
      const summons = await api('GET', `/api/requests/${r.id}/summons?language=${encodeURIComponent(language)}`);
      const href = `/api/requests/${r.id}/summons.html?language=${encodeURIComponent(language)}`;
      const open = t(summons.draft ? 'coord.summons.openDraft' : 'coord.summons.open', { language: nameOf(summons.language) });
      result.replaceChildren(
        ...(summons.warnings.length ? warningList(summons.warnings) : [h('p', {}, t('coord.summons.nothingToWarn'))]),
        h('p', {}, h('a', { href, target: '_blank', rel: 'noopener' }, open)),
      );
    });
  });
  section.append(form, result);
  return section;
}

/** A participant's e-mail as the server writes it, with the .ics that carries the same fresh link. */
export async function showInvitationMessage(r: any, person: { id: string; name: string }, into: HTMLElement): Promise<void> {
  const message = await api('GET', `/api/requests/${r.id}/invitations/${person.id}/message`);
  const ics = URL.createObjectURL(new Blob([message.attachment.ics], { type: 'text/calendar' }));
  const title = message.fallback
    ? t('coord.mail.titleFallback', { name: person.name, language: nameOf(message.requested) })
    : t('coord.mail.title', { name: person.name, language: nameOf(message.language) });
  into.replaceChildren(
    h('h3', { tabindex: '-1' }, title),
    ...warningList(message.warnings),
    h('p', { class: 'hint' }, t('coord.mail.newLink')),
    field(t('coord.mail.subject'), h('input', { readonly: true, value: message.subject, lang: message.language, dir: 'auto' })),
    field(t('coord.mail.text'), h('textarea', { readonly: true, rows: '18', lang: message.language, dir: 'auto' }, message.text)),
    h('p', {}, h('a', { href: ics, download: message.attachment.filename }, t('coord.mail.ics', { filename: message.attachment.filename }))),
  );
  into.hidden = false;
  into.querySelector<HTMLElement>('h3')?.focus();
}
