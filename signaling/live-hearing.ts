/**
 * A hearing in session on this server, as one object: its court (the state folded from its record,
 * and the queue every decision and every write waits in), the recording running in it, and the
 * reconciler that keeps its media to the court's rule. Who is connected to it is `Presence`, kept
 * beside it because a connection exists before its hearing is loaded.
 *
 * `LiveHearings` loads each hearing from its record the first time it is needed — once, however
 * many ask at the same moment — and keeps it while this server runs. Everything the live service
 * knows of a hearing beyond its record is here, so that a hearing rebuilt from its record (after a
 * restart, or on another node) is the same hearing.
 */
import type { CourtroomState, CourtSession } from '../courtroom/index.js';
import type { Recording } from '../recording/index.js';
import type { Fence } from '../store/index.js';
import type { MediaReconciler } from './media-reconciler.js';

export class LiveHearing {
  /** The recording running in the hearing, while it runs. */
  recording: Recording | undefined;
  /**
   * The hearing is leaving this server (handed over in a drain, or its lease lost): nothing more is
   * decided or written for it here, while it is still held until it is released.
   */
  leaving = false;

  constructor(
    readonly id: string,
    /** The lease this server holds the hearing under: every append of its record names it. */
    readonly fence: Fence,
    readonly court: CourtSession,
    readonly media: MediaReconciler,
  ) {}

  get state(): CourtroomState {
    return this.court.state;
  }
}

export class LiveHearings {
  private readonly hearings = new Map<string, { loading: Promise<LiveHearing>; loaded?: LiveHearing }>();

  constructor(private readonly load: (hearingId: string) => Promise<LiveHearing>) {}

  /** The hearing, loaded from its record the first time it is asked for; a load that fails is tried again next time. */
  open(hearingId: string): Promise<LiveHearing> {
    const known = this.hearings.get(hearingId);
    if (known) return known.loading;
    const entry: { loading: Promise<LiveHearing>; loaded?: LiveHearing } = {
      loading: this.load(hearingId).then((hearing) => {
        entry.loaded = hearing;
        return hearing;
      }),
    };
    this.hearings.set(hearingId, entry);
    entry.loading.catch(() => {
      if (this.hearings.get(hearingId) === entry) this.hearings.delete(hearingId);
    });
    return entry.loading;
  }

  /** The hearing if it is loaded already: for what must not wait (a check on a media request). */
  get(hearingId: string): LiveHearing | undefined {
    return this.hearings.get(hearingId)?.loaded;
  }

  /** Lets a hearing go (another server has taken it): the next request loads it afresh, under a new lease. */
  forget(hearing: LiveHearing): void {
    const entry = [...this.hearings.entries()].find(([, known]) => known.loaded === hearing);
    if (entry) this.hearings.delete(entry[0]);
  }

  /** Waits for every hearing still loading (whether or not it loads). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.hearings.values()].filter((entry) => !entry.loaded).map((entry) => entry.loading));
  }

  /** Every hearing this server has taken, loaded or still loading: its leases are renewed while it loads. */
  ids(): string[] {
    return [...this.hearings.keys()];
  }

  /** Every hearing loaded on this server. */
  all(): LiveHearing[] {
    return [...this.hearings.values()].flatMap((entry) => (entry.loaded ? [entry.loaded] : []));
  }
}
