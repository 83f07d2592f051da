/**
 * Runs work one at a time per key inside this process. Statements on one agenda item are
 * serialised by the item's row lock in PostgreSQL (which holds across replicas); queueing them here
 * first keeps the waiting ones from each holding a pooled connection while they wait, which would
 * starve every other meeting of connections.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work queued or running (for tests). */
  get size(): number {
    return this.tails.size;
  }
}
