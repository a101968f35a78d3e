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
type RequestMailEvent = 'mail.sent' | 'mail.deferred' | 'mail.failed' | 'mail.superseded';

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
    const attempt = letter.attempts + 1;
    // A newer letter to the same person (a new time, a cancellation) goes instead: nobody receives an
    // old time after the new one.
    if (await this.isReplaced(letter)) return this.settle(letter, 'superseded', letter.attempts, { reason: 'newer_letter' });
    // Written anew at every attempt, from the hearing as it is now: a retry never carries a time that
    // changed or a link that was withdrawn meanwhile (writing the letter issues the person's link).
    let message: Awaited<ReturnType<typeof composeLetter>>;
    try {
      message = await composeLetter(this.options.store, this.options.documents, letter);
    } catch (error) {
      this.options.log.warn({ err: error, hearingId: letter.hearingId, letterId: letter.id }, 'mail: the letter could not be written');
      return this.refused(letter, attempt, { permanent: false, reason: 'not_written' });
    }
    // The hearing was cancelled: its cancellation says so, nothing else goes.
    if ('reason' in message && message.reason === 'cancelled') return this.settle(letter, 'superseded', letter.attempts, { reason: 'cancelled' });
    // Nobody to send it to: not the relay's failure, so the operator's alert on refused letters does not count it.
    if ('reason' in message) return this.settle(letter, 'unaddressed', attempt, { reason: message.reason });
    try {
      await this.options.relay.send(message);
    } catch (error) {
      return this.refused(letter, attempt, relayRefusal(error));
    }
    return this.settle(letter, 'sent', attempt, { language: message.language });
  }

  private async refused(letter: QueuedLetter, attempt: number, refusal: { permanent: boolean; reason: string }): Promise<void> {
    if (refusal.permanent || attempt >= this.options.attempts) return this.settle(letter, 'failed', attempt, { reason: refusal.reason });
    const next = new Date(this.now().getTime() + this.options.firstRetrySeconds * 1000 * 4 ** (attempt - 1));
    await this.options.store.mail.deferred(letter.id, attempt, next, this.options.holder);
    await this.told(letter, 'deferred', 'mail.deferred', { attempt, reason: refusal.reason, nextAttemptAt: next.toISOString() });
  }

  /** The letter's last outcome: kept in the outbox, then told. */
  private async settle(letter: QueuedLetter, outcome: Exclude<DeliveryOutcome, 'deferred'>, attempt: number, data: Record<string, unknown>): Promise<void> {
    await this.options.store.mail.settle(letter.id, outcome === 'unaddressed' ? 'failed' : outcome, attempt, this.options.holder);
    const type = outcome === 'sent' ? 'mail.sent' : outcome === 'superseded' ? 'mail.superseded' : 'mail.failed';
    await this.told(letter, outcome, type, { attempt, ...data });
  }

  /**
   * An attempt's outcome, told to the coordinators (the request's history, by the system: no
   * coordinator), to the operator's metrics and to the log — by ids alone.
   */
  private async told(letter: QueuedLetter, outcome: DeliveryOutcome, type: RequestMailEvent, data: Record<string, unknown>): Promise<void> {
    const about = { participantId: letter.participantId, kind: letter.kind, ...data };
    await this.options.store.requests.note(letter.hearingId, { type, actorId: null, data: about });
    this.options.delivered?.(letter.kind, outcome);
    const line = { hearingId: letter.hearingId, letterId: letter.id, kind: letter.kind, outcome, attempt: data.attempt, reason: data.reason };
    if (outcome === 'failed') this.options.log.warn(line, 'mail: letter given up');
    else this.options.log.info(line, `mail: letter ${outcome}`);
  }

  /** A newer letter to the same person about the same hearing: a new time or a cancellation after an invitation, a summons after a summons. */
  private async isReplaced(letter: QueuedLetter): Promise<boolean> {
    const family = (l: QueuedLetter) => (l.kind === 'summons' ? 'summons' : 'invitation');
    const letters = await this.options.store.mail.ofHearing(letter.hearingId);
    const newer = letters.slice(letters.findIndex((l) => l.id === letter.id) + 1);
    return newer.some((l) => family(l) === family(letter) && l.participantId === letter.participantId);
  }
}
