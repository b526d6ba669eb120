import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { randomBytes } from 'node:crypto';
import { Model } from 'mongoose';
import { DataKey } from '../data-keys/data-key.schema';

/** how far ahead a recipient key is marked in use: one store write per person per hour at most */
const IN_USE_MS = 60 * 60 * 1000;
/** renewed when less is left than this, which is far more than the 60 s callers cache a key */
const RENEW_WITHIN_MS = 5 * 60 * 1000;

export type RecipientFields = Required<Pick<DataKey, 'pseudonym' | 'used_until' | 'pinned'>>;

/** What a recipient key's row holds beyond its material: the person's pseudonym and how long it is in use. */
@Injectable()
export class RecipientRows {
  constructor(@InjectModel(DataKey.name) private readonly keys: Model<DataKey>) {}

  fresh(now = Date.now()): RecipientFields {
    return { pseudonym: randomBytes(32).toString('hex'), used_until: new Date(now + IN_USE_MS), pinned: false };
  }

  /** Marks an existing row in use for the next hour (rows from before pseudonyms get one first); undefined if it went meanwhile. */
  async keepInUse(doc: DataKey, now = Date.now()): Promise<DataKey | undefined> {
    if (doc.pseudonym && doc.used_until && doc.used_until.getTime() - now > RENEW_WITHIN_MS) return doc;
    const usedUntil = new Date(now + IN_USE_MS);
    if (!doc.pseudonym) {
      // a concurrent request may assign one too: the first write stands, and both read it back
      await this.keys.updateOne({ key_id: doc.key_id, pseudonym: { $in: [null] } }, { $set: { pseudonym: this.fresh(now).pseudonym } }).exec();
    }
    await this.keys.updateOne({ key_id: doc.key_id }, { $set: { used_until: usedUntil } }).exec();
    return (await this.keys.findOne({ key_id: doc.key_id }).lean().exec()) ?? undefined;
  }

  async pin(keyId: string): Promise<void> {
    await this.keys.updateOne({ key_id: keyId, pinned: { $ne: true } }, { $set: { pinned: true } }).exec();
  }

  /** A row issued while its number was being erased: it never held anything for anyone. */
  async delete(keyId: string): Promise<void> {
    await this.keys.deleteOne({ key_id: keyId }).exec();
  }

  /**
   * Destroys a person's key: its material goes, and so does everything that ties the row to the
   * person (the lookup pseudonym it was filed under, their random pseudonym): what stays is the
   * metadata every destroyed key keeps (CONTRACT §8: id, kind, times, destroyed). With
   * `unusedSince`, only while the row is still out of use since then: one taken back into use stays.
   */
  async destroy(keyId: string, unusedSince?: Date): Promise<boolean> {
    const filter = { key_id: keyId, wrapped: { $ne: null }, ...(unusedSince && { used_until: { $lte: unusedSince } }) };
    const update = { $set: { wrapped: null, destroyed_at: new Date(), business_id: `destroyed:${keyId}` }, $unset: { pseudonym: 1, used_until: 1, pinned: 1 } };
    return (await this.keys.updateOne(filter, update).exec()).modifiedCount === 1;
  }
}
