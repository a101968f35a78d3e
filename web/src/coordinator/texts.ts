/**
 * The authority's texts of rights, caution, consent, oath and affirmation: which text applies in each
 * language (the authority's approved version or Hearing Room's model text, with its version and the
 * start of its hash), every version approved, and loading a new one. A version is permanent, so the
 * form shows the text as the person heard will see it and asks for confirmation before saving.
 */
// The two small files, not the language entry: the dashboard needs no message catalogue.
import { directionOf } from '../../../language/direction.js';
import { languageDisplayName } from '../../../language/names.js';
import { ApiError, api } from './api.js';
import { field, h, input, select } from './dom.js';

/** What the dashboard lends this section: its error handling and its announcements. */
export interface SectionHost {
  content: HTMLElement;
  attempt(work: () => Promise<void>): Promise<void>;
  announce(text: string): void;
}

const TEXT_LABELS: Record<string, string> = {
  'rights-and-caution': 'Rights and caution',
  'consent-video-hearing': 'Consent to a video hearing',
  oath: 'Oath',
  affirmation: 'Affirmation',
};

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

const languageName = (tag: string) => `${languageDisplayName(tag, 'en')} (${tag})`;
const shortHash = (sha256: string) => h('code', { class: 'hash', title: sha256 }, sha256.slice(0, 12));

export async function renderTexts(host: SectionHost, draft?: Draft): Promise<void> {
  const texts = await api<Texts>('GET', '/api/authority/texts');
  const textIds = Object.keys(TEXT_LABELS);
  const languages = [...new Set(texts.inForce.map((t) => t.language))].sort((a, b) => languageName(a).localeCompare(languageName(b), 'en'));
  const cell = (textId: string, language: string) => {
    const t = texts.inForce.find((x) => x.textId === textId && x.language === language);
    if (!t) return h('td', {}, 'none');
    const whose = t.source === 'authority' ? h('strong', {}, 'Your authority’s') : h('span', { class: 'model' }, 'Model text');
    return h('td', { class: t.source }, whose, t.textLanguage !== language ? ` (${t.textLanguage} text)` : '', h('br'), t.version, h('br'), shortHash(t.sha256));
  };
  const table = h(
    'table',
    { class: 'texts' },
    h('caption', {}, 'Which text applies, by language', h('span', { class: 'hint' }, ' — whose, its version, the start of its SHA-256')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Language'), ...textIds.map((id) => h('th', { scope: 'col' }, TEXT_LABELS[id]!)))),
    h('tbody', {}, ...languages.map((language) => h('tr', {}, h('th', { scope: 'row' }, languageName(language)), ...textIds.map((id) => cell(id, language))))),
  );
  const history =
    texts.history.length === 0
      ? h('p', {}, 'Your authority has not loaded any text yet: the model texts apply in every language.')
      : h(
          'table',
          { class: 'versions' },
          h('caption', {}, 'Versions your authority has approved'),
          h('thead', {}, h('tr', {}, ...['Text', 'Language', 'Version', 'Title', 'Approved by', 'Loaded on', 'SHA-256'].map((c) => h('th', { scope: 'col' }, c)))),
          h(
            'tbody',
            {},
            ...texts.history.map((v) =>
              h('tr', {}, h('td', {}, TEXT_LABELS[v.textId] ?? v.textId), h('td', {}, languageName(v.language)), h('td', {}, v.version), h('td', {}, v.title), h('td', {}, v.approvedBy), h('td', {}, v.createdAt.slice(0, 10)), h('td', {}, shortHash(v.sha256))),
            ),
          ),
        );
  const editor = h('div', { id: 'text-editor' });
  host.content.replaceChildren(
    h('h1', { tabindex: '-1' }, 'Texts of rights and oath'),
    h(
      'p',
      {},
      'The texts put before the person heard. Where your authority has approved a text in a language, your hearings use it; elsewhere Hearing Room’s model text applies, which no authority has approved. ',
      'In a hearing the requesting authority’s texts come first, then the requested authority’s, then the model text. A hearing keeps the texts in force when it opened.',
    ),
    table,
    history,
    editor,
  );
  showForm(host, editor, texts, draft);
}

/** The form, with the draft's words when coming back from the preview (`focus`: its heading takes focus). */
function showForm(host: SectionHost, editor: HTMLElement, texts: Texts, draft?: Draft, focus = false): void {
  const languages = [...new Set(texts.inForce.map((t) => t.language))];
  const form = h(
    'form',
    { class: 'form', id: 'text-form' },
    field('Which text', select('textId', Object.entries(TEXT_LABELS))),
    field('Language', input('language', { required: true, list: 'text-languages', autocomplete: 'off', spellcheck: 'false' }), 'A language tag such as it, pt-BR or zh-Hant'),
    h('datalist', { id: 'text-languages' }, ...languages.map((l) => h('option', { value: l }, languageName(l)))),
    field('Version', input('version', { required: true, maxlength: '32' }), 'Your authority’s name for this version, such as 2026-04; up to 32 letters, digits, spaces and . _ / -'),
    field('Title', input('title', { required: true, maxlength: '200' })),
    field('Text as approved', h('textarea', { name: 'body', id: 'f-body', required: true, rows: '10', maxlength: '20000' })),
    field('Approved by', input('approvedBy', { required: true, maxlength: '200' }), 'The person or office that approved the wording'),
    h('button', { class: 'primary', type: 'submit' }, 'Preview'),
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
    showPreview(host, editor, texts, { textId: v('textId'), language: v('language'), version: v('version'), title: v('title'), body: String(data.get('body') ?? '').trim(), approvedBy: v('approvedBy') });
  });
  const heading = h('h2', { id: 'text-form-title', tabindex: '-1' }, 'Load a new approved version');
  editor.replaceChildren(h('section', { class: 'text-load', 'aria-labelledby': 'text-form-title' }, heading, form));
  if (focus) heading.focus();
}

function showPreview(host: SectionHost, editor: HTMLElement, texts: Texts, draft: Draft): void {
  const replaced = texts.inForce.find((t) => t.textId === draft.textId && t.language === draft.language);
  const save = h('button', { class: 'primary', type: 'button' }, 'Save this version permanently');
  const back = h('button', { type: 'button' }, 'Back to editing');
  let lang = draft.language;
  try {
    lang = Intl.getCanonicalLocales(draft.language)[0] ?? draft.language;
  } catch {
    // The server names what is wrong with the tag when the version is saved.
  }
  const preview = h(
    'section',
    { class: 'text-preview', 'aria-labelledby': 'preview-title' },
    h('h2', { id: 'preview-title', tabindex: '-1' }, 'Check before saving'),
    h(
      'dl',
      { class: 'facts' },
      ...([
        ['Text', TEXT_LABELS[draft.textId] ?? draft.textId],
        ['Language', languageName(lang)],
        ['Version', draft.version],
        ['Approved by', draft.approvedBy],
        ['Replaces', replaced ? `${replaced.source === 'authority' ? 'your authority’s' : 'the model'} version ${replaced.version} in this language` : 'nothing: no text exists in this language yet'],
      ] as const).flatMap(([k, value]) => [h('dt', {}, k), h('dd', {}, value)]),
    ),
    h('p', {}, 'The person heard will read:'),
    h('article', { class: 'shown-text', lang, dir: directionOf(lang) }, h('h3', {}, draft.title), h('p', { class: 'shown-body' }, draft.body)),
    h('p', { class: 'notice' }, h('strong', {}, 'A saved version is permanent.'), ' It cannot be changed or removed, because the records of hearings name it by its hash; a correction is a new version. It applies to hearings that open from now on.'),
    h('div', { class: 'buttons' }, save, back),
  );
  back.addEventListener('click', () => showForm(host, editor, texts, draft, true));
  save.addEventListener('click', () =>
    void host.attempt(async () => {
      try {
        const saved = await api('POST', '/api/authority/texts', draft);
        await renderTexts(host);
        host.announce(`Version ${saved.version} of ${TEXT_LABELS[saved.textId]} in ${languageName(saved.language)} is saved and applies to hearings that open from now on.`);
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
