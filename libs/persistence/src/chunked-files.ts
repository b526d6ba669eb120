import { Readable } from 'node:stream';
import type { mongo } from 'mongoose';

/** chunks of this size: one store round trip per MB read or written */
const CHUNK_BYTES = 1024 * 1024;

/** A GridFS chunk (`<bucket>.chunks`), keyed by its file and place: `<file id>.<n>`. */
interface ChunkDocument {
  _id: string;
  files_id: string;
  n: number;
  data: Buffer | mongo.Binary;
}

/** A GridFS file document (`<bucket>.files`), written once all its chunks are. */
interface FileDocument {
  _id: string;
  length: number;
  chunkSize: number;
  uploadDate: Date;
  filename: string;
}

const chunkId = (fileId: string, n: number) => `${fileId}.${n}`;

/**
 * Files (ciphertext only) in the GridFS layout of one bucket: `<bucket>.files`, `<bucket>.chunks`
 * with `files_id` and `n`, 1 MB chunks. Chunks are written and read here one at a time by a
 * string `_id`, not by the driver's GridFSBucket: its reader asks for all of a file's chunks
 * sorted by `n`, which the embedded store sorts in memory (a 100 MB download took FerretDB to
 * 1.1 GB and its first byte 4.5 s), and the store does not look `n` up in an index (chunk by
 * chunk on `files_id` and `n`, PostgreSQL spent 75 s of CPU on one 100 MB download):
 * `npm run bench -- --media --media-bytes 104857600`.
 */
export class ChunkedFiles {
  constructor(
    private readonly db: () => mongo.Db,
    private readonly bucket: string,
  ) {}

  /** GridFS's own index: readers find a file's chunks by it, and deletes too. */
  async ensureIndexes(): Promise<void> {
    await this.chunks().createIndex({ files_id: 1, n: 1 }, { unique: true });
  }

  /**
   * Writes a file as it streams, a chunk at a time; resolves with its length once it is all
   * stored. On a failure (of the source too) it removes what was written.
   */
  async store(fileId: string, content: AsyncIterable<Buffer>): Promise<number> {
    let n = 0;
    let length = 0;
    let pending: Buffer = Buffer.alloc(0);
    const write = async (data: Buffer) => {
      await this.chunks().insertOne({ _id: chunkId(fileId, n), files_id: fileId, n, data });
      n++;
    };
    try {
      for await (const piece of content) {
        length += piece.length;
        pending = pending.length === 0 ? piece : Buffer.concat([pending, piece]);
        for (; pending.length >= CHUNK_BYTES; pending = pending.subarray(CHUNK_BYTES)) await write(pending.subarray(0, CHUNK_BYTES));
      }
      if (pending.length > 0) await write(pending);
      await this.files().insertOne({ _id: fileId, length, chunkSize: CHUNK_BYTES, uploadDate: new Date(), filename: fileId });
      return length;
    } catch (err) {
      await this.delete([fileId]);
      throw err;
    }
  }

  /** The file as it streams out of the store: one chunk in memory at a time. */
  read(fileId: string): Readable {
    const chunks = this.chunks();
    return Readable.from(
      (async function* () {
        for (let n = 0; ; n++) {
          const chunk = await chunks.findOne({ _id: chunkId(fileId, n) }, { projection: { data: 1 } });
          if (!chunk) return;
          const data = chunk.data as mongo.Binary;
          yield Buffer.from(data.buffer.buffer, data.buffer.byteOffset, data.position);
        }
      })(),
    );
  }

  /**
   * Files whose upload failed or whose record is gone (their chunks too: a failed upload wrote no
   * file document). By equality, one file at a time: the store looks that up in an index, where
   * `$in` would read every chunk of every file.
   */
  async delete(fileIds: readonly string[]): Promise<void> {
    for (const id of fileIds) {
      await this.chunks().deleteMany({ files_id: id });
      await this.files().deleteOne({ _id: id });
    }
  }

  private chunks(): mongo.Collection<ChunkDocument> {
    return this.db().collection<ChunkDocument>(`${this.bucket}.chunks`);
  }

  private files(): mongo.Collection<FileDocument> {
    return this.db().collection<FileDocument>(`${this.bucket}.files`);
  }
}
