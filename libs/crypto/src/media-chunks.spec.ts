import { createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import { MEDIA_CHUNK_BYTES, MediaIntegrityError, MediaOpener, MediaSealer, sealedMediaBytes } from './media-chunks';

const key = randomBytes(32);
const SEALED = MEDIA_CHUNK_BYTES + 16;

/** Feeds `bytes` in uneven pieces, as a socket would. */
function pieces(bytes: Buffer): Readable {
  const out: Buffer[] = [];
  for (let at = 0, size = 1; at < bytes.length; at += size, size = (size * 7 + 3) % 40000 || 1) out.push(bytes.subarray(at, at + size));
  return Readable.from(out);
}

async function through(stream: Transform, bytes: Buffer): Promise<Buffer> {
  const collected: Buffer[] = [];
  await pipeline(pieces(bytes), stream, async (source: AsyncIterable<Buffer>) => {
    for await (const chunk of source) collected.push(chunk);
  });
  return Buffer.concat(collected);
}

async function seal(plaintext: Buffer): Promise<{ sealed: Buffer; sealer: MediaSealer }> {
  const sealer = new MediaSealer(key);
  return { sealed: await through(sealer, plaintext), sealer };
}

describe('media chunks (CONTRACT §12)', () => {
  it.each([0, 1, 65535, 65536, 65537, 3 * 65536, 200_001])('round-trips %i bytes, sized and hashed as the contract says', async (size) => {
    const plaintext = randomBytes(size);
    const { sealed, sealer } = await seal(plaintext);
    expect(sealed.length).toBe(sealedMediaBytes(size));
    expect(sealer.sha256).toBe(createHash('sha256').update(plaintext).digest('hex'));
    expect(sealer.plaintextBytes).toBe(size);
    expect(await through(new MediaOpener(key), sealed)).toEqual(plaintext);
  });

  it('seals chunk i under nonce = i (11 bytes, big-endian) + the final flag, no AAD, tag after each chunk', async () => {
    const plaintext = randomBytes(MEDIA_CHUNK_BYTES + 10);
    const { sealed } = await seal(plaintext);
    const open = (part: Buffer, nonceHex: string) => {
      const d = createDecipheriv('aes-256-gcm', key, Buffer.from(nonceHex, 'hex'));
      d.setAuthTag(part.subarray(part.length - 16));
      return Buffer.concat([d.update(part.subarray(0, part.length - 16)), d.final()]);
    };
    expect(open(sealed.subarray(0, SEALED), '0000000000000000000000' + '00')).toEqual(plaintext.subarray(0, MEDIA_CHUNK_BYTES));
    expect(open(sealed.subarray(SEALED), '0000000000000000000001' + '01')).toEqual(plaintext.subarray(MEDIA_CHUNK_BYTES));
  });

  it('a plaintext of whole chunks ends with an empty final chunk', async () => {
    const { sealed } = await seal(randomBytes(2 * MEDIA_CHUNK_BYTES));
    expect(sealed.length).toBe(2 * SEALED + 16);
  });

  describe('refuses sealed media that was', () => {
    const plaintext = randomBytes(3 * MEDIA_CHUNK_BYTES + 500);
    let sealed: Buffer;
    beforeAll(async () => {
      sealed = (await seal(plaintext)).sealed;
    });
    const refused = (bytes: Buffer, withKey = key) => expect(through(new MediaOpener(withKey), bytes)).rejects.toThrow(MediaIntegrityError);

    it('altered', () => {
      const altered = Buffer.from(sealed);
      altered[SEALED + 7] ^= 1;
      return refused(altered);
    });
    it('reordered', () => refused(Buffer.concat([sealed.subarray(SEALED, 2 * SEALED), sealed.subarray(0, SEALED), sealed.subarray(2 * SEALED)])));
    it('cut at a chunk boundary', () => refused(sealed.subarray(0, 2 * SEALED)));
    it('cut inside a chunk', () => refused(sealed.subarray(0, sealed.length - 5)));
    it('cut to nothing', () => refused(Buffer.alloc(0)));
    it('sealed under another key', () => refused(sealed, randomBytes(32)));
  });

  it('needs a 32-byte key', () => {
    expect(() => new MediaSealer(randomBytes(16))).toThrow('32 bytes');
  });

  it('keeps at most about a chunk in memory: output flows before the input ends', async () => {
    const sealer = new MediaSealer(key);
    const out: Buffer[] = [];
    sealer.on('data', (c: Buffer) => out.push(c));
    sealer.write(randomBytes(MEDIA_CHUNK_BYTES * 2 + 1));
    expect(Buffer.concat(out).length).toBe(2 * SEALED);
    sealer.end();
    await buffer(sealer).catch(() => undefined);
  });
});
