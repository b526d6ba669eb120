import type { MessageStatus, StatusError } from '@sealpost/contracts';

/** One entry of `statuses` in a status webhook (CONTRACT §6). */
export interface WebhookStatus {
  id: string;
  status: Exclude<MessageStatus, 'accepted'>;
  timestamp: string;
  recipient_id: string;
  biz_opaque_callback_data?: string;
  errors?: StatusError[];
}

/** A status with where it came from, so a test can tell a forged or misrouted POST from a good one. */
export interface WebhookStatusRecord extends WebhookStatus {
  businessId: string;
  phoneNumberId: string;
  signatureValid: boolean;
}

interface WebhookBody {
  entry?: Array<{
    id?: string;
    changes?: Array<{ value?: { metadata?: { phone_number_id?: string }; statuses?: WebhookStatus[] } }>;
  }>;
}

/** entry → changes → value.statuses, tolerant of missing levels: a malformed body yields nothing. */
export function flattenStatuses(body: unknown, signatureValid: boolean): WebhookStatusRecord[] {
  const entries = (body as WebhookBody | undefined)?.entry;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) =>
    (entry.changes ?? []).flatMap((change) =>
      (change.value?.statuses ?? []).map((status) => ({
        ...status,
        businessId: String(entry.id),
        phoneNumberId: String(change.value?.metadata?.phone_number_id),
        signatureValid,
      })),
    ),
  );
}
