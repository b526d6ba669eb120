import { Injectable } from '@nestjs/common';
import { EncryptedEnvelope, MessagePlaintext } from '@sealpost/contracts';
import { openMessage } from '../accepted-messages/open-message';
import { MessageKeys } from '../messages/message-keys';

export interface RecipientFields {
  recipient_id?: string;
  biz_opaque_callback_data?: string;
}

/**
 * The webhook fields that identify the person (recipient_id) or echo the business's data
 * (biz_opaque_callback_data) exist only inside the message envelope: they are read from it in
 * memory for each webhook. Once retention or erasure destroyed a key there is nothing to read: omitted.
 */
@Injectable()
export class StatusRecipient {
  constructor(private readonly keys: MessageKeys) {}

  async of(message: { message_id: string; business_id: string; recipient_key_id?: string; sealed?: EncryptedEnvelope } | undefined): Promise<RecipientFields> {
    if (!message?.sealed || !message.recipient_key_id) return {};
    const key = await this.keys.for(message.sealed, message.recipient_key_id);
    if (!('key' in key)) return {};
    const opened = openMessage(key.key, message.sealed, message.message_id, message.business_id);
    if (!opened.ok) return {};
    return recipientFields(opened.message);
  }
}

/** What a status webhook tells about the message's recipient, from its opened plaintext. */
export function recipientFields({ to, biz_opaque_callback_data }: MessagePlaintext): RecipientFields {
  return { recipient_id: to, ...(biz_opaque_callback_data !== undefined && { biz_opaque_callback_data }) };
}
