import { condition } from '@temporalio/workflow';

/** Serialises handlers that read state, await an activity, then write state. */
export class WorkflowLock {
  private held = false;

  get busy(): boolean {
    return this.held;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    // The predicate claims the lock itself, so two waiters woken in the same activation cannot both enter.
    await condition(() => {
      if (this.held) return false;
      this.held = true;
      return true;
    });
    try {
      return await fn();
    } finally {
      this.held = false;
    }
  }
}
