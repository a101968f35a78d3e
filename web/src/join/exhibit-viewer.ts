/**
 * The document the court shows, on the page of each person it is shown to: its title, one page at a
 * time as a picture fetched with the page's own link (never the file: the court shows, it does not
 * hand out), and buttons to turn the pages. Fetched again only when the document or the page changes.
 */
import type { CourtView } from '../../../signaling/protocol.js';
import { readJoinLink } from '../connection.js';
import { h } from '../dom.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

type Shown = NonNullable<CourtView['exhibit']>;

export class ExhibitViewer {
  private shown: Shown | null = null;
  private page = 1;
  private picture: string | null = null;
  private readonly image = h('img', { class: 'exhibit-page', alt: '' });
  private readonly status = h('p', { class: 'exhibit-status', role: 'status' });
  private readonly previous = h('button', { type: 'button' });
  private readonly next = h('button', { type: 'button' });
  private readonly title = h('h2', { id: 'exhibit-title' });
  private readonly pages = h('details', { class: 'exhibit-pages' });

  constructor(
    private readonly hearingId: () => string,
    /** The court conducts the hearing while it shows a document: its page opens folded, so the person heard stays large. */
    private readonly folded: () => boolean,
  ) {
    this.previous.addEventListener('click', () => this.turn(-1));
    this.next.addEventListener('click', () => this.turn(1));
    this.pages.append(h('summary', {}, this.title), this.image, h('p', { class: 'exhibit-pager' }, this.previous, this.status, this.next));
    ui.exhibit.replaceChildren(this.pages);
  }

  render(view: CourtView): void {
    const shown = view.phase === 'ended' ? null : view.exhibit;
    ui.exhibit.hidden = shown === null;
    if (!shown) {
      this.shown = null;
      this.release();
      return;
    }
    const changed = this.shown?.id !== shown.id;
    this.shown = shown;
    if (changed) {
      this.page = 1;
      this.pages.open = !this.folded();
    }
    this.label();
    if (changed) void this.load();
  }

  private label(): void {
    if (!this.shown) return;
    this.title.textContent = words.t('exhibit.shownTitle', { title: this.shown.title });
    this.previous.textContent = words.t('exhibit.previous');
    this.next.textContent = words.t('exhibit.next');
    this.previous.disabled = this.page <= 1;
    this.next.disabled = this.page >= this.shown.pages;
    this.previous.hidden = this.next.hidden = this.shown.pages === 1;
    this.status.textContent = words.t('exhibit.page', { page: this.page, pages: this.shown.pages });
    this.image.alt = words.t('exhibit.image', { page: this.page, title: this.shown.title });
  }

  private turn(by: number): void {
    if (!this.shown) return;
    this.page = Math.min(this.shown.pages, Math.max(1, this.page + by));
    this.label();
    void this.load();
  }

  private async load(): Promise<void> {
    const shown = this.shown;
    const page = this.page;
    const { token } = readJoinLink(window.location);
    if (!shown || !token) return;
    const response = await fetch(`/hearings/${encodeURIComponent(this.hearingId())}/exhibits/${shown.id}/pages/${page}`, {
      headers: { Authorization: `Bearer ${token}` },
      cache: 'no-store',
    }).catch(() => null);
    // Another page or document was asked for meanwhile: this answer is for nobody now.
    if (this.shown?.id !== shown.id || this.page !== page) return;
    if (!response?.ok) {
      this.status.textContent = words.t('exhibit.failed');
      return;
    }
    this.release();
    this.picture = URL.createObjectURL(await response.blob());
    this.image.src = this.picture;
    this.image.dataset.page = String(page);
  }

  private release(): void {
    if (this.picture) URL.revokeObjectURL(this.picture);
    this.picture = null;
    this.image.removeAttribute('src');
    delete this.image.dataset.page;
  }
}
