import { Injectable } from '@nestjs/common';
import { EncryptedEnvelope } from '@sealpost/contracts';
import { DataKeyDestroyedError, DataKeyNotFoundError, KeysClient } from '@sealpost/keys-client';
import { openMessage } from '../accepted-messages/open-message';

export interface RecipientFields {
  recipient_id?: string;
  biz_opaque_callback_data?: string;
}

/**
 * The webhook fields that identify the person (recipient_id) or echo the business's data
 * (biz_opaque_callback_data) exist only inside the message envelope: they are read from it in
 * memory for each webhook. Once retention destroyed the key there is nothing to read: omitted.
 */
@Injectable()
export class StatusRecipient {
  constructor(private readonly keys: KeysClient) {}

  async of(message: { message_id: string; business_id: string; sealed?: EncryptedEnvelope } | undefined): Promise<RecipientFields> {
    if (!message?.sealed) return {};
    let key: Buffer;
    try {
      key = (await this.keys.byKeyId(message.sealed.key_id)).key;
    } catch (err) {
      if (err instanceof DataKeyDestroyedError || err instanceof DataKeyNotFoundError) return {};
      throw err;
    }
    const opened = openMessage(key, message.sealed, message.message_id, message.business_id);
    if (!opened.ok) return {};
    const { to, biz_opaque_callback_data } = opened.message;
    return { recipient_id: to, ...(biz_opaque_callback_data !== undefined && { biz_opaque_callback_data }) };
  }
}
