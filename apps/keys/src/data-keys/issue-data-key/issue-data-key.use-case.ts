import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectModel } from '@nestjs/mongoose';
import { randomUUID } from 'node:crypto';
import { inboundPublicKey } from '@sealpost/crypto';
import { Model } from 'mongoose';
import { KEY_EVENT_TYPES } from '@sealpost/contracts';
import { AuditTrail } from '@sealpost/kafka';
import { ApiError, KeysCaller, parseIsoDuration } from '@sealpost/platform';
import { KeysEnv } from '../../config/keys.env';
import { KeyEncryptionKeysService } from '../../key-encryption-keys/key-encryption-keys.service';
import { KeyEventsPublisher } from '../../key-events/key-events.publisher';
import { ErasedNumbers } from '../../recipients/erased-numbers';
import { RecipientRows } from '../../recipients/recipient-rows';
import { DataKey, DataKeyKind } from '../data-key.schema';
import { DataKeyMaterial } from '../data-key-material';
import { epochOf, TIMELESS_EPOCH } from '../epoch';
import { KEY_ACCESS } from '../key-access';
import { DataKeyResponse } from '../issued-data-key.dto';
import { RewrapDataKey } from '../rewrap-data-key';
import { toDataKeyResponse } from '../to-data-key-response';

/** Kinds that rotate with each epoch (and are destroyed with it); the others are timeless. */
const EPOCH_KINDS: readonly DataKeyKind[] = ['message', 'business-inbound'];

/**
 * The data key of a business's current epoch (or its timeless secrets key), created on first use.
 * A recipient key is refused ('destroyed') once its number is erased, and carries the person's
 * pseudonym; it is announced and audited without the lookup pseudonym it is filed under.
 */
@Injectable()
export class IssueDataKeyUseCase {
  private readonly epochMs: number;

  constructor(
    @InjectModel(DataKey.name) private readonly keys: Model<DataKey>,
    private readonly material: DataKeyMaterial,
    private readonly keks: KeyEncryptionKeysService,
    private readonly rewrap: RewrapDataKey,
    private readonly recipients: RecipientRows,
    private readonly erased: ErasedNumbers,
    private readonly events: KeyEventsPublisher,
    private readonly audit: AuditTrail,
    config: ConfigService<KeysEnv, true>,
  ) {
    this.epochMs = parseIsoDuration(config.get('SEALPOST_KEY_EPOCH', { infer: true }))!;
  }

  async execute(businessId: string, kind: DataKeyKind, caller: KeysCaller): Promise<DataKeyResponse | 'destroyed'> {
    if (!KEY_ACCESS[kind].issue.includes(caller)) throw new ApiError(HttpStatus.FORBIDDEN, 200, `The ${caller} service may not obtain ${kind} keys`);
    return this.obtain(businessId, kind, `service:${caller}`);
  }

  /** The key for the keys service's own use too (the pseudonym key, recipients looked up by number), past the caller check. */
  async obtain(businessId: string, kind: DataKeyKind, actor: string): Promise<DataKeyResponse | 'destroyed'> {
    const recipient = kind === 'recipient';
    if (recipient && (await this.erased.has(businessId))) return 'destroyed';
    const epoch = EPOCH_KINDS.includes(kind) ? epochOf(Date.now(), this.epochMs) : { start: TIMELESS_EPOCH, end: null };
    const existing = await this.keys.findOne({ business_id: businessId, kind, epoch_start: epoch.start }).lean().exec();
    if (existing) {
      if (existing.wrapped === null) return 'destroyed';
      const current = recipient ? await this.recipients.keepInUse(existing) : existing;
      // expired between the read and the renewal: a new one is made
      if (!current) return this.obtain(businessId, kind, actor);
      return toDataKeyResponse(current, await this.material.open(current));
    }

    const keyId = `dk_${randomUUID()}`;
    const { key, wrapped, version } = await this.material.generate({ key_id: keyId, business_id: businessId });
    const doc: DataKey = {
      key_id: keyId, kind, business_id: businessId, epoch_start: epoch.start, epoch_end: epoch.end,
      version, wrapped, created_at: new Date(), destroyed_at: null, ...(recipient && this.recipients.fresh()),
      ...(kind === 'business-inbound' && { public_key: await inboundPublicKey(key) }),
    };
    try {
      await this.keys.create(doc);
    } catch (err) {
      if ((err as { code?: number }).code !== 11000) throw err;
      return this.obtain(businessId, kind, actor); // a concurrent request created it: serve that one
    }
    // an erasure that ran meanwhile may have missed this row: the tombstone, written first, says so
    if (recipient && (await this.erased.has(businessId))) {
      await this.recipients.delete(keyId);
      return 'destroyed';
    }
    await this.followRotation(doc);
    // a recipient key's row is filed under a value computable from the number: it stays in this database
    const announcedAs = recipient ? undefined : businessId;
    await this.events.publish(KEY_EVENT_TYPES.created, { key_id: keyId, kind, epoch_start: epoch.start.toISOString(), epoch_end: epoch.end?.toISOString() ?? null }, announcedAs);
    await this.audit.record('key.issued', { actor, action: 'issue-data-key', target: keyId, outcome: 'success', detail: { kind } }, { businessId: announcedAs, correlationId: keyId });
    return toDataKeyResponse(doc, key);
  }

  /**
   * A rotation that began after this key was wrapped may have rewrapped the others without
   * seeing it, and would then delete the KEK it is wrapped under: it follows the rotation itself.
   */
  private async followRotation(doc: DataKey): Promise<void> {
    if (await this.keks.isActive(doc.version)) return;
    const kek = await this.keks.active();
    if (await this.rewrap.execute(doc, kek)) doc.version = kek.version;
  }
}
