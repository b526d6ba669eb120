import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model, mongo } from 'mongoose';
import { Readable } from 'node:stream';
import { MediaRecord } from './media.schema';

/** chunks of this size: one store round trip per MB read or written */
const CHUNK_BYTES = 1024 * 1024;

/** A GridFS chunk (`media.chunks`), keyed by its file and place: `<media id>.<n>`. */
interface ChunkDocument {
  _id: string;
  files_id: string;
  n: number;
  data: Buffer | mongo.Binary;
}

/** A GridFS file document (`media.files`), written once all its chunks are. */
interface FileDocument {
  _id: string;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
}

const chunkId = (mediaId: string, n: number) => `${mediaId}.${n}`;

/**
 * The only holder of media: its records (`media`) and their ciphertext, one file each in the
 * GridFS layout (bucket `media`: `media.files`, `media.chunks` with `files_id` and `n`) under the
 * record's id. A file is written first and its record last, so a record always names a whole
 * file; every query names its business.
 *
 * Chunks are written and read here, one at a time by a string `_id`, not by the driver's
 * GridFSBucket: its reader asks for all of a file's chunks sorted by `n`, which the embedded store
 * sorts in memory (a 100 MB download took FerretDB to 1.1 GB and its first byte 4.5 s), and the
 * store does not look `n` up in an index (chunk by chunk on `files_id` and `n`, PostgreSQL spent
 * 75 s of CPU on one 100 MB download): `npm run bench -- --media --media-bytes 104857600`.
 */
@Injectable()
export class MediaRepository implements OnModuleInit {
  constructor(
    @InjectModel(MediaRecord.name) private readonly records: Model<MediaRecord>,
    @InjectConnection() private readonly connection: Connection,
  ) {}

  /** GridFS's own index: readers find a file's chunks by it, and deletes too. */
  async onModuleInit(): Promise<void> {
    await this.chunks().createIndex({ files_id: 1, n: 1 }, { unique: true });
  }

  /**
   * Writes a media file's ciphertext as it streams, a chunk at a time; resolves once it is all
   * stored. On a failure (of the source too) it removes what was written.
   */
  async storeCiphertext(mediaId: string, sealed: AsyncIterable<Buffer>): Promise<void> {
    let n = 0;
    let length = 0;
    let pending: Buffer = Buffer.alloc(0);
    const write = async (data: Buffer) => {
      await this.chunks().insertOne({ _id: chunkId(mediaId, n), files_id: mediaId, n, data });
      n++;
    };
    try {
      for await (const piece of sealed) {
        length += piece.length;
        pending = pending.length === 0 ? piece : Buffer.concat([pending, piece]);
        for (; pending.length >= CHUNK_BYTES; pending = pending.subarray(CHUNK_BYTES)) await write(pending.subarray(0, CHUNK_BYTES));
      }
      if (pending.length > 0) await write(pending);
      await this.files().insertOne({ _id: mediaId, length, chunkSize: CHUNK_BYTES, uploadDate: new Date(), filename: mediaId });
    } catch (err) {
      await this.deleteCiphertext([mediaId]);
      throw err;
    }
  }

  /** The ciphertext, as it streams out of the store: one chunk in memory at a time. */
  ciphertextOf(mediaId: string): Readable {
    const chunks = this.chunks();
    return Readable.from(
      (async function* () {
        for (let n = 0; ; n++) {
          const chunk = await chunks.findOne({ _id: chunkId(mediaId, n) }, { projection: { data: 1 } });
          if (!chunk) return;
          const data = chunk.data as mongo.Binary;
          yield Buffer.from(data.buffer.buffer, data.buffer.byteOffset, data.position);
        }
      })(),
    );
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
    for (const id of mediaIds) {
      await this.chunks().deleteMany({ files_id: id });
      await this.files().deleteOne({ _id: id });
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

  private chunks(): mongo.Collection<ChunkDocument> {
    return this.connection.db!.collection<ChunkDocument>('media.chunks');
  }

  private files(): mongo.Collection<FileDocument> {
    return this.connection.db!.collection<FileDocument>('media.files');
  }
}
