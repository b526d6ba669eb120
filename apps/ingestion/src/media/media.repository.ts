import { Readable } from 'node:stream';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { ChunkedFiles } from '@sealpost/persistence';
import { MediaRecord } from './media.schema';

/**
 * The only holder of media: its records (`media`) and their ciphertext, one file each in the
 * GridFS layout (bucket `media`, see ChunkedFiles) under the record's id. A file is written
 * first and its record last, so a record always names a whole file; every query names its business.
 */
@Injectable()
export class MediaRepository implements OnModuleInit {
  private readonly files: ChunkedFiles;

  constructor(
    @InjectModel(MediaRecord.name) private readonly records: Model<MediaRecord>,
    @InjectConnection() connection: Connection,
  ) {
    this.files = new ChunkedFiles(() => connection.db!, 'media');
  }

  async onModuleInit(): Promise<void> {
    await this.files.ensureIndexes();
  }

  /**
   * Writes a media file's ciphertext as it streams, a chunk at a time; resolves once it is all
   * stored. On a failure (of the source too) it removes what was written.
   */
  async storeCiphertext(mediaId: string, sealed: AsyncIterable<Buffer>): Promise<void> {
    await this.files.store(mediaId, sealed);
  }

  /** The ciphertext, as it streams out of the store: one chunk in memory at a time. */
  ciphertextOf(mediaId: string): Readable {
    return this.files.read(mediaId);
  }

  async insert(record: MediaRecord): Promise<void> {
    await this.records.create(record);
  }

  /** The business's live media of that id; whoever's without one (the capability URL names no business). */
  async find(businessId: string | undefined, mediaId: string, now = new Date()): Promise<MediaRecord | undefined> {
    const record = await this.records.findOne({ _id: mediaId, ...(businessId !== undefined && { business_id: businessId }) }).lean<MediaRecord>().exec();
    return record && record.expires_at > now ? record : undefined;
  }

  /** The record first, so nobody finds media whose ciphertext is going; false when the business has no such media. */
  async delete(businessId: string, mediaId: string): Promise<boolean> {
    const { deletedCount } = await this.records.deleteOne({ _id: mediaId, business_id: businessId }).exec();
    // another business's id deletes nothing, its ciphertext included
    if (deletedCount > 0) await this.deleteCiphertext([mediaId]);
    return deletedCount > 0;
  }

  /** Ciphertext whose upload failed or whose record is gone. */
  async deleteCiphertext(mediaIds: readonly string[]): Promise<void> {
    await this.files.delete(mediaIds);
  }

  /** Media created before `cutoff`, of the businesses named or of all but those named; how many went. */
  async purge(cutoff: Date, scope: { id: string } | { except: readonly string[] }): Promise<number> {
    const businesses = 'id' in scope ? scope.id : { $nin: [...scope.except] };
    const gone = await this.records.find({ business_id: businesses, created_at: { $lt: cutoff } }, { _id: 1 }).lean().exec();
    return this.deleteAll(gone.map((r) => r._id));
  }

  private async deleteAll(mediaIds: string[]): Promise<number> {
    if (mediaIds.length === 0) return 0;
    const { deletedCount } = await this.records.deleteMany({ _id: { $in: mediaIds } }).exec();
    await this.deleteCiphertext(mediaIds);
    return deletedCount;
  }

}
