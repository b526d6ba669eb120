import { createCipheriv, createDecipheriv, createHash, Hash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';

/** Media is sealed in chunks of this much plaintext; the final chunk holds the remaining 0–65,535 bytes (CONTRACT §12). */
export const MEDIA_CHUNK_BYTES = 65536;
export const MEDIA_KEY_BYTES = 32;
const TAG_BYTES = 16;
const SEALED_CHUNK_BYTES = MEDIA_CHUNK_BYTES + TAG_BYTES;

/** Thrown when sealed media was altered, cut short, reordered or sealed under another key. */
export class MediaIntegrityError extends Error {}

/** Chunk i's nonce: i as an 11-byte big-endian integer, then 0x01 for the final chunk and 0x00 otherwise. */
function chunkNonce(index: number, last: boolean): Buffer {
  const nonce = Buffer.alloc(12);
  nonce.writeBigUInt64BE(BigInt(index), 3);
  nonce[11] = last ? 1 : 0;
  return nonce;
}

function assertKey(key: Buffer): void {
  if (key.length !== MEDIA_KEY_BYTES) throw new Error(`a media key is ${MEDIA_KEY_BYTES} bytes, got ${key.length}`);
}

/** Bytes written so far, taken off the front in whole pieces without copying more than needed. */
class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;

  push(bytes: Buffer): void {
    this.parts.push(bytes);
    this.length += bytes.length;
  }

  take(count: number): Buffer {
    const all = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts, this.length);
    const taken = all.subarray(0, count);
    const rest = all.subarray(count);
    this.parts = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    return taken;
  }
}

/**
 * Seals a plaintext stream under a media key, chunk by chunk as it arrives (memory stays at one
 * chunk whatever the size), and keeps the plaintext's SHA-256 and size for its metadata.
 */
export class MediaSealer extends Transform {
  private readonly pending = new ByteQueue();
  private readonly hash: Hash = createHash('sha256');
  private index = 0;
  private bytes = 0;

  constructor(private readonly key: Buffer) {
    super();
    assertKey(key);
  }

  /** Hex SHA-256 of the plaintext sealed; once the stream has finished. */
  get sha256(): string {
    return this.hash.copy().digest('hex');
  }

  get plaintextBytes(): number {
    return this.bytes;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.pending.push(chunk);
    // a full chunk is never the final one, which holds less
    while (this.pending.length >= MEDIA_CHUNK_BYTES) this.push(this.seal(this.pending.take(MEDIA_CHUNK_BYTES), false));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.push(this.seal(this.pending.take(this.pending.length), true));
    done();
  }

  private seal(plaintext: Buffer, last: boolean): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.key, chunkNonce(this.index++, last), { authTagLength: TAG_BYTES });
    return Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  }
}

/**
 * Opens sealed media chunk by chunk, passing on each chunk's plaintext only once its tag checks;
 * fails with MediaIntegrityError on a chunk altered or out of place, or an end cut off.
 */
export class MediaOpener extends Transform {
  private readonly pending = new ByteQueue();
  private index = 0;

  constructor(private readonly key: Buffer) {
    super();
    assertKey(key);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.pending.push(chunk);
    try {
      // the final sealed chunk is shorter than a full one, so a full one is never the last
      while (this.pending.length >= SEALED_CHUNK_BYTES) this.push(this.open(this.pending.take(SEALED_CHUNK_BYTES), false));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    if (this.pending.length < TAG_BYTES) return done(new MediaIntegrityError('sealed media ends before its final chunk: it was cut short'));
    try {
      this.push(this.open(this.pending.take(this.pending.length), true));
      done();
    } catch (err) {
      done(err as Error);
    }
  }

  private open(sealed: Buffer, last: boolean): Buffer {
    const decipher = createDecipheriv('aes-256-gcm', this.key, chunkNonce(this.index++, last), { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new MediaIntegrityError(`sealed media chunk ${this.index - 1} failed authentication: altered, out of order, cut short, or another key`);
    }
  }
}

/** The sealed size of a plaintext of `bytes`: each chunk gains a 16-byte tag, and there is always a final chunk. */
export function sealedMediaBytes(bytes: number): number {
  return bytes + (Math.floor(bytes / MEDIA_CHUNK_BYTES) + 1) * TAG_BYTES;
}

/** Binds a media key, wrapped under a business's data key, to that media and business. */
export function mediaKeyAad(mediaId: string, businessId: string): Buffer {
  return Buffer.from(JSON.stringify(['sealpost/v1/media-key', mediaId, businessId]), 'utf8');
}
