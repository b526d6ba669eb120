import { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { verifySha256 } from '@sealpost/crypto';
import { LocalHttpServer, sendJson } from './local-http-server';
import { flattenInbound, flattenStatuses, WebhookInboundRecord, WebhookStatusRecord } from './webhook-body';

export type { WebhookInboundRecord, WebhookStatus, WebhookStatusRecord } from './webhook-body';

const WEBHOOK_PATH = '/webhook';

/** One POST as it arrived, kept byte-exact because the signature covers the raw body. */
export interface ReceivedWebhook {
  receivedAt: number;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
  /** undefined when the body was not JSON */
  body: unknown;
  /** the X-Hub-Signature-256 header */
  signature: string | undefined;
  /** HMAC over the raw bytes with the app secret; false while no secret is set */
  signatureValid: boolean;
  /** every byte < 0x80, as CONTRACT §6 promises so client libraries' signature checks pass */
  ascii: boolean;
  /** what the sender was answered; null while delayed, or when it hung up before the answer */
  answeredStatus: number | null;
  /** when the answer was written (Date.now()); null until then */
  answeredAt: number | null;
  /** the sender closed the connection before the answer was written (e.g. its request timeout) */
  senderHungUp: boolean;
}

/**
 * A business's webhook endpoint (CONTRACT §6). Only POSTs the sender saw answered 2xx count as
 * delivered statuses; everything else is an attempt the sender has to retry.
 */
export class FakeWebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  private appSecret?: string;
  private status = 200;
  private delayMs = 0;
  private readonly pendingAnswers = new Set<NodeJS.Timeout>();

  private constructor(private server?: LocalHttpServer) {}

  static async start(): Promise<FakeWebhookReceiver> {
    const receiver = new FakeWebhookReceiver();
    receiver.server = await LocalHttpServer.start((req, body, res) => receiver.handle(req, body, res));
    return receiver;
  }

  /** The webhook_url to onboard the business with. */
  get url(): string {
    if (!this.server) throw new Error('FakeWebhookReceiver is not started: use FakeWebhookReceiver.start()');
    return `${this.server.origin}${WEBHOOK_PATH}`;
  }

  get attempts(): number {
    return this.requests.length;
  }

  /** Onboarding returns the secret only after it was given the URL; earlier requests are re-checked. */
  setAppSecret(secret: string): void {
    this.appSecret = secret;
    for (const request of this.requests) request.signatureValid = this.verify(request.rawBody, request.signature);
  }

  respondWith(status: number): void {
    this.status = status;
  }

  /** Answer only after this long, to drive the sender's request timeout. */
  delayResponses(ms: number): void {
    this.delayMs = ms;
  }

  /** Every status of every request answered 2xx, in arrival order. */
  statuses(): WebhookStatusRecord[] {
    return this.acknowledged().flatMap((r) => flattenStatuses(r.body, r.signatureValid));
  }

  /** Every inbound message (a customer writing back) of every request answered 2xx, in arrival order, repeats included. */
  inbound(): WebhookInboundRecord[] {
    return this.acknowledged().flatMap((r) => flattenInbound(r.body, r.signatureValid));
  }

  private acknowledged(): ReceivedWebhook[] {
    return this.requests.filter((r) => r.answeredStatus !== null && r.answeredStatus >= 200 && r.answeredStatus < 300);
  }

  statusesFor(messageId: string): WebhookStatusRecord[] {
    return this.statuses().filter((s) => s.id === messageId);
  }

  async stop(): Promise<void> {
    for (const timer of this.pendingAnswers) clearTimeout(timer);
    this.pendingAnswers.clear();
    await this.server?.stop();
  }

  private handle(req: IncomingMessage, rawBody: Buffer, res: ServerResponse): void {
    if (req.method !== 'POST' || req.url !== WEBHOOK_PATH) return sendJson(res, 404, { error: 'not found' });
    const signature = typeof req.headers['x-hub-signature-256'] === 'string' ? req.headers['x-hub-signature-256'] : undefined;
    const request: ReceivedWebhook = {
      receivedAt: Date.now(),
      headers: req.headers,
      rawBody,
      body: parseJson(rawBody),
      signature,
      signatureValid: this.verify(rawBody, signature),
      ascii: rawBody.every((byte) => byte < 0x80),
      answeredStatus: null,
      answeredAt: null,
      senderHungUp: false,
    };
    this.requests.push(request);
    res.on('close', () => (request.senderHungUp = !res.writableFinished));
    const status = this.status;
    const answer = (): void => {
      // a sender that timed out already counts this attempt as failed, so it must not count as delivered
      if (res.destroyed) return;
      request.answeredStatus = status;
      request.answeredAt = Date.now();
      sendJson(res, status, status < 300 ? { ok: true } : { error: `fake receiver answers ${status}` });
    };
    if (this.delayMs <= 0) return answer();
    const timer = setTimeout(() => {
      this.pendingAnswers.delete(timer);
      answer();
    }, this.delayMs);
    this.pendingAnswers.add(timer);
  }

  private verify(rawBody: Buffer, signature: string | undefined): boolean {
    return this.appSecret ? verifySha256(this.appSecret, rawBody, signature) : false;
  }
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
