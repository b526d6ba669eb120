import { Injectable } from '@nestjs/common';
import { EncryptedEnvelope } from '@sealpost/contracts';
import { messageKey } from '@sealpost/crypto';
import { DataKeyDestroyedError, DataKeyNotFoundError, KeysClient } from '@sealpost/keys-client';

/** The key a message envelope was sealed under, or why there is none. */
export type MessageKey = { key: Buffer } | { missing: 'destroyed' | 'unknown' };

/**
 * A message is sealed under a key derived from its business's epoch key and its recipient's
 * key: retention destroys the first, erasure (or a long silence) deletes the second, and either
 * makes it unreadable.
 * "destroyed" and "unknown" are final answers; any other failure is transient and thrown.
 */
@Injectable()
export class MessageKeys {
  constructor(private readonly keys: KeysClient) {}

  async for(sealed: EncryptedEnvelope, recipientKeyId: string): Promise<MessageKey> {
    try {
      const [epoch, recipient] = await Promise.all([this.keys.byKeyId(sealed.key_id), this.recipientKey(recipientKeyId)]);
      return { key: messageKey(epoch.key, recipient.key) };
    } catch (err) {
      if (err instanceof DataKeyDestroyedError) return { missing: 'destroyed' };
      if (err instanceof DataKeyNotFoundError) return { missing: 'unknown' };
      throw err;
    }
  }

  /** Erasure and expiry delete a recipient key's row whole, so an unknown one is a destroyed one. */
  private recipientKey(keyId: string) {
    return this.keys.byKeyId(keyId).catch((err: unknown) => {
      throw err instanceof DataKeyNotFoundError ? new DataKeyDestroyedError(`recipient key gone: ${keyId}`) : err;
    });
  }
}
