import { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MediaRefused } from './media-refused';
import { ContentSniff, SizeBound, SNIFF_BYTES } from './upload-checks';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const sniff = async (head: Uint8Array) => (Buffer.from(head).subarray(0, 8).equals(PNG_SIGNATURE) ? 'image/png' : undefined);

async function run(input: Buffer, stage: Transform): Promise<Buffer> {
  const out: Buffer[] = [];
  const pieces = Array.from({ length: Math.ceil(input.length / 1000) }, (_, i) => input.subarray(i * 1000, (i + 1) * 1000));
  await pipeline(Readable.from(pieces), stage, new Writable({ write: (chunk: Buffer, _encoding, done) => (out.push(chunk), done()) }));
  return Buffer.concat(out);
}

describe('upload checks', () => {
  const png = Buffer.concat([PNG_SIGNATURE, Buffer.alloc(3 * SNIFF_BYTES, 7)]);

  it('passes content that is what it claims, byte for byte', async () => {
    expect(await run(png, new ContentSniff(() => 'image/png', sniff))).toEqual(png);
  });

  it('passes a file shorter than the sniffed head', async () => {
    const text = Buffer.from('hello');
    expect(await run(text, new ContentSniff(() => 'text/plain', sniff))).toEqual(text);
  });

  it('refuses content that is not what it claims with 131053, before passing any of it on', async () => {
    const passed: Buffer[] = [];
    const sniffer = new ContentSniff(() => 'image/jpeg', sniff);
    sniffer.on('data', (c: Buffer) => passed.push(c));
    await expect(run(png, sniffer)).rejects.toMatchObject({ code: 131053 });
    expect(passed).toEqual([]);
  });

  it('refuses more than the bound with 131052, and passes up to it', async () => {
    await expect(run(Buffer.alloc(5001), new SizeBound(() => 5000, () => 'an image'))).rejects.toEqual(new MediaRefused(131052, 'an image may be at most 5000 bytes; this upload is larger'));
    expect((await run(Buffer.alloc(5000), new SizeBound(() => 5000, () => 'an image'))).length).toBe(5000);
  });
});
