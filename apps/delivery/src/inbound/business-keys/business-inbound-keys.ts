import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DataKey, DataKeyDestroyedError, DataKeyNotFoundError, KeysClient } from '@sealpost/keys-client';
import { insertNew } from '@sealpost/persistence';
import { InboundKey } from './inbound-key.schema';

/** A replaced key stays accepted this long after its epoch ended, at least (CONTRACT §11: rotation with an overlap). */
export const MIN_OVERLAP_MS = 10 * 60 * 1000;

/**
 * Each business's X25519 key pair for inbound messages, made by the keys service per key epoch
 * (SEALPOST_KEY_EPOCH): it rotates with the epoch, and the key of an epoch that ended stays
 * accepted for one more epoch length (at least 10 minutes), so a device that fetched it just
 * before the rotation still gets through. The private half is opened here only, in memory, and
 * kept by the keys client for at most its cache time; retention destroys it with its epoch.
 */
@Injectable()
export class BusinessInboundKeys {
  /** key ids this process has already filed: each is written once */
  private readonly filed = new Set<string>();

  constructor(
    @InjectModel(InboundKey.name) private readonly registry: Model<InboundKey>,
    private readonly keys: KeysClient,
  ) {}

  /** The key devices should seal to now. */
  async current(businessId: string): Promise<DataKey> {
    const key = await this.keys.currentKey('business-inbound', businessId);
    if (!this.filed.has(key.key_id)) {
      await insertNew(this.registry, [{ _id: key.key_id, key_id: key.key_id, business_id: businessId, epoch_end: new Date(key.epoch_end!) }]);
      this.filed.add(key.key_id);
    }
    return key;
  }

  /** Whether a device may still seal to this key id for this business. */
  async accepts(businessId: string, keyId: string): Promise<boolean> {
    const filed = await this.registry.findOne({ key_id: keyId }).lean().exec();
    if (!filed || filed.business_id !== businessId) return false;
    const current = await this.current(businessId);
    if (current.key_id === keyId) return true;
    const epochMs = Date.parse(current.epoch_end!) - Date.parse(current.epoch_start);
    return filed.epoch_end.getTime() + Math.max(epochMs, MIN_OVERLAP_MS) > Date.now();
  }

  /** The material the key pair derives from, or undefined once retention destroyed it. */
  async material(keyId: string): Promise<Buffer | undefined> {
    try {
      return (await this.keys.byKeyId(keyId)).key;
    } catch (err) {
      if (err instanceof DataKeyDestroyedError || err instanceof DataKeyNotFoundError) return undefined;
      throw err;
    }
  }
}
