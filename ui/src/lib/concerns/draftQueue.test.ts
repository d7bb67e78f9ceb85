import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DraftQueue, type SaveOutcome } from './draftQueue';

/** A save the test finishes by hand, to hold it "in flight". */
type Pending = { snapshot: string; resolve: (outcome?: SaveOutcome) => void; reject: (e: unknown) => void };

function setup(stored = 'stored') {
  const calls: Pending[] = [];
  let saved = 0;
  let unchanged = 0;
  const failures: unknown[] = [];
  let manual = false;
  /** Snapshots the save holds back (as the form does with an unconfirmed CPR-like number). */
  const held = new Set<string>();
  const queue = new DraftQueue({
    stored,
    save: (snapshot) => {
      const outcome: SaveOutcome = held.has(snapshot) ? 'held' : 'saved';
      if (!manual) {
        calls.push({ snapshot, resolve: () => {}, reject: () => {} });
        return Promise.resolve(outcome);
      }
      return new Promise<SaveOutcome>((resolve, reject) =>
        calls.push({ snapshot, resolve: (o) => resolve(o ?? outcome), reject }),
      );
    },
    onSaved: () => {
      saved += 1;
    },
    onFailed: (e) => failures.push(e),
    onUnchanged: () => {
      unchanged += 1;
    },
  });
  return {
    queue,
    calls,
    saved: () => saved,
    unchanged: () => unchanged,
    failures,
    held,
    snapshots: () => calls.map((c) => c.snapshot),
    /** From now on each save waits for the test to resolve or reject it. */
    holdSaves: () => {
      manual = true;
    },
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('DraftQueue', () => {
  it('saves nothing before typing has paused for 300 ms', async () => {
    const { queue, snapshots } = setup();
    queue.change('a');
    await vi.advanceTimersByTimeAsync(299);
    expect(snapshots()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(snapshots()).toEqual(['a']);
  });

  it('turns a burst of edits into one save of the last one', async () => {
    const { queue, snapshots, saved } = setup();
    for (const s of ['a', 'ab', 'abc', 'abcd']) {
      queue.change(s);
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(1000);
    expect(snapshots()).toEqual(['abcd']);
    expect(saved()).toBe(1);
  });

  it('does not save data that is already stored, and says so', async () => {
    const { queue, snapshots, unchanged } = setup('same');
    queue.change('same');
    await vi.advanceTimersByTimeAsync(1000);
    await queue.flush();
    expect(snapshots()).toEqual([]);
    expect(unchanged()).toBe(1);
  });

  it('saves once more, with the newest data only, after edits made during a save', async () => {
    const t = setup();
    t.holdSaves();
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.snapshots()).toEqual(['a']);

    // Two pauses long enough to save while 'a' is still on its way.
    t.queue.change('ab');
    await vi.advanceTimersByTimeAsync(400);
    t.queue.change('abc');
    await vi.advanceTimersByTimeAsync(400);
    expect(t.snapshots()).toEqual(['a']); // never two saves at once

    t.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.snapshots()).toEqual(['a', 'abc']);
    t.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.snapshots()).toEqual(['a', 'abc']);
    expect(t.saved()).toBe(2);

    // 'abc' is stored now: changing back to it saves nothing.
    t.queue.change('abc');
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.snapshots()).toEqual(['a', 'abc']);
  });

  it('waits for the pause before the follow-up save when the edit is recent', async () => {
    const t = setup();
    t.holdSaves();
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    t.queue.change('ab');
    await vi.advanceTimersByTimeAsync(100);
    t.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.snapshots()).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(200);
    expect(t.snapshots()).toEqual(['a', 'ab']);
  });

  it('reports a failed save, and the next edit saves again', async () => {
    const t = setup();
    t.holdSaves();
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    const error = new Error('vault_locked');
    t.calls[0]!.reject(error);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.failures).toEqual([error]);
    expect(t.saved()).toBe(0);
    expect(t.snapshots()).toEqual(['a']); // no retry loop on its own

    t.queue.change('ab');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.snapshots()).toEqual(['a', 'ab']);
    t.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved()).toBe(1);
  });

  it('saves the failed data again when the form closes', async () => {
    const t = setup();
    t.holdSaves();
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    t.calls[0]!.reject(new Error('io'));
    await vi.advanceTimersByTimeAsync(0);
    const done = t.queue.flush();
    expect(t.snapshots()).toEqual(['a', 'a']);
    t.calls[1]!.resolve();
    await done;
    expect(t.saved()).toBe(1);
  });

  it('saves a waiting change at once when the form closes, and only once', async () => {
    const { queue, snapshots } = setup();
    queue.change('a');
    await vi.advanceTimersByTimeAsync(100);
    await queue.flush();
    expect(snapshots()).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(snapshots()).toEqual(['a']);
  });

  it('on flush, waits for the save under way and then saves the newest data', async () => {
    const t = setup();
    t.holdSaves();
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    t.queue.change('ab');
    let flushed = false;
    const done = t.queue.flush().then(() => {
      flushed = true;
    });
    t.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.snapshots()).toEqual(['a', 'ab']);
    expect(flushed).toBe(false);
    t.calls[1]!.resolve();
    await done;
    expect(flushed).toBe(true);
  });

  it('drops a waiting change when discarded, but idle() still waits for the save under way', async () => {
    const t = setup();
    t.holdSaves();
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    t.queue.change('ab');
    t.queue.discard();
    let idle = false;
    const done = t.queue.idle().then(() => {
      idle = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(idle).toBe(false);
    t.calls[0]!.resolve();
    await done;
    await vi.advanceTimersByTimeAsync(1000);
    await t.queue.flush(); // the form closes after registering: the dropped change stays dropped
    expect(t.snapshots()).toEqual(['a']);
  });

  it('counts a held-back save neither as saved nor as failed, and asks again on flush', async () => {
    const t = setup();
    t.held.add('a');
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.snapshots()).toEqual(['a']);
    expect(t.saved()).toBe(0);
    expect(t.failures).toEqual([]);
    await vi.advanceTimersByTimeAsync(1000);
    expect(t.snapshots()).toEqual(['a']); // no retry loop on its own

    // Confirmed: the form flushes, and the same data is saved now.
    t.held.delete('a');
    await t.queue.flush();
    expect(t.snapshots()).toEqual(['a', 'a']);
    expect(t.saved()).toBe(1);
  });

  it('keeps asking while the snapshot is held back, and never stores it', async () => {
    const t = setup();
    t.held.add('a');
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    await t.queue.flush(); // the form closes unconfirmed
    expect(t.snapshots()).toEqual(['a', 'a']);
    expect(t.saved()).toBe(0);

    // Still not stored: the same data comes back and is offered again.
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.snapshots()).toEqual(['a', 'a', 'a']);
  });

  it('after a held-back save, saves the next change, and a change back to the stored data saves nothing', async () => {
    const t = setup('stored');
    t.held.add('cpr');
    t.queue.change('cpr');
    await vi.advanceTimersByTimeAsync(300);
    t.queue.change('fixed');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.snapshots()).toEqual(['cpr', 'fixed']);
    expect(t.saved()).toBe(1);

    t.queue.change('cpr');
    await vi.advanceTimersByTimeAsync(300);
    t.queue.change('fixed');
    await vi.advanceTimersByTimeAsync(300);
    expect(t.snapshots()).toEqual(['cpr', 'fixed', 'cpr']);
    expect(t.saved()).toBe(1);
    expect(t.unchanged()).toBe(1); // the form can take its warning away
  });

  it('saves a newer change made while a save was being held back', async () => {
    const t = setup();
    t.holdSaves();
    t.held.add('a');
    t.queue.change('a');
    await vi.advanceTimersByTimeAsync(300);
    t.queue.change('ab');
    await vi.advanceTimersByTimeAsync(300);
    t.calls[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.snapshots()).toEqual(['a', 'ab']);
    t.calls[1]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.saved()).toBe(1);
    await t.queue.flush();
    expect(t.snapshots()).toEqual(['a', 'ab']); // the held 'a' is not sent again over 'ab'
  });
});
