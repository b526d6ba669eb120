import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { KEY_EVENT_TYPES } from '@sealpost/contracts';
import { AuditTrail } from '@sealpost/kafka';
import { DeleteUnusedKeksUseCase } from '../../key-encryption-keys/delete-unused-keks/delete-unused-keks.use-case';
import { KeyEncryptionKeysService } from '../../key-encryption-keys/key-encryption-keys.service';
import { KeyEventsPublisher } from '../../key-events/key-events.publisher';
import { DataKey } from '../data-key.schema';
import { RewrapDataKey } from '../rewrap-data-key';

/**
 * New KEK version, then every live data key rewrapped under it, then the KEKs that wrap
 * nothing live any more deleted. The data keys themselves do not change, so existing
 * ciphertexts stay readable until their epoch is destroyed.
 */
@Injectable()
export class RotateKeysUseCase {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly keks: KeyEncryptionKeysService,
    private readonly rewrap: RewrapDataKey,
    private readonly deleteUnusedKeks: DeleteUnusedKeksUseCase,
    private readonly events: KeyEventsPublisher,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: string): Promise<{ kek_version: number; rewrapped: number; keks_deleted: number[] }> {
    const kek = await this.keks.rotate();
    let rewrapped = 0;
    for await (const doc of this.keys.find({ wrapped: { $ne: null }, version: { $lt: kek.version } }).lean().cursor()) {
      if (await this.rewrap.execute(doc, kek)) rewrapped++;
    }
    await this.events.publish(KEY_EVENT_TYPES.rotated, { kek_version: kek.version });
    await this.audit.record('key.rotated', { actor, action: 'rotate-keys', target: `kek:v${kek.version}`, outcome: 'success', detail: { rewrapped } });
    const keksDeleted = await this.deleteUnusedKeks.execute(actor, `kek:v${kek.version}`);
    return { kek_version: kek.version, rewrapped, keks_deleted: keksDeleted };
  }
}
