import { Injectable } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, mongo } from 'mongoose';
import type { Readable } from 'node:stream';
import { MediaRecord } from './media.schema';

/** GridFS chunks of this size: one store round trip per MB read or written */
const GRIDFS_CHUNK_BYTES = 1024 * 1024;

/**
 * The only holder of media: its records (`media`) and their ciphertext, one GridFS file each in
 * the `media` bucket under the record's id. A file is written first and its record last, so a
 * record always names a whole file; every query names its business.
 */
@Injectable()
export class MediaRepository {
  private readonly bucket: mongo.GridFSBucket;

  constructor(
    @InjectModel(MediaRecord.name) private readonly records: Model<MediaRecord>,
    @InjectConnection() private readonly connection: Connection,
  ) {
    this.bucket = new mongo.GridFSBucket(connection.db!, { bucketName: 'media', chunkSizeBytes: GRIDFS_CHUNK_BYTES });
  }

  /**
   * Writes a media file's ciphertext as it streams, one chunk write at a time; resolves once it is
   * all stored. On a failure (of the source too) it waits for the write under way, then removes
   * what was written.
   */
  async storeCiphertext(mediaId: string, sealed: AsyncIterable<Buffer>): Promise<void> {
    const sink = this.bucket.openUploadStreamWithId(mediaId as never, mediaId);
    try {
      for await (const chunk of sealed) await new Promise<void>((resolve, reject) => sink.write(chunk, (err) => (err ? reject(err) : resolve())));
      await new Promise<void>((resolve, reject) => sink.end((err?: Error | null) => (err ? reject(err) : resolve())));
    } catch (err) {
      await this.deleteCiphertext([mediaId]);
      throw err;
    }
  }

  /** The ciphertext, as it streams out of the store. */
  ciphertextOf(mediaId: string): Readable {
    return this.bucket.openDownloadStream(mediaId as never);
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
    await this.deleteCiphertext([mediaId]);
    return deletedCount > 0;
  }

  /**
   * Ciphertext whose upload failed or whose record is gone (its chunks too: a failed upload wrote
   * no file document). By equality, one media at a time: the store looks that up in an index, where
   * `$in` would read every chunk of every media.
   */
  async deleteCiphertext(mediaIds: readonly string[]): Promise<void> {
    const db = this.connection.db!;
    for (const id of mediaIds) {
      await db.collection('media.chunks').deleteMany({ files_id: id });
      await db.collection<{ _id: string }>('media.files').deleteOne({ _id: id });
    }
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
