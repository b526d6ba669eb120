import type { SealedEnvelope } from '@sealpost/crypto';

/**
 * Payloads between ingestion and delivery. Everything that could identify a person or
 * carry content is inside `sealed` (AES-256-GCM under a key derived from the business's epoch
 * data key and the recipient's key, AAD bound to message id and business); the rest is metadata.
 */

export type EncryptedEnvelope = SealedEnvelope;

/** The outbound message types Sealpost sends (CONTRACT §11; media is §12). */
export const MEDIA_MESSAGE_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
export type MediaMessageType = (typeof MEDIA_MESSAGE_TYPES)[number];
/** What a device opens in place of a media object, inside its sealed message (CONTRACT §12). */
export interface DeviceMedia {
  /** a capability URL: the ciphertext, no token */
  url: string;
  /** base64url, 32 bytes */
  media_key: string;
  /** hex SHA-256 of the plaintext */
  sha256: string;
  mime_type: string;
  file_size: number;
  caption?: string;
  filename?: string;
}

export const OUTBOUND_MESSAGE_TYPES = ['text', 'location', 'contacts', 'interactive', 'reaction', 'template', ...MEDIA_MESSAGE_TYPES] as const;
export type OutboundMessageType = (typeof OUTBOUND_MESSAGE_TYPES)[number];

/**
 * What the device opens: `{ type, <type>: {…} }` as the send request carried that object; a
 * template also carries what it rendered to (`rendered: { header?, body, footer? }`), a reply the
 * message it quotes (`context: { message_id }`, as the send request carried it).
 */
export type MessageContent =
  | { type: 'text'; text: { body: string; preview_url?: boolean }; context?: { message_id: string } }
  | { type: Exclude<OutboundMessageType, 'text'>; [field: string]: unknown };

/** What `sealed` decrypts to; only ever in memory. */
export interface MessagePlaintext {
  /** recipient number, E.164 digits without '+' (the webhook's recipient_id) */
  to: string;
  content: MessageContent;
  biz_opaque_callback_data?: string;
}

/** A content of a known type holding its type's object (or, for contacts, list): what delivery accepts to seal. */
export function isMessageContent(content: unknown): content is MessageContent {
  if (typeof content !== 'object' || content === null) return false;
  const { type } = content as { type?: unknown };
  if (typeof type !== 'string' || !(OUTBOUND_MESSAGE_TYPES as readonly string[]).includes(type)) return false;
  const object = (content as Record<string, unknown>)[type];
  if (type === 'text') return typeof (object as { body?: unknown } | undefined)?.body === 'string';
  return typeof object === 'object' && object !== null;
}

/** The business data delivery needs to send status webhooks. */
export interface BusinessRouting {
  phone_number_id: string;
  webhook_url: string;
  /** app secret encrypted under the business-secret key (only ingestion and delivery may open it) */
  app_secret: EncryptedEnvelope;
  /** bumps when the business changes; delivery keeps the newest */
  revision: number;
}

export const MESSAGE_EVENT_TYPES = {
  accepted: 'message.accepted',
  rejected: 'message.rejected',
  businessChanged: 'business.changed',
  readByBusiness: 'message.read_by_business',
} as const;

/**
 * A business marked a customer's inbound message read (CONTRACT §11), maybe showing typing:
 * delivery tells the customer's devices. Same topic as the messages, record key = business id
 * (ingestion cannot know the customer: only delivery holds inbound rows). Ids only, no content.
 */
export interface MessageReadByBusinessPayload {
  business_id: string;
  /** the business's number id, which the device's typing signal names */
  phone_number_id: string;
  /** the inbound message (wamid) the business read */
  message_id: string;
  typing: boolean;
  /** ISO instant ingestion accepted the request */
  at: string;
}

/**
 * An admin changed a business (its webhook_url, say): delivery applies the routing at once,
 * to statuses already owed too. Same topic as the messages, record key = business id; the app
 * secret travels encrypted, as in every routing.
 */
export interface BusinessChangedPayload {
  business_id: string;
  business: BusinessRouting;
}

/** sealpost.messages.accepted.v1 payload, record key = recipient pseudonym (per-recipient order). */
export interface MessageAcceptedPayload {
  message_id: string;
  business_id: string;
  recipient: string; // keyed pseudonym (HMAC) of the number
  /** the recipient's key: `sealed` is under messageKey(epoch key of sealed.key_id, this key) */
  recipient_key_id: string;
  accepted_at: string;
  /** when the message must be gone: retransmission stops here */
  expires_at: string;
  sealed: EncryptedEnvelope;
  business: BusinessRouting;
}

/** A submission ingestion refused where the business is known: delivery reports it `failed`. */
export interface MessageRejectedPayload {
  message_id: string;
  business_id: string;
  rejected_at: string;
  error: StatusError;
  business: BusinessRouting;
}

export type MessageStatus = 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

/** Forward-only order (CONTRACT §3); failed is terminal and outranks nothing but accepted/sent. */
export const STATUS_RANK: Record<MessageStatus, number> = { accepted: 0, sent: 1, delivered: 2, read: 3, failed: 2 };

export function isStatusUpgrade(from: MessageStatus, to: MessageStatus): boolean {
  if (from === 'failed' || from === 'read') return false;
  return STATUS_RANK[to] > STATUS_RANK[from];
}

export interface StatusError {
  code: number;
  title: string;
  message: string;
}

/** sealpost.messages.status.v1 payload (type `message.status`), key = message id. No number, no content. */
export interface MessageStatusPayload {
  message_id: string;
  business_id: string;
  status: Exclude<MessageStatus, 'accepted'>;
  timestamp: string; // unix seconds, as the Cloud API
  errors?: StatusError[];
}

export const MESSAGE_STATUS_EVENT = 'message.status';

/**
 * Media a customer sent a business, as delivery's internal media API describes it to ingestion
 * (which hands it out in `GET /{version}/{media_id}`'s shape), with the secret the business's
 * short-lived download URLs are signed with.
 */
export interface InboundMediaView {
  id: string;
  mime_type: string;
  sha256: string;
  file_size: number;
  url_secret: string;
}
