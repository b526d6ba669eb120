import type { EraseCommand, PurgeCommand } from '@sealpost/contracts';

export interface PurgeResult {
  purged: number;
  keys_destroyed?: number;
  /** media files deleted (CONTRACT §12), beside the records counted in `purged` */
  media_purged?: number;
}

/** What a service does on a retention command: delete its own data, report counts. Idempotent. */
export interface RetentionHandler {
  purge(command: PurgeCommand): Promise<PurgeResult>;
  erase(command: EraseCommand): Promise<PurgeResult>;
}

export const RETENTION_HANDLER = Symbol('RETENTION_HANDLER');
