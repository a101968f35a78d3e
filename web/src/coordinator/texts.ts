/**
 * The authority's texts of rights, caution, consent, oath and affirmation: which text applies in each
 * language (the authority's approved version or Hearing Room's model text, with its version and the
 * start of its hash), every version approved, and loading a new one. A version is permanent, so the
 * form shows the text as the person heard will see it and asks for confirmation before saving.
 */
import { directionOf } from '../../../language/direction.js';
import type { MessageKey } from '../../../language/index.js';
import { ApiError, api } from './api.js';
import { field, h, input, select } from './dom.js';
import { languageName, page, t } from './words.js';

/** What the dashboard lends this section: its error handling and its announcements. */
export interface SectionHost {
  content: HTMLElement;
  attempt(work: () => Promise<void>): Promise<void>;
  announce(text: string): void;
}

const TEXT_KEYS: Record<string, MessageKey> = {
  'rights-and-caution': 'coord.text.rights-and-caution',
  'consent-video-hearing': 'coord.text.consent-video-hearing',
  oath: 'coord.text.oath',
  affirmation: 'coord.text.affirmation',
};
const textLabel = (id: string) => (TEXT_KEYS[id] ? t(TEXT_KEYS[id]!) : id);

interface InForce {
  textId: string;
  language: string;
  textLanguage: string;
  source: 'authority' | 'model';
  version: string;
  sha256: string;
}
interface Version {
  textId: string;
  language: string;
  version: string;
  title: string;
  sha256: string;
  approvedBy: string;
  createdAt: string;
}
interface Texts {
  inForce: InForce[];
  history: Version[];
}
interface Draft {
  textId: string;
  language: string;
  version: string;
  title: string;
  body: string;
  approvedBy: string;
}

const shortHash = (sha256: string) => h('code', { class: 'hash', title: sha256 }, sha256.slice(0, 12));

export async function renderTexts(host: SectionHost, draft?: Draft): Promise<void> {
  const texts = await api<Texts>('GET', '/api/authority/texts');
  const textIds = Object.keys(TEXT_KEYS);
  const languages = [...new Set(texts.inForce.map((x) => x.language))].sort((a, b) => languageName(a).localeCompare(languageName(b), page.lang));
  const cell = (textId: string, language: string) => {
    const text = texts.inForce.find((x) => x.textId === textId && x.language === language);
    if (!text) return h('td', {}, t('coord.texts.none'));
    const whose = text.source === 'authority' ? h('strong', {}, t('coord.texts.yours')) : h('span', { class: 'model' }, t('coord.texts.model'));
    return h(
      'td',
      { class: text.source },
      whose,
      text.textLanguage !== language ? t('coord.texts.textIn', { language: languageName(text.textLanguage) }) : '',
      h('br'),
      text.version,
      h('br'),
      shortHash(text.sha256),
    );
  };
  const table = h(
    'table',
    { class: 'texts' },
    h('caption', {}, t('coord.texts.caption'), h('span', { class: 'hint' }, t('coord.texts.captionHint'))),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('coord.texts.language')), ...textIds.map((id) => h('th', { scope: 'col' }, textLabel(id))))),
    h('tbody', {}, ...languages.map((language) => h('tr', {}, h('th', { scope: 'row' }, languageName(language)), ...textIds.map((id) => cell(id, language))))),
  );
  const history =
    texts.history.length === 0
      ? h('p', {}, t('coord.texts.noneLoaded'))
      : h(
          'table',
          { class: 'versions' },
          h('caption', {}, t('coord.texts.versions')),
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ...[
                t('coord.texts.text'),
                t('coord.texts.language'),
                t('coord.texts.version'),
                t('coord.texts.titleCol'),
                t('coord.texts.approvedBy'),
                t('coord.texts.loadedOn'),
                'SHA-256',
              ].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          h(
            'tbody',
            {},
            ...texts.history.map((v) =>
              h(
                'tr',
                {},
                h('td', {}, textLabel(v.textId)),
                h('td', {}, languageName(v.language)),
                h('td', {}, v.version),
                h('td', {}, v.title),
                h('td', {}, v.approvedBy),
                h('td', {}, v.createdAt.slice(0, 10)),
                h('td', {}, shortHash(v.sha256)),
              ),
            ),
          ),
        );
  const editor = h('div', { id: 'text-editor' });
  host.content.replaceChildren(h('h1', { tabindex: '-1' }, t('coord.texts.title')), h('p', {}, t('coord.texts.intro')), table, history, editor);
  showForm(host, editor, texts, draft);
}

/** The form, with the draft's words when coming back from the preview (`focus`: its heading takes focus). */
function showForm(host: SectionHost, editor: HTMLElement, texts: Texts, draft?: Draft, focus = false): void {
  const languages = [...new Set(texts.inForce.map((x) => x.language))];
  const form = h(
    'form',
    { class: 'form', id: 'text-form' },
    field(
      t('coord.texts.which'),
      select(
        'textId',
        Object.keys(TEXT_KEYS).map((id): [string, string] => [id, textLabel(id)]),
      ),
    ),
    field(
      t('coord.texts.language'),
      input('language', { required: true, list: 'text-languages', autocomplete: 'off', spellcheck: 'false' }),
      t('coord.texts.languageHint'),
    ),
    h('datalist', { id: 'text-languages' }, ...languages.map((l) => h('option', { value: l }, languageName(l)))),
    field(t('coord.texts.version'), input('version', { required: true, maxlength: '32' }), t('coord.texts.versionHint')),
    field(t('coord.texts.titleCol'), input('title', { required: true, maxlength: '200' })),
    field(t('coord.texts.asApproved'), h('textarea', { name: 'body', id: 'f-body', required: true, rows: '10', maxlength: '20000' })),
    field(t('coord.texts.approvedBy'), input('approvedBy', { required: true, maxlength: '200' }), t('coord.texts.approvedByHint')),
    h('button', { class: 'primary', type: 'submit' }, t('coord.texts.preview')),
  );
  if (draft) {
    for (const [name, value] of Object.entries(draft)) {
      const control = form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement | null;
      if (control) control.value = value;
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const v = (name: string) => String(data.get(name) ?? '').trim();
    showPreview(host, editor, texts, {
      textId: v('textId'),
      language: v('language'),
      version: v('version'),
      title: v('title'),
      body: String(data.get('body') ?? '').trim(),
      approvedBy: v('approvedBy'),
    });
  });
  const heading = h('h2', { id: 'text-form-title', tabindex: '-1' }, t('coord.texts.load'));
  editor.replaceChildren(h('section', { class: 'text-load', 'aria-labelledby': 'text-form-title' }, heading, form));
  if (focus) heading.focus();
}

function showPreview(host: SectionHost, editor: HTMLElement, texts: Texts, draft: Draft): void {
  const replaced = texts.inForce.find((t) => t.textId === draft.textId && t.language === draft.language);
  const save = h('button', { class: 'primary', type: 'button' }, t('coord.texts.save'));
  const back = h('button', { type: 'button' }, t('coord.texts.back'));
  let lang = draft.language;
  try {
    lang = Intl.getCanonicalLocales(draft.language)[0] ?? draft.language;
  } catch {
    // The server names what is wrong with the tag when the version is saved.
  }
  const preview = h(
    'section',
    { class: 'text-preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title', tabindex: '-1' }, t('coord.texts.check')),
    h(
      'dl',
      { class: 'facts' },
      ...(
        [
          [t('coord.texts.text'), textLabel(draft.textId)],
          [t('coord.texts.language'), languageName(lang)],
          [t('coord.texts.version'), draft.version],
          [t('coord.texts.approvedBy'), draft.approvedBy],
          [
            t('coord.texts.replaces'),
            replaced
              ? t(replaced.source === 'authority' ? 'coord.texts.replacesYours' : 'coord.texts.replacesModel', { version: replaced.version })
              : t('coord.texts.replacesNothing'),
          ],
        ] as const
      ).flatMap(([k, value]) => [h('dt', {}, k), h('dd', {}, value)]),
    ),
    h('p', {}, t('coord.texts.willRead')),
    h('article', { class: 'shown-text', lang, dir: directionOf(lang) }, h('h3', {}, draft.title), h('p', { class: 'shown-body' }, draft.body)),
    h('p', { class: 'notice' }, h('strong', {}, t('coord.texts.permanent')), t('coord.texts.permanentWhy')),
    h('div', { class: 'buttons' }, save, back),
  );
  back.addEventListener('click', () => showForm(host, editor, texts, draft, true));
  save.addEventListener(
    'click',
    () =>
      void host.attempt(async () => {
        try {
          const saved = await api('POST', '/api/authority/texts', draft);
          await renderTexts(host);
          host.announce(t('coord.texts.saved', { version: saved.version, text: textLabel(saved.textId), language: languageName(saved.language) }));
          host.content.querySelector<HTMLElement>('h1')?.focus();
        } catch (error) {
          // Back to the form with the words kept, the field at fault focused; the alert says why.
          showForm(host, editor, texts, draft, true);
          if (error instanceof ApiError && error.field) markField(error.field, error.message);
          throw error;
        }
      }),
  );
  editor.replaceChildren(preview);
  (preview.querySelector('h2') as HTMLElement).focus();
}

/** The refusal beside the field it names, read with the field and focused, so it is seen where it is fixed. */
function markField(name: string, message: string): void {
  const control = document.getElementById(`f-${name}`);
  if (!control) return;
  const note = h('span', { class: 'field-error', id: `f-${name}-error` }, message);
  control.closest('label')?.append(note);
  control.setAttribute('aria-invalid', 'true');
  control.setAttribute('aria-describedby', note.id);
  control.focus();
}
