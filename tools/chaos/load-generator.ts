import { FakeDevice, OnboardedBusiness, SealpostClient, SubmitProducer, textMessage } from '@sealpost/testing';

export interface Recipient {
  phone: string;
  devices: FakeDevice[];
}

/** One submission: `tag` is in its text, its idempotency key and its biz_opaque_callback_data. */
export interface Submission {
  tag: string;
  channel: 'http' | 'kafka';
  recipient: Recipient;
  /** the business was told it is accepted (HTTP 200, or the broker acknowledged the record) */
  accepted: boolean;
  attempts: number;
  /** the suite refused it for good (a 4xx it should never give a valid send): a finding */
  refused?: string;
}

/**
 * A steady stream of sends, alternating the HTTP API and the Kafka submit topic, round-robin
 * over the recipients. A send that meets a fault (refused connection, 5xx, 429, broker down) is
 * retried with the same idempotency key, as a careful business system would: the suite must
 * turn that into exactly one message.
 */
export class LoadGenerator {
  readonly submissions: Submission[] = [];
  private timer?: NodeJS.Timeout;
  private inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly client: SealpostClient,
    private readonly producer: SubmitProducer,
    private readonly business: OnboardedBusiness,
    private readonly recipients: Recipient[],
    private readonly ratePerSecond: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.next(), 1000 / this.ratePerSecond);
  }

  /** Stops new sends, then waits (up to the deadline) until every started one was accepted. */
  async stop(deadlineMs: number): Promise<void> {
    clearInterval(this.timer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(this.inFlight), new Promise((resolve) => (timer = setTimeout(resolve, deadlineMs)))]);
    clearTimeout(timer);
    this.stopped = true;
    await Promise.all(this.inFlight);
  }

  get accepted(): Submission[] {
    return this.submissions.filter((s) => s.accepted);
  }

  private next(): void {
    const n = this.submissions.length;
    const submission: Submission = { tag: `chaos-${n}`, channel: n % 2 === 0 ? 'http' : 'kafka', recipient: this.recipients[n % this.recipients.length], accepted: false, attempts: 0 };
    this.submissions.push(submission);
    const work = this.submitUntilAccepted(submission).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async submitUntilAccepted(s: Submission): Promise<void> {
    try {
      while (!s.accepted && !this.stopped) {
        s.attempts++;
        s.accepted = await (s.channel === 'http' ? this.sendHttp(s) : this.sendKafka(s));
        if (!s.accepted) await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 250 * s.attempts)));
      }
    } catch (err) {
      s.refused = (err as Error).message;
    }
  }

  private async sendHttp(s: Submission): Promise<boolean> {
    try {
      const res = await this.client.sendRaw(this.business, JSON.stringify(textMessage(s.recipient.phone, s.tag, { biz_opaque_callback_data: s.tag })), { 'idempotency-key': s.tag });
      if (res.status === 200) return true;
      if (res.status >= 500 || res.status === 429 || res.status === 408) return false;
      throw new RefusedSend(`HTTP send of ${s.tag} answered ${res.status}: ${await res.text()}`);
    } catch (err) {
      if (err instanceof RefusedSend) throw err;
      return false; // refused or reset: the service is down, retry
    }
  }

  private async sendKafka(s: Submission): Promise<boolean> {
    try {
      await this.producer.submit(
        { ...textMessage(s.recipient.phone, s.tag, { biz_opaque_callback_data: s.tag }), phone_number_id: this.business.phone_number_id, client_message_id: s.tag },
        { appSecret: this.business.app_secret },
      );
      return true;
    } catch {
      return false;
    }
  }
}

class RefusedSend extends Error {}
