import { Transform, TransformCallback } from 'node:stream';
import { contentMatches } from './media-kinds';
import { MediaRefused } from './media-refused';

/** enough of the start of a file for its signature to show (what file-type reads) */
export const SNIFF_BYTES = 4100;

/** Sniffs a file's type from its first bytes: a MIME type, or undefined when no signature is known. */
export type Sniff = (head: Uint8Array) => Promise<string | undefined>;

/** Passes bytes on until more than `maxBytes` have come, then fails with 131052 (nothing past the bound is kept). */
export class SizeBound extends Transform {
  private seen = 0;

  constructor(
    private readonly maxBytes: () => number,
    private readonly what: () => string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.maxBytes()) return done(new MediaRefused(131052, `${this.what()} may be at most ${this.maxBytes()} bytes; this upload is larger`));
    done(null, chunk);
  }
}

/**
 * Holds back the first SNIFF_BYTES until the content's signature is known, then fails with
 * 131053 unless it is what `declared` says; passes everything on unchanged otherwise.
 */
export class ContentSniff extends Transform {
  private head: Buffer[] = [];
  private headBytes = 0;
  private checked = false;

  constructor(
    private readonly declared: () => string,
    private readonly sniff: Sniff,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.checked) return done(null, chunk);
    this.head.push(chunk);
    this.headBytes += chunk.length;
    if (this.headBytes < SNIFF_BYTES) return done();
    void this.check().then(() => done(), done);
  }

  override _flush(done: TransformCallback): void {
    if (this.checked) return done();
    void this.check().then(() => done(), done);
  }

  private async check(): Promise<void> {
    const head = Buffer.concat(this.head);
    const sniffed = await this.sniff(head.subarray(0, SNIFF_BYTES));
    if (!contentMatches(this.declared(), sniffed)) {
      throw new MediaRefused(131053, `the content is ${sniffed ?? 'of no known type'}, not the ${this.declared()} declared; upload it with its own type`);
    }
    this.checked = true;
    this.head = [];
    this.push(head);
  }
}
