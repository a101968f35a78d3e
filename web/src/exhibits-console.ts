/**
 * The hearing's documents on the court's console: the bundle as submitted (title and pages), the
 * buttons that show one to everyone in the courtroom or to those the judge ticks, and the one that
 * stops showing it (the presiding judge's), and the form that adds a document (PDF, PNG or JPEG) to
 * the bundle. The list comes from
 * the server with the console's own link, and is fetched again after an upload and now and then,
 * since counsel may add a document while the hearing runs. The form is built once and kept, so a
 * file being chosen survives the console being drawn again.
 */
import type { CourtView, ParticipantView } from '../../signaling/protocol.js';
import type { ConsoleWriting } from './console-writing.js';
import { readJoinLink } from './connection.js';
import { h } from './dom.js';

/** Sends a command of the court; true once it is recorded (the console's own, passed in). */
type SendCommand = (name: string, payload: Record<string, unknown>) => Promise<boolean>;

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
  /** The document the judge is choosing people to show to, and whom he has ticked so far (kept across redraws). */
  private choosing: string | null = null;
  private readonly chosen = new Set<string>();

  constructor(
    private readonly hearingId: string,
    private readonly changed: () => void,
    private readonly send: SendCommand,
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

  /** `people`: who is connected, for the presiding judge's choice of whom to show a document to. */
  section(w: ConsoleWriting, view: CourtView, shows: boolean, people: ReadonlyMap<string, ParticipantView> = new Map()): HTMLElement {
    if (Date.now() - this.fetchedAt > REFRESH_MS) void this.refresh();
    this.titleLabel.textContent = w.t('console.exhibitTitle');
    this.fileLabel.textContent = w.t('console.exhibitFile');
    this.submit.textContent = w.t('console.exhibitSubmit');
    this.problemLine.hidden = this.problem === '';
    this.problemLine.textContent = this.problem && w.t('console.exhibitRefused', { reason: this.problem });
    const shown = view.exhibit?.id ?? null;
    const acts = shows && view.phase !== 'ended';
    if (!acts || !this.documents.some((d) => d.id === this.choosing)) this.choosing = null;
    const audience = view.exhibit?.shownTo
      ? h('p', { class: 'muted' }, w.t('console.exhibitShownTo', { names: this.namesOf(view.exhibit.shownTo, people) }))
      : null;
    const rows = this.documents.map((d) =>
      h(
        'li',
        { 'data-exhibit': d.id, 'data-shown': String(d.id === shown) },
        h('span', { class: 'exhibit-name' }, `${d.title} · ${w.t('console.exhibitPages', { pages: d.pages })}`),
        !acts
          ? d.id === shown
            ? h('strong', {}, w.t('console.exhibitShowing'))
            : null
          : d.id === shown
            ? w.button(w.t('console.exhibitStop'), 'court:stop-exhibit')
            : h(
                'span',
                { class: 'exhibit-actions' },
                w.button(w.t('console.exhibitShow'), 'court:show-exhibit', { exhibitId: d.id, to: null }),
                this.chooseButton(w, d.id),
              ),
        d.id === shown ? audience : null,
        d.id === this.choosing ? this.chooser(w, view, d, people) : null,
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

  private chooseButton(w: ConsoleWriting, exhibitId: string): HTMLButtonElement {
    const button = h('button', { type: 'button', 'aria-expanded': String(this.choosing === exhibitId) }, w.t('console.exhibitShowSome'));
    button.addEventListener('click', () => {
      this.choosing = this.choosing === exhibitId ? null : exhibitId;
      this.chosen.clear();
      this.changed();
    });
    return button;
  }

  /**
   * Whom to show a document to: those in the courtroom but the two judicial authorities, who always
   * see it. The court's rule refuses anyone not admitted, so the choice offers no one else.
   */
  private chooser(w: ConsoleWriting, view: CourtView, d: Submitted, people: ReadonlyMap<string, ParticipantView>): HTMLElement {
    const waiting = new Set((view.lobby ?? []).map((p) => p.id));
    const candidates = [...people.values()].filter((p) => !waiting.has(p.id) && p.role !== 'presiding_judge' && p.role !== 'requested_officer');
    for (const id of [...this.chosen]) if (!candidates.some((p) => p.id === id)) this.chosen.delete(id);
    const boxes = candidates.map((p) => {
      const box = h('input', { type: 'checkbox', value: p.id, checked: this.chosen.has(p.id) });
      box.addEventListener('change', () => {
        if (box.checked) this.chosen.add(p.id);
        else this.chosen.delete(p.id);
        showChosen.disabled = this.chosen.size === 0;
      });
      return h('label', { class: 'check' }, box, w.who(p));
    });
    const showChosen = h('button', { type: 'button', disabled: this.chosen.size === 0 }, w.t('console.exhibitShowChosen'));
    showChosen.addEventListener('click', () => {
      void this.send('court:show-exhibit', { exhibitId: d.id, to: [...this.chosen] }).then((recorded) => {
        if (!recorded) return;
        this.choosing = null;
        this.chosen.clear();
        this.changed();
      });
    });
    const cancel = h('button', { type: 'button' }, w.t('console.exhibitCancel'));
    cancel.addEventListener('click', () => {
      this.choosing = null;
      this.chosen.clear();
      this.changed();
    });
    return h(
      'fieldset',
      { class: 'exhibit-audience' },
      h('legend', {}, w.t('console.exhibitChoose', { title: d.title })),
      h('p', { class: 'muted' }, w.t('console.exhibitJudgesSee')),
      ...(boxes.length > 0 ? boxes : [h('p', {}, w.t('console.exhibitNobody'))]),
      h('p', { class: 'exhibit-actions' }, showChosen, cancel),
    );
  }

  private namesOf(ids: readonly string[], people: ReadonlyMap<string, ParticipantView>): string {
    return ids.map((id) => people.get(id)?.displayName ?? '…').join(', ');
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
