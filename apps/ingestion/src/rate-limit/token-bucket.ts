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

  /** Milliseconds until a token will be there (0 if one is now). */
  waitMs(now = Date.now()): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.ratePerSecond, this.tokens + elapsed * this.ratePerSecond);
    this.updatedAt = now;
  }
}
