/**
 * The minutes in the consoles, once the hearing has ended: the presiding judge, the requested-state
 * officer and the clerk read them on the page where they held the hearing; the officer makes her
 * statement for them (identification, fundamental principles); the judge signs them with the court's
 * key; the officer countersigns them with her authority's key and records their transmission to the
 * requesting authority. Every step is a button or a form, so all of it works from the keyboard.
 *
 * The minutes document is the server's printable page, placed in a shadow root with its own
 * stylesheet: it reads exactly as printed, and its styles cannot touch the page around it.
 */
import { h } from './dom.js';
import type { PageLanguage } from './page-language.js';
import type { MessageKey } from '../../language/index.js';

interface MinutesProgress {
  /** The reader's permissions from the server's one table, so a page reopened after the close knows her steps. */
  reader: { permissions: string[]; language: string | null };
  hearing: { title: string; caseReference: string };
  /** Her latest statement's record entry: a correction changes it, and the judge's page reads the minutes again. */
  statementSeq: number | null;
  signed: { at: string; by: string | null } | null;
  countersigned: { at: string; by: string | null } | null;
  transmissions: { at: string; to: string }[];
  /** Whom the officer transmits to: the requesting authority, when the hearing came through a request. */
  requestingAuthority: string | null;
}

const POLL_MS = 3000;

function clock(iso: string): string {
  return `${new Date(iso).toISOString().slice(11, 16)} UTC`;
}

export class MinutesPanel {
  private progress: MinutesProgress | null = null;
  private shown = false;
  /** The SHA-256 of the minutes on screen: the judge signs naming it. */
  private readSha: string | null = null;
  /** The last record entry those minutes cover. */
  private readThrough = 0;
  private busy = false;
  private timer: number | undefined;
  private readonly documentHost = h('div', { class: 'minutes-document' });
  private readonly controls = h('div', { class: 'minutes-controls' });
  private readonly message = h('p', { class: 'minutes-message', role: 'status', 'aria-live': 'polite' });

  constructor(
    private readonly root: HTMLElement,
    private readonly hearingId: string,
    private readonly token: string,
    /** What the reader may do with the minutes (`minutes.read`, `minutes.sign`, `minutes.countersign`). */
    private readonly permissions: ReadonlySet<string>,
    private readonly words: PageLanguage,
  ) {
    this.documentHost.attachShadow({ mode: 'open' });
    words.onChange(() => this.render());
  }

  /**
   * For a page opened (or reloaded) after the hearing closed, when the link no longer joins it: the
   * panel, if this link's holder reads the minutes, with the hearing's title; else null.
   */
  static async forClosedHearing(
    root: HTMLElement,
    hearingId: string,
    token: string,
    words: PageLanguage,
  ): Promise<{ panel: MinutesPanel; title: string; language: string | null } | null> {
    const response = await fetch(`/hearings/${encodeURIComponent(hearingId)}/minutes/progress`, { headers: { Authorization: `Bearer ${token}` } }).catch(
      () => null,
    );
    if (!response?.ok) return null;
    const progress = (await response.json()) as MinutesProgress;
    const permissions = new Set(progress.reader.permissions);
    if (!permissions.has('minutes.read')) return null;
    return { panel: new MinutesPanel(root, hearingId, token, permissions, words), title: progress.hearing.title, language: progress.reader.language };
  }

  private t(key: MessageKey, values?: Record<string, string | number>): string {
    return this.words.t(key, values);
  }

  /** Opens the panel (once the hearing has ended) and loads where the minutes stand. */
  async show(): Promise<void> {
    if (this.shown) return;
    this.shown = true;
    this.root.hidden = false;
    await this.reload();
    // The other signer acts on her own page: follow until the minutes have gone to the requesting authority.
    this.timer = window.setInterval(() => {
      if ((this.progress?.transmissions.length ?? 0) > 0) window.clearInterval(this.timer);
      else void this.poll();
    }, POLL_MS);
  }

  private async request(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`/hearings/${encodeURIComponent(this.hearingId)}/${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${this.token}`, ...(init.body ? { 'Content-Type': 'application/json' } : {}) },
    });
  }

  /** After a step: where the minutes stand, and the document read again (once) if it is open. */
  private async reload(): Promise<void> {
    const readAlready = await this.poll();
    if (!readAlready && this.documentHost.isConnected) await this.read();
  }

  /**
   * Reads where the minutes stand, and redraws only when that changed: the judge sees the officer's
   * statement arrive without reloading, and a form being filled in is never wiped by a redraw.
   */
  private async poll(): Promise<boolean> {
    const response = await this.request('minutes/progress').catch(() => null);
    // A link withdrawn or no longer valid will not become valid by asking again.
    if (response && (response.status === 401 || response.status === 403)) window.clearInterval(this.timer);
    if (!response?.ok) return false;
    const progress = (await response.json()) as MinutesProgress;
    const changed = JSON.stringify(progress) !== JSON.stringify(this.progress);
    this.progress = progress;
    if (changed || !this.controls.isConnected) this.render();
    if (!changed || !this.documentHost.isConnected) return false;
    await this.read();
    return true;
  }

  /** The minutes as the server prints them, in the shadow root. */
  private async read(): Promise<void> {
    const response = await this.request('minutes');
    if (!response.ok) return this.say((await this.errorOf(response)) ?? this.t('minutes.failed'));
    this.readSha = response.headers.get('X-Minutes-SHA256');
    this.readThrough = Number(response.headers.get('X-Minutes-Through-Seq') ?? 0);
    const parsed = new DOMParser().parseFromString(await response.text(), 'text/html');
    const main = parsed.querySelector('main.minutes');
    const shadow = this.documentHost.shadowRoot!;
    shadow.replaceChildren(h('link', { rel: 'stylesheet', href: '/assets/minutes.css' }), ...(main ? [document.importNode(main, true)] : []));
    if (!this.documentHost.isConnected) this.root.append(this.documentHost);
    this.render();
  }

  private say(text: string): void {
    this.message.textContent = text;
  }

  private async errorOf(response: Response): Promise<string | null> {
    try {
      const body = (await response.json()) as { message?: unknown };
      return typeof body.message === 'string' ? body.message : null;
    } catch {
      return null;
    }
  }

  /** Runs one step; on success the panel and the document are read again, on failure the server's reason is shown. */
  private async step(path: string, body: unknown, done: MessageKey): Promise<void> {
    // One step at a time: a second Enter while the first is on its way records nothing twice.
    if (this.busy) return;
    this.busy = true;
    for (const button of this.controls.querySelectorAll('button')) button.disabled = true;
    try {
      const response = await this.request(path, { method: 'POST', body: JSON.stringify(body) });
      if (!response.ok) {
        this.say((await this.errorOf(response)) ?? this.t('minutes.failed'));
        await this.reload();
        return;
      }
      this.say(this.t(done));
      await this.reload();
    } finally {
      this.busy = false;
      for (const button of this.controls.querySelectorAll('button')) button.disabled = false;
    }
  }

  private render(): void {
    if (!this.shown) return;
    const p = this.progress;
    const stateLine = (done: boolean, text: string) => h('li', { 'data-done': String(done) }, h('span', { 'aria-hidden': 'true' }, done ? '✓ ' : '○ '), text);
    const steps = p
      ? h(
          'ol',
          { class: 'minutes-steps' },
          stateLine(p.statementSeq !== null, p.statementSeq !== null ? this.t('minutes.progress.statementMade') : this.t('minutes.progress.statementMissing')),
          stateLine(
            p.signed !== null,
            p.signed ? this.t('minutes.progress.signed', { name: p.signed.by ?? '—', time: clock(p.signed.at) }) : this.t('minutes.progress.notSigned'),
          ),
          stateLine(
            p.countersigned !== null,
            p.countersigned
              ? this.t('minutes.progress.countersigned', { name: p.countersigned.by ?? '—', time: clock(p.countersigned.at) })
              : this.t('minutes.progress.notCountersigned'),
          ),
          stateLine(
            p.transmissions.length > 0,
            p.transmissions.length > 0
              ? this.t('minutes.progress.transmitted', { to: p.transmissions.at(-1)!.to, time: clock(p.transmissions.at(-1)!.at) })
              : this.t('minutes.progress.notTransmitted'),
          ),
        )
      : null;
    const actions = p ? this.actions(p) : [];
    const read = h(
      'button',
      { type: 'button', class: this.documentHost.isConnected ? '' : 'primary' },
      this.documentHost.isConnected ? this.t('minutes.readAgain') : this.t('minutes.read'),
    );
    read.addEventListener('click', () => void this.read());
    this.controls.replaceChildren(h('h2', { id: 'minutes-heading' }, this.t('minutes.heading')), steps ?? '', read, ...actions, this.message);
    if (!this.controls.isConnected) this.root.prepend(this.controls);
  }

  private actions(p: MinutesProgress): HTMLElement[] {
    const officer = this.permissions.has('minutes.countersign');
    if (officer && !p.signed) return [this.statementForm(p)];
    if (this.permissions.has('minutes.sign') && !p.signed) return [this.signForm(p)];
    if (officer && p.signed && !p.countersigned) {
      return [this.confirmForm('minutes.countersignConfirm', 'minutes.countersign', () => this.step('minutes/countersign', {}, 'minutes.done.countersigned'))];
    }
    // Once sent, the steps above say so: a form asking to send again would only make her wonder.
    if (officer && p.countersigned && p.transmissions.length === 0) return [this.transmitForm(p)];
    return [];
  }

  /** The officer's statement (MLA 2000 Art. 10(5)(a)); she may correct it until the judge signs. */
  private statementForm(p: MinutesProgress): HTMLElement {
    const identity = h('input', { type: 'checkbox', name: 'identityEstablished' });
    const principles = h('input', { type: 'checkbox', name: 'principlesRespected' });
    const remarks = h('textarea', { name: 'remarks', rows: '3', maxlength: '2000' });
    const form = h(
      'form',
      { class: 'gate-form', 'aria-labelledby': 'statement-heading' },
      h('h3', { id: 'statement-heading' }, p.statementSeq !== null ? this.t('minutes.statementAgain') : this.t('minutes.statementHeading')),
      h('label', { class: 'check' }, identity, this.t('minutes.identityEstablished')),
      h('label', { class: 'check' }, principles, this.t('minutes.principlesRespected')),
      h('label', {}, this.t('minutes.remarks'), remarks),
      h('button', { type: 'submit', class: 'primary' }, this.t('minutes.recordStatement')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.step(
        'minutes/statement',
        { identityEstablished: identity.checked, principlesRespected: principles.checked, remarks: remarks.value },
        'minutes.done.statement',
      );
    });
    return form;
  }

  private signForm(p: MinutesProgress): HTMLElement {
    if (p.statementSeq === null) return h('p', { class: 'muted' }, this.t('minutes.waitingForStatement'));
    // She signs what she has on screen, named by its hash: the minutes are read first.
    if (!this.readSha || !this.documentHost.isConnected) return h('p', { class: 'muted' }, this.t('minutes.readFirst'));
    const [read, throughSeq] = [this.readSha, this.readThrough];
    return this.confirmForm('minutes.signConfirm', 'minutes.sign', () => this.step('minutes/sign', { read, throughSeq }, 'minutes.done.signed'));
  }

  /** A signature is given only after saying, by ticking, that the minutes were read. */
  private confirmForm(confirm: MessageKey, action: MessageKey, run: () => Promise<void>): HTMLElement {
    const read = h('input', { type: 'checkbox', name: 'read', required: true });
    const form = h(
      'form',
      { class: 'gate-form' },
      h('label', { class: 'check' }, read, this.t(confirm)),
      h('button', { type: 'submit', class: 'primary' }, this.t(action)),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void run();
    });
    return form;
  }

  private transmitForm(p: MinutesProgress): HTMLElement {
    const to = h('input', { name: 'to', required: true, maxlength: '200', value: p.requestingAuthority ?? '' });
    const form = h(
      'form',
      { class: 'gate-form' },
      h('label', {}, this.t('minutes.transmitTo'), to),
      h('button', { type: 'submit', class: 'primary' }, this.t('minutes.transmit')),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.step('minutes/transmit', { to: to.value }, 'minutes.done.transmitted');
    });
    return form;
  }
}
