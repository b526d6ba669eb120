import type { ChainedRecord, SignedCheckpoint } from '@sealpost/audit-chain';

export type PublishedCheckpoint = SignedCheckpoint;

const PAGE = 1000;

/** Downloads the log and its latest checkpoint from the audit service's admin API. */
export class AuditLogReader {
  constructor(
    private readonly url: string,
    private readonly adminToken: string,
  ) {}

  async *records(): AsyncGenerator<ChainedRecord> {
    for (let after = 0; ; ) {
      const page = (await this.get(`/admin/audit/events?after_seq=${after}&limit=${PAGE}`)) as Array<Record<string, unknown>>;
      for (const view of page) {
        const { seq, prev_hash, hash, content_hash, recorded_at, expired, ...event } = view;
        void recorded_at; // the server's receipt time is not part of the chained event
        yield { seq: seq as number, prev_hash: prev_hash as string, hash: hash as string, content_hash: content_hash as string | undefined, event: expired === true ? undefined : event, expired: expired === true };
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1].seq as number;
    }
  }

  async latestCheckpoint(): Promise<PublishedCheckpoint | undefined> {
    const res = await fetch(`${this.url}/admin/audit/checkpoints/latest`, { headers: this.headers() });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`GET checkpoints/latest answered ${res.status}`);
    return (await res.json()) as PublishedCheckpoint;
  }

  /** The server's RFC 9162 proof that the log at `second` events extends the log at `first`. */
  async consistencyProof(first: number, second: number): Promise<Buffer[]> {
    const { proof } = (await this.get(`/admin/audit/consistency?first=${first}&second=${second}`)) as { proof: string[] };
    return proof.map((h) => Buffer.from(h, 'hex'));
  }

  private async get(path: string): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, { headers: this.headers() });
    if (!res.ok) throw new Error(`GET ${path} answered ${res.status}${res.status === 401 ? ': pass --admin-token or set SEALPOST_ADMIN_TOKEN' : ''}`);
    return res.json();
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.adminToken}` };
  }
}
