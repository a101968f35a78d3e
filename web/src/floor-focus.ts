/**
 * Who has the floor, as the stage shows it. The server reports the voices above silence every
 * 400 ms, loudest first. A voice takes the floor once it has been the loudest in two reports running,
 * so a cough or a chair moved does not move the stage, and keeps it through silence until another
 * voice takes it: the picture stays on whoever spoke last, as a court's own cameras do.
 */
export class FloorFocus {
  private current: string | null = null;
  private candidate: string | null = null;
  private streak = 0;

  constructor(private readonly reportsToTakeTheFloor = 2) {}

  /** One report of who is speaking, loudest first; returns who has the floor now. */
  heard(loudestFirst: readonly string[]): string | null {
    const loudest = loudestFirst[0];
    if (loudest === undefined || loudest === this.current) {
      this.candidate = null;
      this.streak = 0;
      return this.current;
    }
    this.streak = loudest === this.candidate ? this.streak + 1 : 1;
    this.candidate = loudest;
    if (this.streak >= this.reportsToTakeTheFloor) {
      this.current = loudest;
      this.candidate = null;
      this.streak = 0;
    }
    return this.current;
  }

  /** Someone who left no longer holds the floor. */
  left(participantId: string): void {
    if (this.current === participantId) this.current = null;
    if (this.candidate === participantId) this.candidate = null;
  }

  get speaker(): string | null {
    return this.current;
  }
}
