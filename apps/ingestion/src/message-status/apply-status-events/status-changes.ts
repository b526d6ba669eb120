import { isStatusUpgrade, MessageStatus, STATUS_RANK, StatusError } from '@sealpost/contracts';

/** One status event from delivery, as the status view takes it. */
export interface StatusStep {
  messageId: string;
  status: MessageStatus;
  timestamp: string;
  errors?: StatusError[];
}

/** What a batch's steps do to one message, if the stored status is still one of `from`. */
export interface StatusChange {
  messageId: string;
  status: MessageStatus;
  /** the time of each step on the way, e.g. sent and delivered when both came in one batch */
  timestamps: Partial<Record<MessageStatus, string>>;
  errors?: StatusError[];
  /** the stored statuses this change may replace: those `status` is an upgrade of */
  from: MessageStatus[];
}

const STATUSES = Object.keys(STATUS_RANK) as MessageStatus[];

/**
 * Folds a batch's steps (offset order: one message's events share a partition) into one change
 * per message, as applying them one by one would: a step counts only if it moves the status
 * forward from the steps before it. A step that is behind the stored status is filtered out by
 * the store, through `from`: along one message's path ranks only rise and nothing follows a
 * terminal status, so if the final status cannot replace the stored one, no step before it could.
 */
export function statusChanges(steps: readonly StatusStep[]): StatusChange[] {
  const changes = new Map<string, Omit<StatusChange, 'from'>>();
  for (const { messageId, status, timestamp, errors } of steps) {
    const change = changes.get(messageId) ?? { messageId, status: 'accepted', timestamps: {} };
    if (!isStatusUpgrade(change.status, status)) continue;
    change.status = status;
    change.timestamps[status] = timestamp;
    if (errors) change.errors = errors;
    changes.set(messageId, change);
  }
  return [...changes.values()].map((change) => ({ ...change, from: STATUSES.filter((s) => isStatusUpgrade(s, change.status)) }));
}
