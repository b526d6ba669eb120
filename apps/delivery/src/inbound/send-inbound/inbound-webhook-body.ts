import { InboundContent, webhookObject } from '../inbound-content';

/** One inbound message as the business's webhook tells it. */
export interface InboundWebhookMessage {
  /** the customer's number, E.164 digits */
  from: string;
  id: string;
  /** unix seconds */
  timestamp: string;
  content: InboundContent;
  /** the message it replies to */
  contextId?: string;
}

/**
 * The Cloud API notification of one inbound message (CONTRACT §11): `contacts` names the sender,
 * `messages` holds the message with its type's object. One message per POST, as Meta sends
 * them: client libraries read `messages[0]` and `contacts[0]`.
 */
export function inboundWebhookBody(businessId: string, phoneNumberId: string, m: InboundWebhookMessage): object {
  const message = {
    ...(m.contextId !== undefined && { context: { from: phoneNumberId, id: m.contextId } }),
    from: m.from,
    id: m.id,
    timestamp: m.timestamp,
    type: m.content.type,
    [m.content.type]: webhookObject(m.content),
  };
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: businessId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: m.content.profileName ?? '' }, wa_id: m.from }],
              messages: [message],
            },
          },
        ],
      },
    ],
  };
}
