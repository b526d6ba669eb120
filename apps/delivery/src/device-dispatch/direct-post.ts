import type { AnnouncedMessage } from '../status/status-announcer';
import type { DeviceJob } from './device-job.schema';

/** One POST of a batch: up to 100 jobs for one endpoint, stored `sending` under its own lease token. */
export interface DirectPost {
  endpointUrl: string;
  token: string;
  leaseUntil: Date;
  jobs: DeviceJob[];
}

/** A message of the batch with a job in some POST; `queuedElsewhere`: it also has a job the poller sends. */
export interface DirectMessage {
  message: AnnouncedMessage;
  queuedElsewhere: boolean;
}
