import { Injectable } from '@nestjs/common';
import { openInbound } from '@sealpost/crypto';
import { DataKeyDestroyedError, DataKeyNotFoundError, KeysClient } from '@sealpost/keys-client';
import { BusinessInboundKeys } from '../business-keys/business-inbound-keys';
import { parseInboundContent } from '../inbound-content';
import { openInboundSecrets } from '../inbound-envelope';
import { InboundMessage } from '../inbound-message.schema';
import { InboundWebhookMessage } from './inbound-webhook-body';

/**
 * Opens a stored inbound message in memory for its webhook: the customer's key opens the
 * envelope, the business's private key the device's seal. Undefined once retention or erasure
 * destroyed either key (nothing can be sent any more); other failures are transient and thrown.
 */
@Injectable()
export class InboundReader {
  constructor(
    private readonly keys: KeysClient,
    private readonly inboundKeys: BusinessInboundKeys,
  ) {}

  async read(entry: Pick<InboundMessage, 'message_id' | 'business_id' | 'key_id' | 'stored' | 'timestamp'>): Promise<InboundWebhookMessage | undefined> {
    if (!entry.stored) return undefined;
    const recipientKey = await this.keys.byKeyId(entry.stored.key_id).catch((err: unknown) => {
      if (err instanceof DataKeyDestroyedError || err instanceof DataKeyNotFoundError) return undefined;
      throw err;
    });
    const material = recipientKey && (await this.inboundKeys.material(entry.key_id));
    if (!recipientKey || !material) return undefined;
    const secrets = openInboundSecrets(recipientKey.key, entry.message_id, entry.business_id, entry.stored);
    const parsed = parseInboundContent(JSON.parse((await openInbound(material, secrets.sealed, secrets.client_message_id)).toString('utf8')));
    // checked when it was received; a body that no longer parses cannot be sent
    if (!parsed.ok) return undefined;
    return { from: secrets.from, id: entry.message_id, timestamp: entry.timestamp, content: parsed.content, ...(secrets.context_id !== undefined && { contextId: secrets.context_id }) };
  }
}
