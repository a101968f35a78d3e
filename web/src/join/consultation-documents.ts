/**
 * Documents a lawyer and the person he assists share in their private consultation, sealed end to
 * end like their voices. The sender's page reads the file, seals its title, type and bytes under the
 * consultation's document key (consultation-crypto.ts) and stores the ciphertext on the server
 * (server/consultation-documents-http.ts), then tells the other members its id through the key
 * relay; each page fetches it, opens it and shows it page by page — a PDF drawn by pdf.js on the
 * page itself (no plug-in, which a phone may not have), a picture as a picture. Nothing is offered for
 * download, and all of it goes when the consultation ends.
 */
import * as z from 'zod/mini';
import type { ParticipantView } from '../../../signaling/protocol.js';
import { readJoinLink } from '../connection.js';
import type { ConsultationCrypto } from '../consultation-crypto.js';
import { h } from '../dom.js';
import { openPdf, type PdfDocument } from '../pdf-pages.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

/** As for the court's bundle: what a phone can open and a consultation needs. */
const MAX_DOCUMENT_BYTES = 15 * 1024 * 1024;
const MAX_TITLE = 200;
/** A picture larger than this is not drawn: decoded, it would take more memory than a cheap phone has. */
const MAX_PICTURE_PIXELS = 40_000_000;
const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
type DocumentType = (typeof DOCUMENT_TYPES)[number];
/** What another member's page sealed with the document: checked, since it comes from another browser. */
const SealedHeader = z.object({ title: z.string().check(z.minLength(1), z.maxLength(1000)), type: z.enum(DOCUMENT_TYPES) });
const Listed = z.object({ documents: z.array(z.object({ id: z.string(), sharedBy: z.string() })) });

interface SharedDocument {
  id: string;
  title: string;
  type: DocumentType;
  bytes: Uint8Array;
  /** Who shared it; null for this page's own. */
  from: string | null;
}

export class ConsultationDocuments {
  private consultationId: string | null = null;
  private readonly documents: SharedDocument[] = [];
  private opened: { document: SharedDocument; page: number; pages: number; pdf: PdfDocument | null; picture: string | null } | null = null;
  /** Raised by every opening and closing: a document still loading when another is opened, or the consultation ends, is dropped. */
  private generation = 0;
  private ready = false;
  private readonly section = ui.consultationDocuments;
  private readonly heading = h('h2', { id: 'consultation-documents-title' });
  private readonly note = h('p', { class: 'muted' });
  private readonly list = h('ul', { class: 'consultation-document-list' });
  private readonly fileLabel = h('span');
  private readonly file = h('input', { type: 'file', accept: 'application/pdf,image/png,image/jpeg' });
  private readonly share = h('button', { type: 'submit' });
  private readonly status = h('p', { class: 'consultation-document-status', role: 'status' });
  private readonly viewer = h('div', { class: 'consultation-document-viewer', hidden: true });
  private readonly viewerTitle = h('h3', { id: 'consultation-document-title' });
  private readonly canvas = h('canvas', { class: 'consultation-document-page', role: 'img' });
  private readonly image = h('img', { class: 'consultation-document-page', alt: '' });
  private readonly previous = h('button', { type: 'button' });
  private readonly next = h('button', { type: 'button' });
  private readonly pageStatus = h('span');
  private readonly close = h('button', { type: 'button' });

  constructor(
    private readonly hearingId: string,
    private readonly frames: ConsultationCrypto,
    private readonly people: ReadonlyMap<string, ParticipantView>,
    /** Tells one other member a document's id, through the key relay. */
    private readonly announce: (consultationId: string, to: string, documentId: string) => void,
  ) {
    const form = h('form', { class: 'consultation-document-share' }, h('label', {}, this.fileLabel, ' ', this.file), this.share);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.shareChosen();
    });
    this.previous.addEventListener('click', () => void this.turn(-1));
    this.next.addEventListener('click', () => void this.turn(1));
    this.close.addEventListener('click', () => this.closeViewer());
    // The page controls above the page: turning and closing stay in sight however tall the page is.
    this.viewer.append(this.viewerTitle, h('p', { class: 'exhibit-pager' }, this.previous, this.pageStatus, this.next, this.close), this.canvas, this.image);
    this.section.replaceChildren(this.heading, this.note, this.list, form, this.status, this.viewer);
  }

  /** The consultation this page is in, its key agreed (or null): the panel follows it, and forgets all at its end. */
  follow(consultationId: string | null, ready: boolean): void {
    if (consultationId !== this.consultationId) {
      this.closeViewer();
      this.documents.length = 0;
      this.status.textContent = '';
      this.consultationId = consultationId;
      this.ready = false;
    }
    // The key just agreed (a new consultation, or this page back after a reload): catch up with what
    // the others shared meanwhile, since an announcement may have come before the key or not at all.
    if (consultationId && ready && !this.ready) void this.catchUp(consultationId);
    this.ready = Boolean(consultationId && ready);
    this.section.hidden = !this.ready;
    this.label();
  }

  private async catchUp(consultationId: string): Promise<void> {
    const response = await fetch(this.address(consultationId), { headers: this.headers(), cache: 'no-store' }).catch(() => null);
    if (!response?.ok) return;
    const listed = Listed.safeParse(await response.json().catch(() => null));
    if (!listed.success) return;
    for (const { id, sharedBy } of listed.data.documents) await this.received(consultationId, sharedBy, id);
  }

  /** Another member shared a document: fetch it, open it, list it. */
  async received(consultationId: string, from: string, documentId: string): Promise<void> {
    if (consultationId !== this.consultationId || this.documents.some((d) => d.id === documentId)) return;
    try {
      const response = await fetch(this.address(consultationId, documentId), { headers: this.headers(), cache: 'no-store' });
      if (!response.ok || response.headers.get('X-Shared-By') !== from) throw new Error(`fetching the document: ${response.status}`);
      const opened = await this.frames.openDocument(documentId, from, new Uint8Array(await response.arrayBuffer()));
      const document = unpack(documentId, opened, from === this.frames.selfId ? null : from);
      if (consultationId !== this.consultationId || this.documents.some((d) => d.id === documentId)) return;
      this.documents.push(document);
      if (document.from) this.status.textContent = words.t('consultation.documents.received', { name: this.nameOf(from), title: isolate(document.title) });
      this.label();
    } catch {
      if (consultationId === this.consultationId) this.status.textContent = words.t('consultation.documents.unreadable', { name: this.nameOf(from) });
    }
  }

  private async shareChosen(): Promise<void> {
    const consultationId = this.consultationId;
    const chosen = this.file.files?.[0];
    if (!consultationId || !chosen) return;
    if (chosen.size > MAX_DOCUMENT_BYTES) {
      this.status.textContent = words.t('consultation.documents.tooLarge', { megabytes: MAX_DOCUMENT_BYTES / 1024 / 1024 });
      return;
    }
    const bytes = new Uint8Array(await chosen.arrayBuffer());
    const type = typeOf(bytes);
    if (!type) {
      this.status.textContent = words.t('consultation.documents.notDocument');
      return;
    }
    const title = plainTitle(chosen.name);
    this.share.disabled = true;
    this.status.textContent = words.t('consultation.documents.sharing', { title: isolate(title) });
    try {
      const id = crypto.randomUUID();
      const sealed = await this.frames.sealDocument(id, pack(title, type, bytes));
      const response = await fetch(this.address(consultationId, id), {
        method: 'PUT',
        headers: { ...this.headers(), 'Content-Type': 'application/octet-stream' },
        body: sealed,
      });
      if (response.status === 413) {
        this.status.textContent = words.t('consultation.documents.full');
        return;
      }
      if (!response.ok) throw new Error(`storing the document: ${response.status}`);
      if (consultationId !== this.consultationId) return;
      for (const member of this.frames.others()) this.announce(consultationId, member, id);
      this.documents.push({ id, title, type, bytes, from: null });
      this.file.value = '';
      this.status.textContent = words.t('consultation.documents.shared', { title: isolate(title) });
      this.label();
    } catch {
      if (consultationId === this.consultationId) this.status.textContent = words.t('consultation.documents.failed');
    } finally {
      this.share.disabled = false;
    }
  }

  private label(): void {
    this.heading.textContent = words.t('consultation.documents.heading');
    this.note.textContent = words.t('consultation.documents.note');
    this.fileLabel.textContent = words.t('consultation.documents.choose');
    this.share.textContent = words.t('consultation.documents.share');
    this.previous.textContent = words.t('exhibit.previous');
    this.next.textContent = words.t('exhibit.next');
    this.close.textContent = words.t('consultation.documents.close');
    this.list.replaceChildren(
      ...this.documents.map((document) => {
        const open = h('button', { type: 'button' }, words.t('consultation.documents.open'));
        open.addEventListener('click', () => void this.openViewer(document));
        const by = document.from ? words.t('consultation.documents.from', { name: this.nameOf(document.from) }) : words.t('consultation.documents.fromYou');
        return h(
          'li',
          { 'data-document-id': document.id },
          h('span', { class: 'consultation-document-name', dir: 'auto' }, document.title),
          ' ',
          h('span', { class: 'muted' }, by),
          ' ',
          open,
        );
      }),
    );
    this.list.hidden = this.documents.length === 0;
  }

  private async openViewer(document: SharedDocument): Promise<void> {
    this.closeViewer();
    const generation = this.generation;
    const pdf = document.type === 'application/pdf' ? await openPdf(document.bytes).catch(() => null) : null;
    if (generation !== this.generation) {
      // Another document was opened meanwhile, or the consultation ended: this one is not shown.
      void pdf?.close();
      return;
    }
    if ((document.type === 'application/pdf' && !pdf) || (!pdf && pixelsOf(document.bytes) > MAX_PICTURE_PIXELS)) {
      this.status.textContent = words.t('consultation.documents.cannotShow', { title: isolate(document.title) });
      return;
    }
    const picture = pdf ? null : URL.createObjectURL(new Blob([document.bytes as BlobPart], { type: document.type }));
    this.opened = { document, page: 1, pages: pdf?.pages ?? 1, pdf, picture };
    this.viewer.hidden = false;
    this.viewer.dataset.documentId = document.id;
    this.viewerTitle.textContent = words.t('consultation.documents.viewing', { title: isolate(document.title) });
    await this.show();
    this.viewer.scrollIntoView({ block: 'start' });
  }

  private async turn(by: number): Promise<void> {
    if (!this.opened) return;
    this.opened.page = Math.min(this.opened.pages, Math.max(1, this.opened.page + by));
    await this.show();
  }

  private async show(): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    const { page, pages, pdf, picture, document } = opened;
    this.previous.disabled = page <= 1;
    this.next.disabled = page >= pages;
    this.previous.hidden = this.next.hidden = pages === 1;
    this.pageStatus.textContent = words.t('exhibit.page', { page, pages });
    const alt = words.t('exhibit.image', { page, title: document.title });
    this.canvas.hidden = !pdf;
    this.image.hidden = Boolean(pdf);
    if (picture) {
      this.image.src = picture;
      this.image.alt = alt;
      this.image.dataset.page = String(page);
      return;
    }
    this.canvas.setAttribute('aria-label', alt);
    // Drawn at the width the panel has, in device pixels, so the text stays sharp on a phone.
    const width = Math.max(240, this.viewer.clientWidth || 600) * (window.devicePixelRatio || 1);
    await pdf?.render(page, this.canvas, width);
    if (this.opened === opened && opened.page === page) this.canvas.dataset.page = String(page);
  }

  private closeViewer(): void {
    this.generation += 1;
    const opened = this.opened;
    this.opened = null;
    this.viewer.hidden = true;
    delete this.viewer.dataset.documentId;
    delete this.canvas.dataset.page;
    delete this.image.dataset.page;
    this.image.removeAttribute('src');
    this.canvas.width = this.canvas.height = 0;
    if (opened?.picture) URL.revokeObjectURL(opened.picture);
    void opened?.pdf?.close();
  }

  private nameOf(id: string): string {
    return this.people.get(id)?.displayName ?? '';
  }

  private address(consultationId: string, documentId?: string): string {
    const documents = `/hearings/${encodeURIComponent(this.hearingId)}/consultations/${consultationId}/documents`;
    return documentId ? `${documents}/${documentId}` : documents;
  }

  private headers(): Record<string, string> {
    const { token } = readJoinLink(window.location);
    return token ? { Authorization: `Bearer ${token}` } : {};
  }
}

/** What a document is, from its first bytes rather than its name. */
function typeOf(bytes: Uint8Array): DocumentType | null {
  const starts = (...prefix: number[]) => prefix.every((b, i) => bytes[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  return null;
}

/** A file's name as a title: one line of plain text, no direction controls, not too long. */
function plainTitle(name: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters, so it names them.
  const plain = name.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  return (plain || 'document').slice(0, MAX_TITLE);
}

/** A title from another person's page, isolated in a sentence of this page's language and direction. */
const isolate = (text: string) => `\u2068${text}\u2069`;

/** What is sealed: the header's length (4 bytes), the header (title and type, JSON), the document. */
function pack(title: string, type: DocumentType, bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const header = new TextEncoder().encode(JSON.stringify({ title, type }));
  const out = new Uint8Array(4 + header.length + bytes.length);
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  out.set(bytes, 4 + header.length);
  return out;
}

/** The reverse of `pack`, checked: a header that is not what a page writes, or bytes not of the type named, are refused. */
function unpack(id: string, opened: Uint8Array, from: string | null): SharedDocument {
  const length = new DataView(opened.buffer, opened.byteOffset, opened.byteLength).getUint32(0);
  if (length > 4096 || 4 + length > opened.length) throw new Error('not a shared document');
  const header = SealedHeader.parse(JSON.parse(new TextDecoder().decode(opened.subarray(4, 4 + length))));
  const bytes = opened.slice(4 + length);
  if (typeOf(bytes) !== header.type) throw new Error('not a shared document');
  return { id, title: plainTitle(header.title), type: header.type, bytes, from };
}

/** A picture's size in pixels, from its header (PNG's IHDR, JPEG's start of frame); Infinity when it cannot be read. */
function pixelsOf(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (typeOf(bytes) === 'image/png') return bytes.length >= 24 ? view.getUint32(16) * view.getUint32(20) : Number.POSITIVE_INFINITY;
  // JPEG: walk the markers to the first start of frame (SOF0–SOF15 but DHT, JPG and DAC).
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return Number.POSITIVE_INFINITY;
    const marker = bytes[at + 1]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) return view.getUint16(at + 5) * view.getUint16(at + 7);
    at += 2 + view.getUint16(at + 2);
  }
  return Number.POSITIVE_INFINITY;
}
