import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EraseCommand, KEY_EVENT_TYPES, PurgeCommand, purgeCutoff } from '@sealpost/contracts';
import { AuditTrail } from '@sealpost/kafka';
import { PurgeResult, RetentionHandler } from '@sealpost/retention-client';
import { DataKey } from '../data-keys/data-key.schema';
import { DeleteUnusedKeksUseCase } from '../key-encryption-keys/delete-unused-keks/delete-unused-keks.use-case';
import { KeyEventsPublisher } from '../key-events/key-events.publisher';
import { ErasedNumbers } from '../recipients/erased-numbers';
import { RecipientRows } from '../recipients/recipient-rows';
import { expiredRecipients, recipientCutoff } from './recipient-expiry';

/**
 * Crypto-shredding: destroys the material of every message key and business inbound key whose epoch ended before its
 * business's cutoff (its metadata stays, with destroyed_at). Recipient keys are destroyed and cut
 * loose from their person (see RecipientRows.destroy) when out of use past the longest retention,
 * and on erasure behind a tombstone that keeps the number refused. Copies of the ciphertext anywhere (Kafka, backups)
 * become unreadable, and nothing left maps the number to the pseudonym its records carried.
 */
@Injectable()
export class KeysRetentionHandler implements RetentionHandler {
  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly recipients: RecipientRows,
    private readonly erased: ErasedNumbers,
    private readonly events: KeyEventsPublisher,
    private readonly deleteUnusedKeks: DeleteUnusedKeksUseCase,
    private readonly audit: AuditTrail,
  ) {}

  async purge(command: PurgeCommand): Promise<PurgeResult> {
    const issuedAt = Date.parse(command.issued_at);
    const shortest = Math.min(command.default_max_age_ms, ...Object.values(command.policies));
    const candidates = await this.keys.find({ kind: { $in: ['message', 'business-inbound'] }, wrapped: { $ne: null }, epoch_end: { $lte: new Date(issuedAt - shortest) } }).lean().exec();
    const expired = candidates.filter((k) => k.epoch_end! <= purgeCutoff(command, k.business_id));
    const unused = await this.keys.find({ kind: 'recipient', used_until: { $lte: recipientCutoff(command) } }, { key_id: 1, used_until: 1, pinned: 1 }).lean().exec();
    const destroyed = (await this.destroy(expired, command.command_id)) + (await this.forget(expiredRecipients(unused, command), command.command_id, recipientCutoff(command)));
    await this.deleteUnusedKeks.execute('service:retention', command.command_id);
    return { purged: 0, keys_destroyed: destroyed };
  }

  async erase(command: EraseCommand): Promise<PurgeResult> {
    const rows = await this.keys.find({ kind: 'recipient', pseudonym: command.recipient }, { key_id: 1, business_id: 1 }).lean().exec();
    // the tombstone first: a key issued for the number meanwhile sees it and is withdrawn
    for (const row of rows) await this.erased.add(row.business_id);
    const destroyed = await this.forget(rows, command.command_id);
    await this.deleteUnusedKeks.execute('service:retention', command.command_id);
    return { purged: 0, keys_destroyed: destroyed };
  }

  private async destroy(keys: DataKey[], commandId: string): Promise<number> {
    const destroyedIds: string[] = [];
    for (const key of keys) {
      const res = await this.keys.updateOne({ key_id: key.key_id, wrapped: { $ne: null } }, { $set: { wrapped: null, destroyed_at: new Date() } }).exec();
      if (res.modifiedCount === 1) destroyedIds.push(key.key_id);
    }
    const byId = new Map(keys.map((k) => [k.key_id, k]));
    return this.announce(destroyedIds, (id) => byId.get(id)!.kind, commandId, (id) => byId.get(id)!.business_id);
  }

  /** Recipient keys are destroyed and cut loose: their rows were filed under a value computable from the number. */
  private async forget(rows: Pick<DataKey, 'key_id'>[], commandId: string, unusedSince?: Date): Promise<number> {
    const destroyedIds: string[] = [];
    for (const { key_id } of rows) if (await this.recipients.destroy(key_id, unusedSince)) destroyedIds.push(key_id);
    return this.announce(destroyedIds, () => 'recipient', commandId, () => undefined);
  }

  private async announce(keyIds: string[], kindOf: (keyId: string) => DataKey['kind'], commandId: string, businessOf: (keyId: string) => string | undefined): Promise<number> {
    if (keyIds.length === 0) return 0;
    // every service drops its cached copies on this event
    await this.events.publish(KEY_EVENT_TYPES.destroyed, { key_ids: keyIds });
    await this.audit.recordMany(
      keyIds.map((keyId) => ({
        type: 'key.destroyed',
        record: { actor: 'service:retention', action: 'destroy-data-key', target: keyId, outcome: 'success' as const, detail: { kind: kindOf(keyId) } },
        context: { businessId: businessOf(keyId), correlationId: keyId, causationId: commandId },
      })),
    );
    return keyIds.length;
  }
}
