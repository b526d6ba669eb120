import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { AuditTrail } from '@sealpost/kafka';
import { DataKey } from '../../data-keys/data-key.schema';
import { KeyEncryptionKeysService } from '../key-encryption-keys.service';

/**
 * Deletes every retired KEK that no live data key is wrapped under any more (all rewrapped by
 * a rotation, or destroyed by retention or erasure). Kept, a retired KEK plus the root key
 * would open a backup of destroyed data keys' material; it is needed for nothing else.
 */
@Injectable()
export class DeleteUnusedKeksUseCase {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly keks: KeyEncryptionKeysService,
    private readonly audit: AuditTrail,
  ) {}

  async execute(actor: string, causationId?: string): Promise<number[]> {
    const deleted: number[] = [];
    for (const version of await this.keks.retiredVersions()) {
      if (await this.keys.exists({ version, wrapped: { $ne: null } }).exec()) continue;
      if (await this.keks.delete(version)) deleted.push(version);
    }
    for (const version of deleted) {
      await this.audit.record('key.kek_deleted', { actor, action: 'delete-key-encryption-key', target: `kek:v${version}`, outcome: 'success' }, { correlationId: `kek:v${version}`, causationId });
    }
    return deleted;
  }
}
