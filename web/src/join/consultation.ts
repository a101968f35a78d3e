/**
 * The private consultation between the person heard and her lawyer, on this page: the button that
 * asks the court for it or ends it, the key agreement that seals their streams end to end while it
 * lasts, so that nothing they say reaches the media server, or the recording, in the clear, and the
 * documents they share under the same seal (consultation-documents.ts).
 */
import type { Action, CourtView, ParticipantView } from '../../../signaling/protocol.js';
import { ConsultationCrypto, type KeyMessage } from '../consultation-crypto.js';
import type { SendCommand } from '../court-console.js';
import type { ConsultationDocuments } from './consultation-documents.js';
import { ui } from './elements.js';
import { words } from './page-words.js';

export interface ConsultationHost {
  readonly self: ParticipantView | null;
  readonly permissions: ReadonlySet<Action>;
  readonly people: ReadonlyMap<string, ParticipantView>;
  readonly court: CourtView | null;
  command: SendCommand;
  /** Shows the court's state again: the status line says when the consultation is sealed. */
  renderCourt(): void;
}

export class PrivateConsultation {
  /** Seals this page's streams during a private consultation; absent where the browser cannot. */
  frames: ConsultationCrypto | null = null;
  private framesReady = false;
  /** The shared documents' panel, loaded with the first consultation (most hearings have none). */
  private documents: Promise<ConsultationDocuments> | null = null;
  private makeDocuments: (() => Promise<ConsultationDocuments>) | null = null;

  constructor(private readonly host: ConsultationHost) {
    ui.toggleConsultation.addEventListener('click', () => void this.toggle());
  }

  /** Once the server has said who this person is: the sealer, where the browser has insertable streams. */
  prepare(selfId: string, hearingId: string): void {
    if (this.frames || !supportsInsertableStreams()) return;
    const relay = (consultationId: string, to: string, message: KeyMessage) => void this.host.command('consultation:relay', { consultationId, to, message });
    const frames = new ConsultationCrypto(
      selfId,
      relay,
      (ready) => {
        this.framesReady = ready;
        this.followDocuments();
        this.host.renderCourt();
      },
      (consultationId, from, documentId) =>
        void this.documentsPanel()?.then(
          (panel) => panel.received(consultationId, from, documentId),
          () => undefined,
        ),
    );
    this.frames = frames;
    this.makeDocuments = () =>
      import('./consultation-documents.js').then(
        ({ ConsultationDocuments }) =>
          new ConsultationDocuments(hearingId, frames, this.host.people, (consultationId, to, documentId) =>
            relay(consultationId, to, { kind: 'document', documentId }),
          ),
      );
  }

  /** The panel, loaded the first time this person is in a consultation. */
  private documentsPanel(): Promise<ConsultationDocuments> | null {
    if (!this.documents && this.frames?.current && this.makeDocuments) {
      const loading = this.makeDocuments();
      this.documents = loading;
      // A phone that lost the network as the panel loaded tries again at the next change, not never.
      loading.catch(() => {
        if (this.documents === loading) this.documents = null;
      });
    }
    return this.documents;
  }

  private followDocuments(): void {
    const consultationId = this.frames?.current ?? null;
    const ready = this.framesReady;
    void this.documentsPanel()?.then(
      (panel) => panel.follow(consultationId, ready),
      () => undefined,
    );
  }

  /** A key message from another member, relayed by the server. */
  receive(consultationId: string, from: string, message: KeyMessage): void {
    void this.frames?.receive(consultationId, from, message);
  }

  /** Joins or leaves the consultation's key agreement as the court's state says. */
  async follow(view: CourtView): Promise<void> {
    const id = view.you.consultationId;
    if (!this.frames) return;
    if (id) {
      const members = view.consultations.find((c) => c.id === id)?.participantIds ?? [];
      await this.frames.begin(id, members);
    } else if (this.frames.active) {
      this.frames.end();
    }
    this.followDocuments();
  }

  /** The status line while this person consults: agreeing on a key, then sealed with its security code. */
  statusLine(): string {
    return this.framesReady ? words.t('consultation.sealed', { code: this.frames?.securityCode ?? '' }) : words.t('consultation.agreeing');
  }

  /** The button, offered to those who may consult while they are in the courtroom and their browser can seal. */
  showButton(view: CourtView): void {
    const consulting = view.you.consultationId;
    ui.toggleConsultation.hidden = !this.host.permissions.has('court.consult') || !view.you.inCourtroom || view.phase === 'ended' || !this.frames;
    ui.toggleConsultation.textContent = words.t(consulting ? 'controls.endConsultation' : 'controls.consult');
    ui.toggleConsultation.setAttribute('aria-pressed', String(Boolean(consulting)));
  }

  private async toggle(): Promise<void> {
    const own = this.host.court?.you.consultationId;
    if (own) {
      await this.host.command('court:end-consultation', { consultationId: own });
      return;
    }
    // Counsel consults the person heard; the person heard consults counsel.
    const partnerRole = this.host.self?.role === 'counsel' ? 'person_heard' : 'counsel';
    const partner = [...this.host.people.values()].find((p) => p.role === partnerRole);
    if (!partner) {
      ui.courtError.textContent = words.t(partnerRole === 'counsel' ? 'consultation.lawyerAbsent' : 'consultation.personAbsent');
      ui.courtError.hidden = false;
      return;
    }
    // Hold every frame back from now on: none may reach the SFU in the clear while the court records it.
    this.frames?.arm();
    await this.host.command('court:consult', { withParticipantIds: [partner.id] });
  }
}

/** Chromium's insertable streams, which the consultation's end-to-end encryption needs. */
function supportsInsertableStreams(): boolean {
  return typeof RTCRtpSender !== 'undefined' && 'createEncodedStreams' in RTCRtpSender.prototype;
}
