import { Equals, IsOptional, Matches } from 'class-validator';
import { Nested } from '../message-content/field-rules';

/** a wamid as Sealpost issues them: the shape is all ingestion can check, delivery holds the inbound rows */
export const WAMID = /^wamid\.[A-Za-z0-9_-]{1,128}$/;

export class TypingIndicator {
  @Equals('text', { message: 'typing_indicator.type must be "text"' })
  type: 'text';
}

/**
 * The Cloud API's mark-as-read body on the send endpoint (CONTRACT §11), optionally showing
 * typing. Unknown fields are refused, as on a send.
 */
export class MarkReadRequest {
  @Equals('whatsapp', { message: 'messaging_product must be "whatsapp"' })
  messaging_product: 'whatsapp';

  @Equals('read', { message: 'status must be "read"' })
  status: 'read';

  @Matches(WAMID, { message: 'message_id must be a message id (wamid.…) of an inbound message' })
  message_id: string;

  @IsOptional()
  @Nested(() => TypingIndicator)
  typing_indicator?: TypingIndicator;
}
