import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EraseCommand, KEY_EVENT_TYPES, PurgeCommand, purgeCutoff } from '@sealpost/contracts';
import { AuditTrail } from '@sealpost/kafka';
import { PurgeResult, RetentionHandler } from '@sealpost/retention-client';
import { DataKey } from '../data-keys/data-key.schema';
import { DeleteUnusedKeksUseCase } from '../key-encryption-keys/delete-unused-keks/delete-unused-keks.use-case';
import { KeyEventsPublisher } from '../key-events/key-events.publisher';

/**
 * Crypto-shredding: destroys the material of every message key whose epoch ended before its
 * business's cutoff, and the recipient key of an erased number. Metadata stays, with
 * destroyed_at; copies of the ciphertext anywhere (Kafka, backups) become unreadable.
 */
@Injectable()
export class KeysRetentionHandler implements RetentionHandler {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly events: KeyEventsPublisher,
    private readonly deleteUnusedKeks: DeleteUnusedKeksUseCase,
    private readonly audit: AuditTrail,
  ) {}

  async purge(command: PurgeCommand): Promise<PurgeResult> {
    const issuedAt = Date.parse(command.issued_at);
    const shortest = Math.min(command.default_max_age_ms, ...Object.values(command.policies));
    const candidates = await this.keys.find({ kind: 'message', wrapped: { $ne: null }, epoch_end: { $lte: new Date(issuedAt - shortest) } }).lean().exec();
    const expired = candidates.filter((k) => k.epoch_end! <= purgeCutoff(command, k.business_id));
    const destroyed = await this.destroy(expired, command.command_id);
    await this.deleteUnusedKeks.execute('service:retention', command.command_id);
    return { purged: 0, keys_destroyed: destroyed };
  }

  async erase(command: EraseCommand): Promise<PurgeResult> {
    const keys = await this.keys.find({ kind: 'recipient', business_id: command.recipient, wrapped: { $ne: null } }).lean().exec();
    const destroyed = await this.destroy(keys, command.command_id);
    await this.deleteUnusedKeks.execute('service:retention', command.command_id);
    return { purged: 0, keys_destroyed: destroyed };
  }

  private async destroy(keys: DataKey[], commandId: string): Promise<number> {
    const destroyedIds: string[] = [];
    for (const key of keys) {
      const res = await this.keys.updateOne({ key_id: key.key_id, wrapped: { $ne: null } }, { $set: { wrapped: null, destroyed_at: new Date() } }).exec();
      if (res.modifiedCount === 1) destroyedIds.push(key.key_id);
    }
    if (destroyedIds.length === 0) return 0;
    // every service drops its cached copies on this event
    await this.events.publish(KEY_EVENT_TYPES.destroyed, { key_ids: destroyedIds });
    for (const key of keys.filter((k) => destroyedIds.includes(k.key_id))) {
      await this.audit.record('key.destroyed', { actor: 'service:retention', action: 'destroy-data-key', target: key.key_id, outcome: 'success', detail: { kind: key.kind } }, { businessId: key.kind === 'recipient' ? undefined : key.business_id, correlationId: key.key_id, causationId: commandId });
    }
    return destroyedIds.length;
  }
}
