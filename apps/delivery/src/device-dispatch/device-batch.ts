import type { SealedForDevice } from '@sealpost/crypto';

export const MAX_MESSAGES_PER_POST = 100;

export interface DeviceBatchJob {
  message_id: string;
  phone_number_id: string;
  timestamp: string;
  sealed: SealedForDevice | null;
}

/** The POST body a device receives (CONTRACT §5): sealed copies only, in the order given. */
export function deviceBatchBody(jobs: readonly DeviceBatchJob[]): Buffer {
  if (jobs.length > MAX_MESSAGES_PER_POST) throw new Error(`a device POST carries at most ${MAX_MESSAGES_PER_POST} messages`);
  const messages = jobs
    .filter((job): job is DeviceBatchJob & { sealed: SealedForDevice } => job.sealed !== null)
    .map((job) => ({
      message_id: job.message_id,
      phone_number_id: job.phone_number_id,
      timestamp: job.timestamp,
      sealed: { suite: job.sealed.suite, enc: job.sealed.enc, ct: job.sealed.ct },
    }));
  return Buffer.from(JSON.stringify({ messages }), 'utf8');
}
