import { STATUS_RANK, StatusError } from '@sealpost/contracts';
import { signSha256 } from '@sealpost/crypto';
import type { ReportedStatus } from '../status/status-steps';

export const MAX_STATUSES_PER_POST = 100;

/** One item of `statuses` (CONTRACT §6). */
export interface WebhookStatus {
  id: string;
  status: ReportedStatus;
  timestamp: string;
  recipient_id?: string;
  biz_opaque_callback_data?: string;
  errors?: StatusError[];
}

/**
 * The Cloud API status notification for one business and phone number. Statuses go in rank
 * order (sent before delivered before read), so a receiver that applies them in order never
 * moves a message backwards.
 */
export function statusWebhookBody(businessId: string, phoneNumberId: string, statuses: readonly WebhookStatus[]): object {
  const ordered = [...statuses].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || Number(a.timestamp) - Number(b.timestamp));
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: businessId,
        changes: [{ field: 'messages', value: { messaging_product: 'whatsapp', metadata: { phone_number_id: phoneNumberId }, statuses: ordered.map(statusItem) } }],
      },
    ],
  };
}

// a fixed key order, and no undefined members, whatever the caller's object looked like
function statusItem(s: WebhookStatus): WebhookStatus {
  return {
    id: s.id,
    status: s.status,
    timestamp: s.timestamp,
    ...(s.recipient_id !== undefined && { recipient_id: s.recipient_id }),
    ...(s.biz_opaque_callback_data !== undefined && { biz_opaque_callback_data: s.biz_opaque_callback_data }),
    ...(s.errors?.length && { errors: s.errors.map((e) => ({ code: e.code, title: e.title, message: e.message })) }),
  };
}

/**
 * JSON with every non-ASCII UTF-16 unit written as \uXXXX (lowercase hex, as Meta sends): an
 * emoji becomes its surrogate pair. Pure-ASCII bytes mean a receiver that re-encodes the body
 * before checking the signature still hashes exactly what was signed.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The bytes to POST and their X-Hub-Signature-256 value: HMAC-SHA256 over exactly those bytes. */
export function signedWebhook(appSecret: Buffer | string, body: object): { raw: Buffer; signature: string } {
  const raw = Buffer.from(asciiJson(body), 'ascii');
  return { raw, signature: signSha256(appSecret, raw) };
}
