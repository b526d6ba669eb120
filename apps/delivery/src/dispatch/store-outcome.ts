import type { Logger } from '@nestjs/common';
import { errorSummary } from './error-summary';

/** past this the store is down for long; the lease has lapsed and the batch goes out again */
const PATIENCE_MS = 120000;
const BACKOFF_CAP_MS = 3000;

/**
 * Stores what a POST came to, retrying through a store outage. The endpoint already has the
 * batch: an outcome given up on would let the lease lapse and the batch be sent twice (seen
 * under chaos at a store restart). Waiting here is safe as only this worker holds the key (one
 * per endpoint or business, on the instance owning its shard). A process that dies meanwhile
 * leaves the lease to lapse: that, a crash between the answer and the write, is the only resend.
 */
export async function storeOutcome<T>(write: () => Promise<T>, logger: Logger, what: string): Promise<T> {
  const giveUpAt = Date.now() + PATIENCE_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      const stored = await write();
      if (attempt > 1) logger.log({ attempts: attempt }, `${what} stored after the store came back`);
      return stored;
    } catch (err) {
      if (Date.now() >= giveUpAt) throw err;
      if (attempt <= 3 || attempt % 20 === 0) logger.warn({ ...errorSummary(err), attempt }, `${what} not stored yet; retrying`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(BACKOFF_CAP_MS, 100 * 2 ** attempt)));
    }
  }
}
