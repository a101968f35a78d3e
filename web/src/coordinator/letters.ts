/**
 * What the coordinator sends people: the summons (previewed as a draft until the time is agreed, in
 * the person's language or another) and each participant's e-mail with the .ics to attach. The server
 * writes both; this shows its warnings before anything is opened or sent.
 */
import { api } from './api.js';
import { field, h, input, select } from './dom.js';

/** The languages the letters are written in (scheduling/summons/letters.ts); any other tag gets English that says so. */
const LETTER_LANGUAGES = ['fr', 'en', 'es', 'de', 'ar', 'it', 'pt', 'ru', 'zh'];

export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** A choice of the nine languages, or another language by its tag (pl, pt-BR…). */
export function languageChoice(name: string, label: string): HTMLElement[] {
  const other = input(`${name}Other`, { placeholder: 'such as pl or pt-BR', hidden: true, 'aria-label': `${label}: language tag` });
  const choice = select(name, [...LETTER_LANGUAGES.map((code): [string, string] => [code, languageName(code)]), ['other', 'Another language…']]);
  choice.addEventListener('change', () => {
    other.hidden = choice.value !== 'other';
    other.required = !other.hidden;
  });
  return [field(label, choice), other];
}

/** The language chosen with `languageChoice`. */
export function chosenLanguage(data: FormData, name: string): string {
  const value = String(data.get(name) ?? '');
  return value === 'other' ? String(data.get(`${name}Other`) ?? '').trim() : value;
}

const warningList = (warnings: string[]): HTMLElement[] => (warnings.length ? [h('ul', { class: 'problems' }, ...warnings.map((w) => h('li', {}, w)))] : []);

const STANDING: Record<string, string> = {
  draft: 'Draft: the time is not agreed yet. The summons is marked as a draft on its face, gives the proposed times, and cannot be served.',
  final: 'The time is agreed: the summons can be served.',
  none: 'There is no summons to serve: the request was refused or the hearing cancelled.',
};

export function summonsPanel(r: any, attempt: (work: () => Promise<void>) => Promise<void>): HTMLElement {
  const section = h('section', { class: 'letters', 'aria-labelledby': 'summons-title' }, h('h2', { id: 'summons-title' }, 'Summons and rights notice'), h('p', {}, STANDING[r.summons] ?? ''));
  if (r.summons === 'none') return section;
  const result = h('div', { 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'form' },
    field('Language of the summons', input('summonsLanguage', { value: r.details.person.language, required: true }), `The person’s language is ${languageName(r.details.person.language)} (${r.details.person.language}).`),
    h('button', { type: 'submit' }, r.summons === 'draft' ? 'Preview the draft summons' : 'Prepare the summons'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const language = String(new FormData(form).get('summonsLanguage') ?? '').trim();
    void attempt(async () => {
      const summons = await api('GET', `/api/requests/${r.id}/summons?language=${encodeURIComponent(language)}`);
      const href = `/api/requests/${r.id}/summons.html?language=${encodeURIComponent(language)}`;
      const what = `${summons.draft ? 'the draft summons' : 'the summons'} in ${languageName(summons.language)}`;
      result.replaceChildren(...(summons.warnings.length ? warningList(summons.warnings) : [h('p', {}, 'Nothing to warn about.')]), h('p', {}, h('a', { href, target: '_blank', rel: 'noopener' }, `Open ${what} to read or print`)));
    });
  });
  section.append(form, result);
  return section;
}

/** A participant's e-mail as the server writes it, with the .ics that carries the same fresh link. */
export async function showInvitationMessage(r: any, person: { id: string; name: string }, into: HTMLElement): Promise<void> {
  const message = await api('GET', `/api/requests/${r.id}/invitations/${person.id}/message`);
  const ics = URL.createObjectURL(new Blob([message.attachment.ics], { type: 'text/calendar' }));
  const written = message.fallback ? `in English: there are no texts in ${languageName(message.requested)}` : `in ${languageName(message.language)}`;
  into.replaceChildren(
    h('h3', { tabindex: '-1' }, `E-mail to ${person.name} (${written})`),
    ...warningList(message.warnings),
    h('p', { class: 'hint' }, 'This e-mail and its .ics carry a new personal link; links sent to this person before no longer work.'),
    field('Subject', h('input', { readonly: true, value: message.subject, lang: message.language, dir: 'auto' })),
    field('Text', h('textarea', { readonly: true, rows: '18', lang: message.language, dir: 'auto' }, message.text)),
    h('p', {}, h('a', { href: ics, download: message.attachment.filename }, `Download the .ics to attach (${message.attachment.filename})`)),
  );
  into.hidden = false;
  into.querySelector<HTMLElement>('h3')?.focus();
}
