/**
 * Whether the recording disk is running out, told before it is full: a full disk stops every track
 * at once, and the court should hear of it while space can still be freed or the hearing paused.
 * Fed with the free space at each check; says when the disk becomes low and when it has room again,
 * with a margin between the two so a disk hovering at the line does not flicker the warning.
 */
import { statfs } from 'node:fs/promises';

/** Free space on the file system that holds `dir`, in MiB, as an unprivileged writer may use it. */
export async function freeMegabytes(dir: string): Promise<number> {
  const fs = await statfs(dir);
  return Math.floor((fs.bavail * fs.bsize) / (1024 * 1024));
}

/** Warned when less than this many minutes are left at the rate the disk is filling. */
export const WARN_MINUTES_LEFT = 30;
/** The warning is lifted only with this many minutes left (and the free space above its margin). */
const CLEAR_MINUTES_LEFT = 45;
/** The fill rate is measured over the checks of this last stretch of time. */
const RATE_WINDOW_MS = 60_000;

export type DiskChange = { low: true; freeMb: number; minutesLeft: number | null } | { low: false; freeMb: number };

export class DiskWatch {
  private readonly samples: { at: number; freeMb: number }[] = [];
  private low = false;

  /**
   * `warnBelowMb`: warned below this much free space whatever the rate; lifted above 1.25 times it.
   * (The server's readiness minimum is below it: by then new hearings are turned away.)
   */
  constructor(private readonly warnBelowMb: number) {}

  /** One check: the change to tell the court, or null when nothing changed. */
  check(freeMb: number, at = Date.now()): DiskChange | null {
    this.samples.push({ at, freeMb });
    while (this.samples.length > 2 && at - this.samples[0]!.at > RATE_WINDOW_MS) this.samples.shift();
    const minutesLeft = this.minutesLeft();
    if (!this.low && (freeMb < this.warnBelowMb || (minutesLeft !== null && minutesLeft < WARN_MINUTES_LEFT))) {
      this.low = true;
      return { low: true, freeMb, minutesLeft };
    }
    if (this.low && freeMb >= this.warnBelowMb * 1.25 && (minutesLeft === null || minutesLeft >= CLEAR_MINUTES_LEFT)) {
      this.low = false;
      return { low: false, freeMb };
    }
    return null;
  }

  /** Minutes until full at the rate measured over the window; null while it is not filling. */
  private minutesLeft(): number | null {
    const first = this.samples[0]!;
    const last = this.samples.at(-1)!;
    const minutes = (last.at - first.at) / 60_000;
    const used = first.freeMb - last.freeMb;
    if (minutes <= 0 || used <= 0) return null;
    return Math.floor(last.freeMb / (used / minutes));
  }
}
