/**
 * One hearing in session: its state, rebuilt from the record when first needed, and a queue that
 * runs the court's decisions one at a time so that two requests never decide on the same state.
 */
import { apply, emptyState, type CourtroomState, type RecordedEvent } from './state.js';

export class CourtSession {
  readonly state: CourtroomState = emptyState();
  /** Who was in each consultation that has ended, for what must follow its end. */
  readonly endedConsultations = new Map<string, string[]>();
  private queue: Promise<unknown> = Promise.resolve();

  static fromRecord(events: readonly RecordedEvent[]): CourtSession {
    const session = new CourtSession();
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
