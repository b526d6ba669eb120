import { Readable } from 'node:stream';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { ChunkedFiles } from '@sealpost/persistence';
import { InboundMedia } from './inbound-media.schema';

/** What attaching a checked upload to its inbound message stores. */
export type Attachment = Pick<InboundMedia, 'inbound_id' | 'business_id' | 'mime_type' | 'sha256' | 'file_size' | 'key_id' | 'wrapped_key' | 'url_secret' | 'expires_at'>;

/**
 * The only holder of inbound media: its records (`inbound_media`) and their ciphertext, one file
 * each in the GridFS layout (bucket `inbound_media`, see ChunkedFiles) under the record's id. The
 * file is written first and the record last, so a record always names a whole file.
 */
@Injectable()
export class InboundMediaRepository implements OnModuleInit {
  private readonly files: ChunkedFiles;

  constructor(
    @InjectModel(InboundMedia.name) private readonly records: Model<InboundMedia>,
    @InjectConnection() connection: Connection,
  ) {
    this.files = new ChunkedFiles(() => connection.db!, 'inbound_media');
  }

  async onModuleInit(): Promise<void> {
    await this.files.ensureIndexes();
  }

  /** Writes an upload's ciphertext as it streams; resolves with its length. On a failure nothing of it stays. */
  storeCiphertext(mediaId: string, ciphertext: AsyncIterable<Buffer>): Promise<number> {
    return this.files.store(mediaId, ciphertext);
  }

  /** Written once its ciphertext is whole. */
  async insert(record: InboundMedia): Promise<void> {
    await this.records.create(record);
  }

  async deleteCiphertext(mediaIds: readonly string[]): Promise<void> {
    await this.files.delete(mediaIds);
  }

  ciphertextOf(mediaId: string): Readable {
    return this.files.read(mediaId);
  }

  /** The device's live upload of that id. */
  async findOfDevice(deviceId: string, mediaId: string, now = new Date()): Promise<InboundMedia | undefined> {
    const record = await this.records.findOne({ _id: mediaId, device_id: deviceId }).lean<InboundMedia>().exec();
    return record && record.expires_at > now ? record : undefined;
  }

  /** The business's live attached media of that id. */
  async findOfBusiness(businessId: string, mediaId: string, now = new Date()): Promise<InboundMedia | undefined> {
    const record = await this.records.findOne({ _id: mediaId, business_id: businessId, state: 'attached' }).lean<InboundMedia>().exec();
    return record && record.expires_at > now ? record : undefined;
  }

  /** One write by `_id`: the upload (still unattached, or attached by this same message) now belongs to its message. */
  async attach(mediaId: string, attachment: Attachment): Promise<void> {
    await this.records.updateOne({ _id: mediaId }, { $set: { state: 'attached', ...attachment } }).exec();
  }

  /** The record first, so nobody finds media whose ciphertext is going; false when the business has no such media. */
  async deleteOfBusiness(businessId: string, mediaId: string): Promise<boolean> {
    const { deletedCount } = await this.records.deleteOne({ _id: mediaId, business_id: businessId }).exec();
    if (deletedCount > 0) await this.files.delete([mediaId]);
    return deletedCount > 0;
  }

  /** Attached media of the businesses in scope created before `cutoff`, and every upload past its expiry; how many went. */
  async purge(cutoff: Date, businesses: string | { $nin: string[] }): Promise<number> {
    const old = await this.records.find({ business_id: businesses, created_at: { $lt: cutoff } }, { _id: 1 }).lean().exec();
    const expired = await this.records.find({ state: 'uploaded', expires_at: { $lt: new Date() } }, { _id: 1 }).lean().exec();
    return this.deleteAll([...old, ...expired].map((r) => r._id));
  }

  /** Everything the customer's devices uploaded. */
  async erase(recipient: string): Promise<number> {
    const theirs = await this.records.find({ recipient }, { _id: 1 }).lean().exec();
    return this.deleteAll(theirs.map((r) => r._id));
  }

  private async deleteAll(mediaIds: string[]): Promise<number> {
    const unique = [...new Set(mediaIds)];
    if (unique.length === 0) return 0;
    const { deletedCount } = await this.records.deleteMany({ _id: { $in: unique } }).exec();
    await this.files.delete(unique);
    return deletedCount;
  }
}
