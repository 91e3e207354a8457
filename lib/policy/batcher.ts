type Waiting<K, R> = { key: K; resolve: (result: R) => void; reject: (error: unknown) => void };

export type BatcherOptions = {
  /** Batches running at once (each holds one database connection). */
  maxInFlight: number;
  /** Keys in one batch at most. */
  maxBatch: number;
  /** A failed batch of several keys is run again key by key when this says the failure wrote nothing. */
  retrySingly?: (error: unknown) => boolean;
};

/**
 * Answers many callers with few round trips, without a timer: a call goes at once while fewer than
 * `maxInFlight` batches run; calls arriving meanwhile wait and go together as the next batch when one
 * ends. Alone, a call waits for nothing; under load one statement (and one commit) serves many.
 * `run` answers the keys in their order.
 */
export class Batcher<K, R> {
  private waiting: Waiting<K, R>[] = [];
  private inFlight = 0;

  constructor(
    private readonly run: (keys: K[]) => Promise<R[]>,
    private readonly options: BatcherOptions,
  ) {}

  call(key: K): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.waiting.push({ key, resolve, reject });
      this.flush();
    });
  }

  private flush(): void {
    while (this.inFlight < this.options.maxInFlight && this.waiting.length > 0) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight++;
      void this.settle(batch).finally(() => {
        this.inFlight--;
        this.flush();
      });
    }
  }

  private async settle(batch: Waiting<K, R>[]): Promise<void> {
    try {
      const results = await this.run(batch.map((w) => w.key));
      batch.forEach((w, i) => w.resolve(results[i] as R));
    } catch (error) {
      if (batch.length === 1 || !this.options.retrySingly?.(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      // One bad key (an address deleted meanwhile) must not fail the others: each alone, as unbatched.
      await Promise.all(
        batch.map((w) =>
          this.run([w.key]).then(
            ([result]) => w.resolve(result as R),
            (alone: unknown) => w.reject(alone),
          ),
        ),
      );
    }
  }
}
