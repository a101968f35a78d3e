/**
 * One hearing in session: its state, rebuilt from the record when first needed, and a queue that
 * runs the court's decisions one at a time so that two requests never decide on the same state.
 */
import { apply, emptyState, type CourtroomState, type RecordedEvent } from './state.js';
import { MODEL_TEXT_BOOK, type TextBook } from './texts.js';

/** What a hearing speaks: the court's language and the texts it can put before the person heard. */
export interface HearingLanguages {
  courtLanguage: string;
  texts: TextBook;
}

export class CourtSession {
  readonly state: CourtroomState = emptyState();
  /** Read with the hearing when the session is loaded; a hearing stored without them speaks English with the model texts. */
  languages: HearingLanguages = { courtLanguage: 'en', texts: MODEL_TEXT_BOOK };
  /** Who was in each consultation that has ended, for what must follow its end. */
  readonly endedConsultations = new Map<string, string[]>();
  private queue: Promise<unknown> = Promise.resolve();

  static fromRecord(events: readonly RecordedEvent[], languages?: HearingLanguages): CourtSession {
    const session = new CourtSession();
    if (languages) session.languages = languages;
    for (const event of events) session.record(event);
    return session;
  }

  /** Runs `work` after everything queued before it; a failure does not block what follows. */
  run<T>(work: () => Promise<T>): Promise<T> {
    const result = this.queue.then(work, work);
    this.queue = result.catch(() => undefined);
    return result;
  }

  record(event: RecordedEvent): void {
    if (event.type === 'consultation.ended') {
      const id = String(event.data.consultationId);
      this.endedConsultations.set(id, this.state.consultations.get(id) ?? []);
    }
    apply(this.state, event);
  }
}
