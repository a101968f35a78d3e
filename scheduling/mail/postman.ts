/**
 * The postman: takes the letters that are due from the outbox, writes each one out from the hearing
 * as it is at that attempt, hands it to the relay, and puts the outcome in the request's history where both
 * coordinators see it — sent, to be tried again (and when), or given up (and why). Retries back off
 * (first retry after `firstRetrySeconds`, each next one four times later) until `attempts` are used.
 * Several servers may run a postman on one database: each letter is claimed before it is worked on.
 */
import type { Logger } from 'pino';
import type { LetterKind, QueuedLetter, Store } from '../../store/index.js';
import type { SchedulingDocuments } from '../documents.js';
import { composeLetter } from './compose.js';
import { relayRefusal, type MailRelay } from './relay.js';

/** `unaddressed`: nobody to send it to (the person heard gave no address): the coordinators send it another way. */
export type DeliveryOutcome = 'sent' | 'deferred' | 'failed' | 'superseded' | 'unaddressed';

export interface PostmanOptions {
  store: Store;
  documents: SchedulingDocuments;
  relay: MailRelay;
  /** This server's name on its claims. */
  holder: string;
  log: Logger;
  /** Seconds before the first retry; each next retry waits four times longer. */
  firstRetrySeconds: number;
  /** Attempts in all before a letter is given up. */
  attempts: number;
  /** Told of every attempt's outcome (the operator's metrics). */
  delivered?: (kind: LetterKind, outcome: DeliveryOutcome) => void;
  now?: () => Date;
}

/**
 * How long a claim holds: longer than the relay's longest exchange (its timeouts add up to 90 s), so
 * a letter is never sent twice at once. Letters are claimed one at a time, each just before it is
 * written and sent, so no claim waits behind another letter's exchange.
 */
const CLAIM_MS = 120_000;

export class Postman {
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  private round: Promise<void> = Promise.resolve();
  private readonly now: () => Date;

  constructor(private readonly options: PostmanOptions) {
    this.now = options.now ?? (() => new Date());
  }

  /** Looks for due letters every `everyMs` until stopped. */
  start(everyMs = 5_000): void {
    const tick = () => {
      this.round = this.deliverDue()
        .catch((error: unknown) => this.options.log.warn({ err: error }, 'mail: the outbox could not be read; trying again'))
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, everyMs).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  /** Stops looking, and waits for the letters in hand. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.round;
    this.options.relay.close();
  }

  /** One round: every letter due now, one after the other, until none is left or the postman stops. */
  async deliverDue(): Promise<void> {
    const { store, holder } = this.options;
    while (!this.stopping) {
      const now = this.now();
      const [letter] = await store.mail.claimDue(holder, now, new Date(now.getTime() + CLAIM_MS), 1);
      if (!letter) return;
      await this.deliver(letter);
    }
  }

  private async deliver(letter: QueuedLetter): Promise<void> {
    const { store, relay, log } = this.options;
    const attempt = letter.attempts + 1;
    const about = { participantId: letter.participantId, kind: letter.kind, attempt };
    // A newer letter to the same person (a new time, a cancellation) goes instead: nobody receives an
    // old time after the new one.
    if (await this.isReplaced(letter)) return this.replaced(letter, { ...about, attempt: letter.attempts, reason: 'newer_letter' });
    // Written anew at every attempt, from the hearing as it is now: a retry never carries a time that
    // changed or a link that was withdrawn meanwhile (writing the letter issues the person's link).
    let message: Awaited<ReturnType<typeof composeLetter>>;
    try {
      message = await composeLetter(store, this.options.documents, letter);
    } catch (error) {
      log.warn({ err: error, hearingId: letter.hearingId, letterId: letter.id }, 'mail: the letter could not be written');
      return this.refused(letter, attempt, { permanent: false, reason: 'not_written' });
    }
    // The hearing was cancelled: its cancellation says so, nothing else goes.
    if ('reason' in message && message.reason === 'superseded') return this.replaced(letter, { ...about, attempt: letter.attempts, reason: 'cancelled' });
    if ('reason' in message) {
      await store.mail.settle(letter.id, 'failed', attempt, this.options.holder);
      await this.note(letter, 'mail.failed', { ...about, reason: message.reason });
      // Not the relay's failure: the operator's alert on refused letters does not count it.
      this.options.delivered?.(letter.kind, 'unaddressed');
      log.info({ hearingId: letter.hearingId, letterId: letter.id, kind: letter.kind, reason: message.reason }, 'mail: letter not sent');
      return;
    }
    try {
      await relay.send(message);
    } catch (error) {
      return this.refused(letter, attempt, relayRefusal(error));
    }
    await store.mail.settle(letter.id, 'sent', attempt, this.options.holder);
    await this.note(letter, 'mail.sent', { ...about, language: message.language });
    this.options.delivered?.(letter.kind, 'sent');
    log.info({ hearingId: letter.hearingId, letterId: letter.id, kind: letter.kind, attempt }, 'mail: letter handed to the relay');
  }

  private async refused(letter: QueuedLetter, attempt: number, refusal: { permanent: boolean; reason: string }): Promise<void> {
    const { store, log } = this.options;
    const about = { participantId: letter.participantId, kind: letter.kind, attempt, reason: refusal.reason };
    if (refusal.permanent || attempt >= this.options.attempts) {
      await store.mail.settle(letter.id, 'failed', attempt, this.options.holder);
      await this.note(letter, 'mail.failed', about);
      this.options.delivered?.(letter.kind, 'failed');
      log.warn({ hearingId: letter.hearingId, letterId: letter.id, kind: letter.kind, attempt, reason: refusal.reason }, 'mail: letter given up');
      return;
    }
    const next = new Date(this.now().getTime() + this.options.firstRetrySeconds * 1000 * 4 ** (attempt - 1));
    await store.mail.deferred(letter.id, attempt, next, this.options.holder);
    await this.note(letter, 'mail.deferred', { ...about, nextAttemptAt: next.toISOString() });
    this.options.delivered?.(letter.kind, 'deferred');
    log.info(
      { hearingId: letter.hearingId, letterId: letter.id, kind: letter.kind, attempt, reason: refusal.reason },
      'mail: relay did not take the letter; will try again',
    );
  }

  /** A newer letter to the same person about the same hearing: a new time or a cancellation after an invitation, a summons after a summons. */
  private async isReplaced(letter: QueuedLetter): Promise<boolean> {
    const family = (l: QueuedLetter) => (l.kind === 'summons' ? 'summons' : 'invitation');
    const letters = await this.options.store.mail.ofHearing(letter.hearingId);
    const newer = letters.slice(letters.findIndex((l) => l.id === letter.id) + 1);
    return newer.some((l) => family(l) === family(letter) && l.participantId === letter.participantId);
  }

  /** Not sent, and never will be: what replaces it says so in the history itself. */
  private async replaced(letter: QueuedLetter, about: Record<string, unknown>): Promise<void> {
    await this.options.store.mail.settle(letter.id, 'superseded', letter.attempts, this.options.holder);
    await this.note(letter, 'mail.superseded', about);
    this.options.delivered?.(letter.kind, 'superseded');
    this.options.log.info(
      { hearingId: letter.hearingId, letterId: letter.id, kind: letter.kind, reason: about.reason },
      'mail: letter replaced by a newer one',
    );
  }

  /** In the request's history, by the system (no coordinator): both coordinators see what became of each letter. */
  private async note(
    letter: QueuedLetter,
    type: 'mail.sent' | 'mail.deferred' | 'mail.failed' | 'mail.superseded',
    data: Record<string, unknown>,
  ): Promise<void> {
    await this.options.store.requests.note(letter.hearingId, { type, actorId: null, data });
  }
}
