/**
 * A token bucket holding up to one second of a business's throughput: bursts up to
 * `ratePerSecond`, sustained rate `ratePerSecond`.
 */
export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private ratePerSecond: number,
    now = Date.now(),
  ) {
    this.tokens = ratePerSecond;
    this.updatedAt = now;
  }

  setRate(ratePerSecond: number): void {
    this.ratePerSecond = ratePerSecond;
    this.tokens = Math.min(this.tokens, ratePerSecond);
  }

  /** Takes a token if one is there. */
  tryTake(now = Date.now()): boolean {
    this.refill(now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /**
   * Takes the next token, there now or not: milliseconds until it is there (0 if it is now).
   * The bucket goes into debt, so the turns handed out follow one another at the rate.
   */
  reserve(now = Date.now()): number {
    this.refill(now);
    this.tokens -= 1;
    // whole milliseconds, not counting floating-point dust
    return Math.max(0, Math.ceil((-this.tokens / this.ratePerSecond) * 1000 - 1e-6));
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + elapsed * this.ratePerSecond);
    this.updatedAt = now;
  }
}
