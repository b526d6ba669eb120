import { Agent, request } from 'node:http';
import { OpenLoopSchedule } from './open-loop-schedule';
import { sleep, Submitter } from './submitter';

/** Where and as whom to send: POST {origin}/v1/{phoneNumberId}/messages with the business's token. */
export interface HttpSendTarget {
  origin: string;
  phoneNumberId: string;
  accessToken: string;
}

/** A send the API will never take (4xx other than 429): the bench itself is wrong, so it stops. */
export class RefusedSend extends Error {}

/**
 * `clients` concurrent senders over keep-alive connections, as a business's worker pool would
 * be. A 429, 5xx or dropped connection is retried with the same Idempotency-Key (it counts as a
 * retry, and only the accepted attempt's time counts as response time).
 */
export class HttpSubmitter implements Submitter {
  readonly submittedAt: number[];
  readonly responseMs: number[] = [];
  /** retried attempts by status ("network" for no answer) */
  readonly retries: Record<string, number> = {};
  submitted = 0;
  lastAcceptedAt = NaN;
  maxLagMs = 0;
  private next = 0;
  private stopped = false;

  constructor(
    private readonly target: HttpSendTarget,
    private readonly total: number,
    /** the JSON body of send i and its Idempotency-Key */
    private readonly send: (index: number) => { body: string; idempotencyKey: string },
    private readonly clients: number,
    private readonly rate?: number,
  ) {
    this.submittedAt = new Array<number>(total).fill(NaN);
  }

  async run(): Promise<void> {
    const schedule = this.rate === undefined ? undefined : new OpenLoopSchedule(Date.now(), this.rate, this.total);
    await runWorkers(this.clients, (agent) => Array.from({ length: this.clients }, () => this.worker(agent, schedule)), () => this.stop());
  }

  stop(): void {
    this.stopped = true;
  }

  private async worker(agent: Agent, schedule: OpenLoopSchedule | undefined): Promise<void> {
    for (let i = this.next++; i < this.total && !this.stopped; i = this.next++) {
      if (schedule) {
        const wait = schedule.dueAt(i) - Date.now();
        if (wait > 0) await sleep(wait);
        this.maxLagMs = Math.max(this.maxLagMs, Date.now() - schedule.dueAt(i));
      }
      this.submittedAt[i] = schedule ? schedule.dueAt(i) : Date.now();
      await this.sendUntilAccepted(agent, i);
    }
  }

  private async sendUntilAccepted(agent: Agent, index: number): Promise<void> {
    const { body, idempotencyKey } = this.send(index);
    const url = new URL(`/v1/${encodeURIComponent(this.target.phoneNumberId)}/messages`, this.target.origin);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${this.target.accessToken}`, 'idempotency-key': idempotencyKey };
    const tookMs = await postUntilAccepted({ agent, url, headers, body, accepted: 200, what: `send ${idempotencyKey}` }, this.retries, () => this.stopped);
    if (tookMs === undefined) return;
    this.lastAcceptedAt = Date.now();
    this.responseMs.push(tookMs);
    this.submitted++;
  }
}

/**
 * Runs a submitter's workers over one keep-alive agent of `sockets` connections. One refused send
 * ends the run: `stop` tells the other workers, which end after their current request, and the
 * refusal is thrown once they have.
 */
export async function runWorkers(sockets: number, start: (agent: Agent) => Promise<void>[], stop: () => void): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const workers = start(agent);
  try {
    await Promise.all(workers);
  } catch (err) {
    stop();
    await Promise.allSettled(workers);
    throw err;
  } finally {
    agent.destroy();
  }
}

/** One POST a submitter makes until the API takes it. */
export interface Post {
  agent: Agent;
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** the status that means taken */
  accepted: number;
  /** names the send in a RefusedSend */
  what: string;
}

/**
 * POSTs until answered `accepted` and returns that attempt's response time (undefined once
 * stopped). A 429, 5xx or no answer is retried with the same body after 100 ms and counted in
 * `retries` by status ("network" for no answer); any other answer is a RefusedSend.
 */
export async function postUntilAccepted(post: Post, retries: Record<string, number>, stopped: () => boolean): Promise<number | undefined> {
  while (!stopped()) {
    const started = Date.now();
    const answer = await postJson(post.agent, post.url, post.headers, post.body).catch(() => undefined);
    if (answer?.status === post.accepted) return Date.now() - started;
    if (answer && answer.status !== 429 && answer.status < 500) throw new RefusedSend(`${post.what} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
    const reason = answer ? String(answer.status) : 'network';
    retries[reason] = (retries[reason] ?? 0) + 1;
    await sleep(100);
  }
  return undefined;
}

function postJson(agent: Agent, url: URL, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', reject);
    req.end(body);
  });
}
