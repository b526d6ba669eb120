import { IncomingMessage, ServerResponse } from 'node:http';
import { randomBytes, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { generateDeviceKeyPair, MEDIA_KEY_BYTES, MediaOpener, MediaSealer, openSealed, SealedForDevice, sealInbound } from '@sealpost/crypto';
import { LocalHttpServer, sendJson } from './local-http-server';

/** One item of delivery's POST body (CONTRACT §5). */
export interface DeviceMessageItem {
  message_id: string;
  phone_number_id: string;
  timestamp: string;
  sealed: SealedForDevice;
}

/** A signal in delivery's POST body, beside or instead of messages (CONTRACT §11). */
export type DeviceSignal = { type: 'read'; message_id: string; timestamp: string } | { type: 'typing'; phone_number_id: string; timestamp: string };

/** Where a device reaches delivery as itself (CONTRACT §11). */
export interface DeviceSession {
  deliveryUrl: string;
  deviceToken: string;
}

/** GET /v1/businesses/{phone_number_id}/key's answer. */
export interface BusinessKey {
  phone_number_id: string;
  key_id: string;
  suite: string;
  public_key: string;
}

export interface InboundOptions {
  clientMessageId?: string;
  /** the id of the message this one replies to */
  replyTo?: string;
  /** seal to this key instead of fetching the business's current one */
  key?: Pick<BusinessKey, 'key_id' | 'public_key'>;
}

const INBOX_PATH = '/inbox';

/**
 * A recipient's device: the endpoint delivery POSTs sealed messages to, holding the private key
 * that opens them. Items are recorded as they arrive, duplicates included, so tests can assert
 * at-least-once delivery and retries without relying on delivery's own bookkeeping.
 */
export class FakeDevice {
  /** items of POSTs answered 2xx, in arrival order */
  readonly received: DeviceMessageItem[] = [];
  /** items of POSTs answered non-2xx: delivery must retry (5xx/408/429) or fail (other 4xx) them */
  readonly rejected: DeviceMessageItem[] = [];
  /** signals of POSTs answered 2xx (a business read or is typing), in arrival order */
  readonly signals: DeviceSignal[] = [];
  private readonly arrivals = new WeakMap<DeviceMessageItem, number>();
  private postCount = 0;
  private status = 200;

  private constructor(
    private readonly privateKey: string,
    readonly publicKey: string,
    private server?: LocalHttpServer,
  ) {}

  static async start(): Promise<FakeDevice> {
    const keys = await generateDeviceKeyPair();
    const device = new FakeDevice(keys.privateKey, keys.publicKey);
    device.server = await LocalHttpServer.start((req, body, res) => device.handle(req, body, res));
    return device;
  }

  /** The endpoint_url to register with POST /admin/devices. */
  get url(): string {
    return `${this.requireServer().origin}${INBOX_PATH}`;
  }

  /** Every POST to the inbox, whatever it was answered. */
  get posts(): number {
    return this.postCount;
  }

  /** Answer every following POST with this status (e.g. 503 to force retries, 200 to recover). */
  respondWith(status: number): void {
    this.status = status;
  }

  /** Opens an item as a real device would: HPKE with this device's key, the message id as AAD. */
  async open(item: DeviceMessageItem): Promise<unknown> {
    const plaintext = await openSealed(this.privateKey, item.sealed, item.message_id);
    return JSON.parse(plaintext.toString('utf8')) as unknown;
  }

  /**
   * Downloads a media object's ciphertext from its capability URL (no token) and opens it with its
   * media key, as a device does (CONTRACT §12); rejects when a chunk fails authentication.
   */
  static async fetchMedia(media: { url: string; media_key: string }): Promise<Buffer> {
    const res = await fetch(media.url);
    if (res.status !== 200 || !res.body) throw new Error(`media URL answered ${res.status}`);
    const opened: Buffer[] = [];
    await pipeline(Readable.fromWeb(res.body as WebReadableStream), new MediaOpener(Buffer.from(media.media_key, 'base64url')), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) opened.push(chunk);
    });
    return Buffer.concat(opened);
  }

  /**
   * As a customer's app uploads media for a business (CONTRACT §12): encrypts `file` under a key
   * of its own in the chunk format and POSTs the ciphertext to /v1/media. Resolves with the
   * answer and the object an inbound message names it by (`{ media_id, media_key, sha256, mime_type }`).
   */
  static async uploadMedia(session: DeviceSession, file: Buffer, mimeType: string, options: { ciphertext?: (sealed: Buffer) => Buffer; contentType?: string } = {}): Promise<{ status: number; body: unknown; media: { media_id: string; media_key: string; sha256: string; mime_type: string } }> {
    const mediaKey = randomBytes(MEDIA_KEY_BYTES);
    const sealer = new MediaSealer(mediaKey);
    const pieces: Buffer[] = [];
    await pipeline(Readable.from([file]), sealer, async (source: AsyncIterable<Buffer>) => {
      for await (const piece of source) pieces.push(piece);
    });
    const sealed = Buffer.concat(pieces);
    const res = await fetch(`${session.deliveryUrl}/v1/media`, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'application/octet-stream', authorization: `Bearer ${session.deviceToken}` },
      body: options.ciphertext ? options.ciphertext(sealed) : sealed,
    });
    const body = (await res.json()) as { media_id?: string };
    return { status: res.status, body, media: { media_id: body.media_id ?? '', media_key: mediaKey.toString('base64url'), sha256: sealer.sha256, mime_type: mimeType } };
  }

  /** GET /v1/businesses/{phone_number_id}/key with the device token. */
  static async businessKey(session: DeviceSession, phoneNumberId: string): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${session.deliveryUrl}/v1/businesses/${encodeURIComponent(phoneNumberId)}/key`, { headers: { authorization: `Bearer ${session.deviceToken}` } });
    return { status: res.status, body: (await res.json()) as unknown };
  }

  /**
   * Writes to a business as a customer's app does: fetches its key, seals `content` with HPKE
   * (info sealpost/v1/inbound, aad = client_message_id) and POSTs /v1/messages.
   */
  static async sendInbound(session: DeviceSession, phoneNumberId: string, content: object, options: InboundOptions = {}): Promise<{ status: number; body: unknown; clientMessageId: string }> {
    const clientMessageId = options.clientMessageId ?? `c-${randomUUID()}`;
    let key = options.key;
    if (!key) {
      const fetched = await FakeDevice.businessKey(session, phoneNumberId);
      if (fetched.status !== 200) throw new Error(`business key answered ${fetched.status}`);
      key = fetched.body as BusinessKey;
    }
    const sealed = await sealInbound(key.public_key, clientMessageId, Buffer.from(JSON.stringify(content), 'utf8'));
    const body = { phone_number_id: phoneNumberId, client_message_id: clientMessageId, key_id: key.key_id, ...(options.replyTo && { context: { message_id: options.replyTo } }), sealed };
    const res = await fetch(`${session.deliveryUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.deviceToken}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as unknown, clientMessageId };
  }

  /** When an item arrived (ms since the epoch), for latency measurements. */
  arrivalOf(item: DeviceMessageItem): number {
    return this.arrivals.get(item) ?? NaN;
  }

  /** Distinct message ids this device acknowledged, in first-arrival order. */
  deliveredIds(): string[] {
    return [...new Set(this.received.map((item) => item.message_id))];
  }

  async stop(): Promise<void> {
    await this.server?.stop();
  }

  private handle(req: IncomingMessage, body: Buffer, res: ServerResponse): void {
    if (req.method !== 'POST' || req.url !== INBOX_PATH) return sendJson(res, 404, { error: 'not found' });
    this.postCount++;
    const parsed = parseBody(body);
    if (!parsed) return sendJson(res, 400, { error: 'body must be JSON { messages?: [...], signals?: [...] } with at least one' });
    const { items, signals } = parsed;
    const now = Date.now();
    for (const item of items) this.arrivals.set(item, now);
    const accepted = this.status >= 200 && this.status < 300;
    (accepted ? this.received : this.rejected).push(...items);
    if (accepted) this.signals.push(...signals);
    sendJson(res, this.status, accepted ? { ok: true } : { error: `fake device answers ${this.status}` });
  }

  private requireServer(): LocalHttpServer {
    if (!this.server) throw new Error('FakeDevice is not started: use FakeDevice.start()');
    return this.server;
  }
}

/** A POST may carry messages, signals or both; neither is a malformed body. */
function parseBody(body: Buffer): { items: DeviceMessageItem[]; signals: DeviceSignal[] } | undefined {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { messages?: unknown; signals?: unknown };
    const { messages, signals } = parsed;
    if ((messages !== undefined && !Array.isArray(messages)) || (signals !== undefined && !Array.isArray(signals)) || (messages ?? signals) === undefined) return undefined;
    return { items: (messages ?? []) as DeviceMessageItem[], signals: (signals ?? []) as DeviceSignal[] };
  } catch {
    return undefined;
  }
}
