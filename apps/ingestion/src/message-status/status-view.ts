import { isStatusUpgrade, MessageStatus, StatusError } from '@sealpost/contracts';
import type { StatusEntry } from './status-entry.schema';

/** What `GET /v1/messages/{id}` answers about a message's progress. */
export interface StatusView {
  status: MessageStatus;
  timestamps: Partial<Record<MessageStatus, string>>;
  errors?: StatusError[];
}

/**
 * Folds a message's entries into its status, as applying its events one by one in the order they
 * happened would: a status counts only if it moves the message forward from those before it
 * (so failed and read stay terminal, and of two equal ranks the earlier stands).
 */
export function statusView(acceptedAt: Date, entries: readonly Pick<StatusEntry, 'status' | 'timestamp' | 'errors'>[]): StatusView {
  const view: StatusView = { status: 'accepted', timestamps: { accepted: String(Math.floor(acceptedAt.getTime() / 1000)) } };
  const inOrder = [...entries].sort((a, b) => Number(a.timestamp) - Number(b.timestamp) || rankOrder(a.status) - rankOrder(b.status));
  for (const { status, timestamp, errors } of inOrder) {
    if (!isStatusUpgrade(view.status, status)) continue;
    view.status = status;
    view.timestamps[status] = timestamp;
    if (errors?.length) view.errors = errors;
  }
  return view;
}

/** Within one second, the order a message's statuses are taken in. */
const ORDER: readonly MessageStatus[] = ['accepted', 'sent', 'delivered', 'failed', 'read'];
function rankOrder(status: MessageStatus): number {
  return ORDER.indexOf(status);
}
