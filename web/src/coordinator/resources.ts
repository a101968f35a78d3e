/**
 * The authority's rooms, judges and interpreters: what it can book for a hearing, a form to add one,
 * and for each a change of name, languages or e-mail, or an end to booking it (it is kept, retired,
 * so that hearings already arranged still name it). An interpreter's languages are chosen by name
 * from every language (searchable as one types), each added to the list and removable before saving;
 * the slot finder offers an interpreter for them.
 */
import type { MessageKey } from '../../../language/index.js';
import { askConfirm } from '../ask.js';
import { api } from './api.js';
import { field, h, input, select } from './dom.js';
import { languageList } from './languages.js';
import type { SectionHost } from './texts.js';
import { languageName, page, t } from './words.js';

interface Resource {
  id: string;
  kind: 'room' | 'judge' | 'interpreter';
  name: string;
  languages: string[];
  email: string | null;
}

const KINDS: Record<Resource['kind'], MessageKey> = { room: 'coord.kind.room', judge: 'coord.kind.judge', interpreter: 'coord.kind.interpreter' };

/** A language tag as typed: its shape only; the server checks it against the registry. */
const TAG = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;

export async function renderResources(host: SectionHost, editing?: Resource): Promise<void> {
  const resources = await api<Resource[]>('GET', '/api/resources');
  const actions = (r: Resource) => {
    const change = h('button', { type: 'button', 'aria-label': t('coord.resources.changeLabel', { name: r.name }) }, t('coord.resources.change'));
    change.addEventListener(
      'click',
      () =>
        void host.attempt(async () => {
          await renderResources(host, r);
          host.content.querySelector<HTMLElement>('#resource-form-title')?.focus();
        }),
    );
    const retire = h(
      'button',
      { type: 'button', class: 'danger', 'aria-label': t('coord.resources.retireLabel', { name: r.name }) },
      t('coord.resources.retire'),
    );
    retire.addEventListener(
      'click',
      () =>
        void askConfirm(page, t('coord.resources.retireConfirm', { name: r.name }), t('coord.resources.retire'), t('dialog.cancel')).then((yes) => {
          if (!yes) return retire.focus();
          return host.attempt(async () => {
            await api('DELETE', `/api/resources/${encodeURIComponent(r.id)}`);
            await renderResources(host);
            host.announce(t('coord.resources.retired', { name: r.name }));
            host.content.querySelector<HTMLElement>('h1')?.focus();
          });
        }),
    );
    return h('td', {}, h('span', { class: 'button-row' }, change, retire));
  };
  const table =
    resources.length === 0
      ? h('p', {}, t('coord.resources.none'))
      : h(
          'table',
          { class: 'resources' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                t('coord.resources.colKind'),
                t('coord.resources.colName'),
                t('coord.resources.colLanguages'),
                t('coord.resources.colEmail'),
                t('coord.resources.colActions'),
              ].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h(
            'tbody',
            {},
            ...resources.map((r) =>
              h(
                'tr',
                {},
                h('td', {}, t(KINDS[r.kind])),
                h('td', {}, r.name),
                h('td', {}, r.languages.map(languageName).join(', ') || '—'),
                h('td', {}, r.email ?? '—'),
                actions(r),
              ),
            ),
          ),
        );
  host.content.replaceChildren(
    h('h1', { tabindex: '-1' }, t('coord.resources.title')),
    h('p', {}, t('coord.resources.intro')),
    table,
    resourceForm(host, editing),
  );
}

/** The form to add a resource, or, given one, to change it (its kind stays). */
function resourceForm(host: SectionHost, editing?: Resource): HTMLElement {
  const chosen: string[] = [...(editing?.languages ?? [])];
  const kind = select(
    'kind',
    (Object.keys(KINDS) as Resource['kind'][]).map((k): [string, string] => [k, t(KINDS[k])]),
    editing ? { disabled: true } : {},
  );
  if (editing) kind.value = editing.kind;
  const search = input('language', { list: 'all-languages', autocomplete: 'off', spellcheck: 'false' });
  const list = h('ul', { class: 'chosen-languages', 'aria-live': 'polite' });
  const problem = h('p', { class: 'field-error', hidden: true });
  const draw = () =>
    list.replaceChildren(
      ...chosen.map((tag) => {
        const remove = h('button', { type: 'button', 'aria-label': t('coord.resources.removeLanguage', { language: languageName(tag) }) }, '×');
        remove.addEventListener('click', () => {
          chosen.splice(chosen.indexOf(tag), 1);
          draw();
        });
        return h('li', {}, languageName(tag), ' ', remove);
      }),
    );
  const addLanguage = h('button', { type: 'button' }, t('coord.resources.addLanguage'));
  addLanguage.addEventListener('click', () => {
    const tag = search.value.trim();
    problem.hidden = TAG.test(tag);
    problem.textContent = t('coord.resources.noLanguage');
    if (!TAG.test(tag)) return search.focus();
    if (!chosen.includes(tag)) chosen.push(tag);
    search.value = '';
    draw();
    search.focus();
  });
  const languages = h(
    'fieldset',
    { class: 'languages' },
    h('legend', {}, t('coord.resources.languages')),
    h('p', { class: 'hint' }, t('coord.resources.languagesHint')),
    h('div', { class: 'language-search' }, search, addLanguage),
    languageList('all-languages'),
    problem,
    list,
  );
  search.setAttribute('aria-label', t('coord.resources.languages'));
  const showLanguages = () => (languages.hidden = kind.value !== 'interpreter');
  kind.addEventListener('change', showLanguages);
  showLanguages();
  const form = h(
    'form',
    { class: 'form', id: 'resource-form' },
    field(t('coord.resources.kind'), kind),
    field(t('coord.resources.name'), input('name', { required: true, maxlength: '200', value: editing?.name })),
    languages,
    field(t('coord.resources.email'), input('email', { type: 'email', value: editing?.email ?? undefined })),
    h(
      'div',
      { class: 'button-row' },
      h('button', { class: 'primary', type: 'submit' }, t(editing ? 'coord.resources.saveChanges' : 'coord.resources.save')),
      editing ? back(host) : null,
    ),
  );
  draw();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const email = String(data.get('email') ?? '').trim();
    const languagesGiven = kind.value === 'interpreter' ? chosen : [];
    void host.attempt(async () => {
      if (editing) await api('PUT', `/api/resources/${encodeURIComponent(editing.id)}`, { name, languages: languagesGiven, email: email || null });
      else await api('POST', '/api/resources', { kind: kind.value, name, languages: languagesGiven, ...(email ? { email } : {}) });
      await renderResources(host);
      host.announce(t(editing ? 'coord.resources.changed' : 'coord.resources.saved', { name }));
      host.content.querySelector<HTMLElement>('h1')?.focus();
    });
  });
  const title = editing ? t('coord.resources.editTitle', { name: editing.name }) : t('coord.resources.add');
  return h('section', { class: 'resource-add', 'aria-labelledby': 'resource-form-title' }, h('h2', { id: 'resource-form-title', tabindex: '-1' }, title), form);
}

/** Leaves a change unsaved, back to the form that adds. */
function back(host: SectionHost): HTMLButtonElement {
  const button = h('button', { type: 'button' }, t('coord.resources.cancelEdit'));
  button.addEventListener(
    'click',
    () =>
      void host.attempt(async () => {
        await renderResources(host);
        host.content.querySelector<HTMLElement>('#resource-form-title')?.focus();
      }),
  );
  return button;
}
