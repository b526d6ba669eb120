import { IncomingMessage, ServerResponse } from 'node:http';
import { GraphApiError, UnifiedMessage, WhatsAppClient } from '@kapso/whatsapp-cloud-api';
import { normalizeWebhook, verifySignature } from '@kapso/whatsapp-cloud-api/server';
import { LocalHttpServer, OnboardedBusiness, sendJson } from '@sealpost/testing';

export type BotStatus = ReturnType<typeof normalizeWebhook>['statuses'][number];

/** What the bot's webhook took in, as the library normalized it, in arrival order. */
export type BotEvent = { kind: 'message'; message: UnifiedMessage } | { kind: 'status'; status: BotStatus };

const WEBHOOK_PATH = '/webhook';

/**
 * A small bot as a business would build it on a published Cloud API client library
 * (@kapso/whatsapp-cloud-api): its webhook's signature check and parsing are the library's, and
 * so are its calls, pointed at Sealpost by nothing but the base URL. To a customer's text it
 * acknowledges the POST, then marks the text read (showing typing) and answers with reply
 * buttons quoting it; everything else (a button choice, a status) it only records.
 */
export class CloudApiBot {
  /** every message and status of every POST whose signature checked, in arrival order */
  readonly events: BotEvent[] = [];
  /** the reply the bot sent to each text, by the text's id */
  readonly replies = new Map<string, string>();
  /** POSTs the library's signature check refused */
  refused = 0;
  /** library calls that threw: Sealpost refused or the library choked on an answer */
  readonly failures: string[] = [];
  private readonly work = new Set<Promise<void>>();
  private business?: Pick<OnboardedBusiness, 'phone_number_id' | 'app_secret'>;
  private client?: WhatsAppClient;

  private constructor(private server?: LocalHttpServer) {}

  static async start(): Promise<CloudApiBot> {
    const bot = new CloudApiBot();
    bot.server = await LocalHttpServer.start((req, body, res) => bot.handle(req, body, res));
    return bot;
  }

  /** The webhook_url to onboard the business with. */
  get url(): string {
    if (!this.server) throw new Error('CloudApiBot is not started: use CloudApiBot.start()');
    return `${this.server.origin}${WEBHOOK_PATH}`;
  }

  /** Onboarding shows the token and the app secret only after it was given the webhook URL. */
  connect(ingestionUrl: string, business: Pick<OnboardedBusiness, 'phone_number_id' | 'access_token' | 'app_secret'>): void {
    this.business = business;
    this.client = new WhatsAppClient({ baseUrl: ingestionUrl, accessToken: business.access_token });
  }

  messages(): UnifiedMessage[] {
    return this.events.flatMap((e) => (e.kind === 'message' ? [e.message] : []));
  }

  statusesOf(messageId: string): BotStatus[] {
    return this.events.flatMap((e) => (e.kind === 'status' && e.status.id === messageId ? [e.status] : []));
  }

  /** Uploads a photo and sends it by id, as the library does (CONTRACT §12); the media and message ids. */
  async sendPhoto(to: string, photo: Buffer, caption: string): Promise<{ mediaId: string; messageId: string }> {
    const phoneNumberId = this.business!.phone_number_id;
    const { id } = await this.client!.media.upload({ phoneNumberId, type: 'image/png', file: photo, fileName: 'parcel.png' });
    const sent = await this.client!.messages.sendImage({ phoneNumberId, to, image: { id, caption } });
    return { mediaId: id, messageId: sent.messages[0]!.id };
  }

  /** The media's metadata and its bytes through the URL it names (the library adds the token when told `always`). */
  async fetchMedia(mediaId: string): Promise<{ metadata: unknown; bytes: Buffer }> {
    const metadata = await this.client!.media.get({ mediaId });
    const bytes = Buffer.from((await this.client!.media.download({ mediaId, auth: 'always' })) as ArrayBuffer);
    return { metadata, bytes };
  }

  deleteMedia(mediaId: string): Promise<unknown> {
    return this.client!.media.delete({ mediaId });
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.work]);
    await this.server?.stop();
  }

  private handle(req: IncomingMessage, rawBody: Buffer, res: ServerResponse): void {
    if (req.method !== 'POST' || req.url !== WEBHOOK_PATH) return sendJson(res, 404, { error: 'not found' });
    const signatureHeader = req.headers['x-hub-signature-256'] as string | undefined;
    if (!this.business || !verifySignature({ appSecret: this.business.app_secret, rawBody, signatureHeader })) {
      this.refused++;
      return sendJson(res, 401, { error: 'bad signature' });
    }
    const { messages, statuses } = normalizeWebhook(JSON.parse(rawBody.toString('utf8')));
    this.events.push(...messages.map((message) => ({ kind: 'message' as const, message })), ...statuses.map((status) => ({ kind: 'status' as const, status })));
    sendJson(res, 200, { ok: true });
    for (const { type, id, from } of messages) if (type === 'text' && from) this.track(this.answer({ id, from }));
  }

  private async answer(text: { id: string; from: string }): Promise<void> {
    const phoneNumberId = this.business!.phone_number_id;
    await this.client!.messages.markRead({ phoneNumberId, messageId: text.id, typingIndicator: { type: 'text' } });
    const sent = await this.client!.messages.sendInteractiveButtons({
      phoneNumberId,
      to: text.from,
      contextMessageId: text.id,
      bodyText: 'Deliver tomorrow?',
      buttons: [
        { id: 'yes', title: 'Yes' },
        { id: 'no', title: 'No' },
      ],
    });
    this.replies.set(text.id, sent.messages[0]!.id);
  }

  private track(call: Promise<void>): void {
    const tracked = call.catch((err: unknown) => void this.failures.push(failureOf(err))).finally(() => this.work.delete(tracked));
    this.work.add(tracked);
  }
}

/** The library parses Sealpost's Cloud API error envelope: say what it read. */
function failureOf(err: unknown): string {
  return err instanceof GraphApiError ? `${err.httpStatus} code ${err.code}: ${err.details ?? err.message}` : String(err);
}
