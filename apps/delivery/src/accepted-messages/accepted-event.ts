import { BusinessChangedPayload, BusinessRouting, EncryptedEnvelope, MESSAGE_EVENT_TYPES, MessageAcceptedPayload, MessageReadByBusinessPayload, MessageRejectedPayload, StatusError } from '@sealpost/contracts';

export type AcceptedTopicEvent =
  | { type: typeof MESSAGE_EVENT_TYPES.accepted; payload: MessageAcceptedPayload }
  | { type: typeof MESSAGE_EVENT_TYPES.rejected; payload: MessageRejectedPayload }
  | { type: typeof MESSAGE_EVENT_TYPES.businessChanged; payload: BusinessChangedPayload }
  | { type: typeof MESSAGE_EVENT_TYPES.readByBusiness; payload: MessageReadByBusinessPayload };

/** A structurally invalid record: never processable, so it is set aside (the reason names no value). */
export class InvalidEvent extends Error {}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = 256): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const isId = (v: unknown): v is string => isText(v, 200) && /^[\w.:=+/-]+$/.test(v);
// the keys service's own key id format: anything else could only ever be refused by it
const isKeyId = (v: unknown): v is string => isText(v, 80) && /^dk_[\w-]+$/.test(v);
const isInstant = (v: unknown): v is string => isText(v, 40) && !Number.isNaN(Date.parse(v));
const isB64url = (v: unknown): v is string => typeof v === 'string' && v.length <= 1_000_000 && /^[A-Za-z0-9_-]*$/.test(v);

function check(condition: boolean, field: string): void {
  if (!condition) throw new InvalidEvent(`${field} is missing or malformed`);
}

function checkEnvelope(v: unknown, field: string): asserts v is EncryptedEnvelope {
  check(isObj(v), field);
  const e = v as Obj;
  check(e.alg === 'A256GCM', `${field}.alg`);
  check(isKeyId(e.key_id), `${field}.key_id`);
  check(Number.isInteger(e.key_version), `${field}.key_version`);
  for (const part of ['iv', 'ct', 'tag']) check(isB64url(e[part]), `${field}.${part}`);
}

function checkBusiness(v: unknown): asserts v is BusinessRouting {
  check(isObj(v), 'payload.business');
  const b = v as Obj;
  check(isId(b.phone_number_id), 'payload.business.phone_number_id');
  check(isText(b.webhook_url, 2048) && /^https?:\/\/\S+$/i.test(b.webhook_url as string), 'payload.business.webhook_url');
  check(Number.isInteger(b.revision) && (b.revision as number) >= 0, 'payload.business.revision');
  checkEnvelope(b.app_secret, 'payload.business.app_secret');
}

function checkError(v: unknown): asserts v is StatusError {
  check(isObj(v), 'payload.error');
  const e = v as Obj;
  check(Number.isInteger(e.code), 'payload.error.code');
  check(isText(e.title, 512) && isText(e.message, 2048), 'payload.error.title/message');
}

function checkRead(p: Obj): MessageReadByBusinessPayload {
  check(isId(p.phone_number_id), 'payload.phone_number_id');
  check(isId(p.message_id), 'payload.message_id');
  check(typeof p.typing === 'boolean', 'payload.typing');
  check(isInstant(p.at), 'payload.at');
  return p as unknown as MessageReadByBusinessPayload;
}

/** The envelope of a record on sealpost.messages.accepted.v1, checked field by field. */
export function parseAcceptedTopicEvent(value: Obj): AcceptedTopicEvent {
  const { type, payload } = value;
  check(isObj(payload), 'payload');
  const p = payload as Obj;
  check(isId(p.business_id), 'payload.business_id');
  if (type === MESSAGE_EVENT_TYPES.readByBusiness) return { type, payload: checkRead(p) };
  checkBusiness(p.business);
  if (type === MESSAGE_EVENT_TYPES.businessChanged) return { type, payload: p as unknown as BusinessChangedPayload };
  check(isId(p.message_id), 'payload.message_id');
  if (type === MESSAGE_EVENT_TYPES.accepted) {
    check(isText(p.recipient, 128) && /^[0-9a-f]+$/.test(p.recipient as string), 'payload.recipient');
    check(isKeyId(p.recipient_key_id), 'payload.recipient_key_id');
    check(isInstant(p.accepted_at), 'payload.accepted_at');
    check(isInstant(p.expires_at), 'payload.expires_at');
    checkEnvelope(p.sealed, 'payload.sealed');
    return { type, payload: p as unknown as MessageAcceptedPayload };
  }
  if (type === MESSAGE_EVENT_TYPES.rejected) {
    check(isInstant(p.rejected_at), 'payload.rejected_at');
    checkError(p.error);
    return { type, payload: p as unknown as MessageRejectedPayload };
  }
  throw new InvalidEvent('unknown event type');
}
