/**
 * The hearing's documents on the court's console: the bundle as submitted (title and pages), the
 * button that shows one to everyone in the courtroom and the one that stops showing it (the presiding
 * judge's), and the form that adds a document (PDF, PNG or JPEG) to the bundle. The list comes from
 * the server with the console's own link, and is fetched again after an upload and now and then,
 * since counsel may add a document while the hearing runs. The form is built once and kept, so a
 * file being chosen survives the console being drawn again.
 */
import type { CourtView } from '../../signaling/protocol.js';
import type { ConsoleWriting } from './console-writing.js';
import { readJoinLink } from './connection.js';
import { h } from './dom.js';

interface Submitted {
  id: string;
  title: string;
  pages: number;
}

/** How often the list is asked for again while the console is drawn. */
const REFRESH_MS = 10_000;

export class Bundle {
  private documents: Submitted[] = [];
  private fetchedAt = 0;
  private problem = '';
  private readonly titleLabel = h('span');
  private readonly fileLabel = h('span');
  private readonly submit = h('button', { type: 'submit' });
  private readonly problemLine = h('p', { class: 'court-error', role: 'alert', hidden: true });
  private readonly form: HTMLFormElement;

  constructor(
    private readonly hearingId: string,
    private readonly changed: () => void,
  ) {
    const title = h('input', { name: 'exhibitTitle', maxlength: '200', required: true, autocomplete: 'off' });
    const file = h('input', { name: 'exhibitFile', type: 'file', accept: 'application/pdf,image/png,image/jpeg', required: true });
    this.form = h('form', { class: 'gate-form exhibit-upload' }, h('label', {}, this.titleLabel, title), h('label', {}, this.fileLabel, file), this.submit);
    // Someone else may add a document while the hearing runs: the list is asked for again now and then.
    setInterval(() => {
      if (this.form.isConnected) void this.refresh();
    }, REFRESH_MS);
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      const chosen = file.files?.[0];
      if (chosen) void this.upload(title.value, chosen).then((ok) => ok && this.form.reset());
    });
  }

  section(w: ConsoleWriting, view: CourtView, shows: boolean): HTMLElement {
    if (Date.now() - this.fetchedAt > REFRESH_MS) void this.refresh();
    this.titleLabel.textContent = w.t('console.exhibitTitle');
    this.fileLabel.textContent = w.t('console.exhibitFile');
    this.submit.textContent = w.t('console.exhibitSubmit');
    this.problemLine.hidden = this.problem === '';
    this.problemLine.textContent = this.problem && w.t('console.exhibitRefused', { reason: this.problem });
    const shown = view.exhibit?.id ?? null;
    const rows = this.documents.map((d) =>
      h(
        'li',
        { 'data-exhibit': d.id, 'data-shown': String(d.id === shown) },
        h('span', { class: 'exhibit-name' }, `${d.title} · ${w.t('console.exhibitPages', { pages: d.pages })}`),
        !shows || view.phase === 'ended'
          ? d.id === shown
            ? h('strong', {}, w.t('console.exhibitShowing'))
            : null
          : d.id === shown
            ? w.button(w.t('console.exhibitStop'), 'court:stop-exhibit')
            : w.button(w.t('console.exhibitShow'), 'court:show-exhibit', { exhibitId: d.id, to: null }),
      ),
    );
    return h(
      'section',
      { class: 'console-section exhibits', 'aria-labelledby': 'exhibits-heading' },
      h('h2', { id: 'exhibits-heading' }, w.t('console.exhibits')),
      rows.length === 0 ? h('p', { class: 'muted' }, w.t('console.exhibitsEmpty')) : h('ul', { class: 'exhibit-list' }, ...rows),
      this.problemLine,
      this.form,
    );
  }

  private headers(): Record<string, string> {
    return { Authorization: `Bearer ${readJoinLink(window.location).token ?? ''}` };
  }

  async refresh(): Promise<void> {
    this.fetchedAt = Date.now();
    const response = await fetch(`/hearings/${encodeURIComponent(this.hearingId)}/exhibits`, { headers: this.headers(), cache: 'no-store' }).catch(() => null);
    if (!response?.ok) return;
    const { exhibits } = (await response.json()) as { exhibits: Submitted[] };
    const before = JSON.stringify(this.documents);
    this.documents = exhibits.map(({ id, title, pages }) => ({ id, title, pages }));
    if (JSON.stringify(this.documents) !== before) this.changed();
  }

  private async upload(title: string, file: File): Promise<boolean> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    const response = await fetch(`/hearings/${encodeURIComponent(this.hearingId)}/exhibits`, {
      method: 'POST',
      headers: { ...this.headers(), 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, content: btoa(binary) }),
    }).catch(() => null);
    if (response?.ok) {
      this.problem = '';
      await this.refresh();
      this.changed();
      return true;
    }
    this.problem = ((await response?.json().catch(() => null)) as { message?: string } | null)?.message ?? 'the server did not answer';
    this.changed();
    return false;
  }
}
