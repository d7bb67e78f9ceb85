// How the concern form saves its draft: once typing has paused for `delay` ms, one save at a time,
// and when changes arrive during a save, one more save afterwards with the newest data only.
// Snapshots are the form's data as JSON, so "unchanged" is a string comparison.
// A save may also be held back (e.g. a CPR-like number not yet confirmed): nothing is stored,
// and that is no failure; the snapshot waits for the next change or flush.

/** What a save did: stored the snapshot, or held it back on purpose without storing it. */
export type SaveOutcome = 'saved' | 'held';

export type DraftQueueOptions = {
  /** Stores a snapshot, or holds it back; rejects if it could not store it. */
  save: (snapshot: string) => Promise<SaveOutcome>;
  onSaved: () => void;
  onFailed: (error: unknown) => void;
  /** A pause came, but the form is as stored already: nothing to save (e.g. a held change undone). */
  onUnchanged?: () => void;
  /** The data as stored already (or the empty form): not saved again. */
  stored: string;
  delay?: number;
};

export class DraftQueue {
  private readonly options: DraftQueueOptions;
  private readonly delay: number;
  private stored: string;
  /** The newest snapshot not yet stored, if any. */
  private waiting: string | null = null;
  /** `waiting` has sat out its delay (or must go now) and is to be saved. */
  private due = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | null = null;

  constructor(options: DraftQueueOptions) {
    this.options = options;
    this.delay = options.delay ?? 300;
    this.stored = options.stored;
  }

  /** The form changed: save this snapshot once no further change has come for `delay` ms. */
  change(snapshot: string): void {
    this.waiting = snapshot;
    this.due = false;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.due = true;
      this.pump();
    }, this.delay);
  }

  /** The form is closing: save what is waiting now. Resolves when nothing is left to save. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    if (this.waiting !== null) this.due = true;
    this.pump();
    return this.idle();
  }

  /** Forget what is waiting (the form is being registered with all its data anyway). */
  discard(): void {
    clearTimeout(this.timer);
    this.waiting = null;
    this.due = false;
  }

  /** Resolves when no save is under way; a save under way may still decide the record's id. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private pump(): void {
    if (this.running || !this.due || this.waiting === null) return;
    this.running = this.drain().finally(() => {
      this.running = null;
      this.pump(); // something became due between the last check and here
    });
  }

  private async drain(): Promise<void> {
    while (this.due && this.waiting !== null) {
      const snapshot = this.waiting;
      this.waiting = null;
      this.due = false;
      if (snapshot === this.stored) {
        this.options.onUnchanged?.();
        continue;
      }
      try {
        if ((await this.options.save(snapshot)) === 'held') {
          // Not stored, not failed: kept for a flush (which asks again), unless a newer change waits.
          if (this.waiting === null) this.waiting = snapshot;
          continue;
        }
        this.stored = snapshot;
        this.options.onSaved();
      } catch (e) {
        // Keep it for the next try (the next change replaces it, a flush sends it again),
        // unless a newer change is waiting already.
        if (this.waiting === null) this.waiting = snapshot;
        this.options.onFailed(e);
      }
    }
  }
}
