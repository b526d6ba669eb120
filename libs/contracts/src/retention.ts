/**
 * The retention protocol (CONTRACT §7): retention sends commands, each service purges its
 * own data and reports counts. Commands carry policies and pseudonyms, never numbers.
 */
export const RETENTION_COMMAND_TYPES = { purge: 'retention.purge', erase: 'retention.erase' } as const;
export const RETENTION_REPORT_TYPE = 'retention.report';

/** The services that hold message data and must answer every command. */
export const RETENTION_PARTICIPANTS = ['ingestion', 'keys', 'delivery'] as const;
export type RetentionParticipant = (typeof RETENTION_PARTICIPANTS)[number];

export interface PurgeCommand {
  command_id: string;
  issued_at: string;
  /** max age of businesses without a policy of their own */
  default_max_age_ms: number;
  /** business_id → max age in ms */
  policies: Record<string, number>;
  /**
   * business_id → customer-service window in ms (CONTRACT §11), for the businesses that have one
   * (the others' is `none`); absent in commands from before the window existed: nothing changes
   */
  service_windows?: Record<string, number>;
}

export interface EraseCommand {
  command_id: string;
  issued_at: string;
  /** keyed pseudonym of the number to erase */
  recipient: string;
}

export interface RetentionReport {
  command_id: string;
  service: RetentionParticipant;
  purged: number;
  keys_destroyed?: number;
  media_purged?: number;
  completed_at: string;
}

/** Data of this business older than the returned instant must be gone. */
export function purgeCutoff(command: PurgeCommand, businessId: string): Date {
  const maxAge = command.policies[businessId] ?? command.default_max_age_ms;
  return new Date(Date.parse(command.issued_at) - maxAge);
}

/** The longest a message or media may be kept (CONTRACT §7): 30 days, for retransmission only. */
export const MAX_MESSAGE_AGE_MS = 30 * 24 * 60 * 60 * 1000;
