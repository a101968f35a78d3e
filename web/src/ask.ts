/**
 * Asks the person in a dialog of the page itself, never the browser's prompt or confirm: it is written
 * in the page's language, read by screen readers as a modal dialog, answerable by keyboard (Escape
 * cancels) and usable on a phone.
 */
import { h } from './dom.js';
import type { PageLanguage } from './page-language.js';

/** Resolves to the text given, or null when the person cancels. */
export function askText(words: PageLanguage, question: string, minLength = 3): Promise<string | null> {
  const input = h('textarea', { name: 'answer', rows: '3', required: true, minlength: String(minLength), maxlength: '500', autocomplete: 'off' });
  const cancel = h('button', { type: 'button', value: 'cancel' }, words.t('dialog.cancel'));
  const confirm = h('button', { type: 'submit', class: 'primary', value: 'confirm' }, words.t('dialog.confirm'));
  const form = h('form', { method: 'dialog', class: 'gate-form' }, h('label', {}, question, input), h('div', { class: 'button-row' }, cancel, confirm));
  return open(words, form, cancel, input).then((confirmed) => {
    const answer = confirmed ? input.value.trim() : '';
    return answer.length >= minLength ? answer : null;
  });
}

/**
 * Asks before an act that cannot be undone (ending the hearing, stopping the recording). The safe
 * answer has the focus, so an Enter pressed by habit keeps things as they are; both buttons say what
 * they do rather than "OK".
 */
export function askConfirm(words: PageLanguage, question: string, doIt: string, keep: string): Promise<boolean> {
  const cancel = h('button', { type: 'button', value: 'cancel' }, keep);
  const confirm = h('button', { type: 'submit', class: 'danger', value: 'confirm' }, doIt);
  const id = `ask-${Math.random().toString(36).slice(2)}`;
  const form = h('form', { method: 'dialog', class: 'gate-form' }, h('p', { id }, question), h('div', { class: 'button-row' }, cancel, confirm));
  return open(words, form, cancel, cancel, id);
}

function open(words: PageLanguage, form: HTMLFormElement, cancel: HTMLButtonElement, focus: HTMLElement, describedBy?: string): Promise<boolean> {
  const dialog = h('dialog', { class: 'ask', lang: words.lang, dir: words.dir, ...(describedBy ? { 'aria-labelledby': describedBy } : {}) }, form);
  document.body.append(dialog);
  return new Promise((resolve) => {
    cancel.addEventListener('click', () => dialog.close('cancel'));
    dialog.addEventListener('close', () => {
      const confirmed = dialog.returnValue === 'confirm';
      dialog.remove();
      resolve(confirmed);
    });
    dialog.showModal();
    focus.focus();
  });
}
