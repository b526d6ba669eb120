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

/** One entry of `messages` in an inbound webhook (CONTRACT §11), with its sender's contact and where it came from. */
export interface WebhookInboundRecord {
  from: string;
  id: string;
  timestamp: string;
  type: string;
  context?: { from: string; id: string };
  [typeObject: string]: unknown;
  contact: { wa_id: string; profile: { name: string } } | undefined;
  businessId: string;
  phoneNumberId: string;
  signatureValid: boolean;
}

interface InboundValue {
  metadata?: { phone_number_id?: string };
  contacts?: Array<{ wa_id: string; profile: { name: string } }>;
  messages?: Array<Record<string, unknown> & { from: string; id: string; timestamp: string; type: string }>;
}

/** entry → changes → value.messages, each with the contact of the same sender. */
export function flattenInbound(body: unknown, signatureValid: boolean): WebhookInboundRecord[] {
  const entries = (body as { entry?: Array<{ id?: string; changes?: Array<{ value?: InboundValue }> }> } | undefined)?.entry;
  if (!Array.isArray(entries)) return [];
  return entries.flatMap((entry) =>
    (entry.changes ?? []).flatMap(({ value }) =>
      (value?.messages ?? []).map((message) => ({
        ...message,
        contact: value?.contacts?.find((c) => c.wa_id === message.from),
        businessId: String(entry.id),
        phoneNumberId: String(value?.metadata?.phone_number_id),
        signatureValid,
      })),
    ),
  );
}
