import { Injectable } from '@nestjs/common';
import { TokenBucket } from './token-bucket';

/**
 * Per-business throughput (CONTRACT §3): HTTP sends beyond it are refused, Kafka submits
 * get a turn at the rate (published then, never dropped). Buckets live in this process; with N
 * ingestion instances a business gets up to N × its rate (partitioning the submit topic by
 * recipient spreads it evenly).
 */
@Injectable()
export class BusinessRateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();

  tryTake(businessId: string, ratePerSecond: number): boolean {
    return this.bucket(businessId, ratePerSecond).tryTake();
  }

  /** The business's next turn: when its next send may be published. */
  reserve(businessId: string, ratePerSecond: number, now = Date.now()): Date {
    return new Date(now + this.bucket(businessId, ratePerSecond).reserve(now));
  }

  private bucket(businessId: string, ratePerSecond: number): TokenBucket {
    let bucket = this.buckets.get(businessId);
    if (!bucket) {
      bucket = new TokenBucket(ratePerSecond);
      this.buckets.set(businessId, bucket);
    } else {
      bucket.setRate(ratePerSecond);
    }
    return bucket;
  }
}
