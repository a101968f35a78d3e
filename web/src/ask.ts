/**
 * Asks the person for a short text in a dialog of the page itself, not the browser's prompt: it is
 * written in the page's language, read by screen readers as a modal dialog, and usable on a phone.
 * Resolves to the text given, or null when the person cancels.
 */
import { h } from './dom.js';
import type { PageLanguage } from './page-language.js';

export function askText(words: PageLanguage, question: string, minLength = 3): Promise<string | null> {
  const input = h('textarea', { name: 'answer', rows: '3', required: true, minlength: String(minLength), maxlength: '500', autocomplete: 'off' });
  const cancel = h('button', { type: 'button', value: 'cancel' }, words.t('dialog.cancel'));
  const confirm = h('button', { type: 'submit', class: 'primary', value: 'confirm' }, words.t('dialog.confirm'));
  const form = h('form', { method: 'dialog', class: 'gate-form' }, h('label', {}, question, input), h('div', { class: 'button-row' }, cancel, confirm));
  const dialog = h('dialog', { class: 'ask', lang: words.lang, dir: words.dir }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => dialog.close('cancel'));
    dialog.addEventListener('close', () => {
      const answer = dialog.returnValue === 'confirm' ? input.value.trim() : '';
      dialog.remove();
      resolve(answer.length >= minLength ? answer : null);
    });
    dialog.showModal();
    input.focus();
  });
}
