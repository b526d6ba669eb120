import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { KEY_EVENT_TYPES } from '@sealpost/contracts';
import { AuditTrail } from '@sealpost/kafka';
import { KeyEncryptionKeysService } from '../../key-encryption-keys/key-encryption-keys.service';
import { DataKey } from '../data-key.schema';
import { DataKeyMaterial } from '../data-key-material';
import { KeyEventsPublisher } from '../../key-events/key-events.publisher';

/**
 * New KEK version, then every live data key rewrapped under it. The data keys themselves do
 * not change, so existing ciphertexts stay readable until their epoch is destroyed.
 */
@Injectable()
export class RotateKeysUseCase {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly keks: KeyEncryptionKeysService,
    private readonly material: DataKeyMaterial,
    private readonly events: KeyEventsPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: string): Promise<{ kek_version: number; rewrapped: number }> {
    const kek = await this.keks.rotate();
    let rewrapped = 0;
    for await (const doc of this.keys.find({ wrapped: { $ne: null }, version: { $lt: kek.version } }).lean().cursor()) {
      const wrapped = await this.material.rewrap(doc, kek);
      // conditional on the old version: a concurrent rotation or destruction wins
      const res = await this.keys.updateOne({ key_id: doc.key_id, version: doc.version, wrapped: { $ne: null } }, { $set: { wrapped, version: kek.version } }).exec();
      rewrapped += res.modifiedCount;
    }
    await this.events.publish(KEY_EVENT_TYPES.rotated, { kek_version: kek.version });
    await this.audit.record('key.rotated', { actor, action: 'rotate-keys', target: `kek:v${kek.version}`, outcome: 'success', detail: { rewrapped } });
    return { kek_version: kek.version, rewrapped };
  }
}
