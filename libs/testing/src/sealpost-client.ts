import { Producer } from 'kafkajs';
import { TOPICS } from '@sealpost/contracts';
import { signSha256 } from '@sealpost/crypto';
import { FakeDevice } from './fake-device';
import { Suite } from './suite-launcher';
import { testPhone } from './test-phone';
import { KafkaEndpoint, kafkaClient } from './kafka-endpoint';

/** What onboarding returns (CONTRACT §3), shown once. */
export interface OnboardedBusiness {
  business_id: string;
  phone_number_id: string;
  access_token: string;
  app_secret: string;
}

/** Where the services answer and how to call them as the operator: a test Suite, or a running suite a tool was pointed at. */
export type SealpostTarget = Pick<Suite, 'url' | 'admin'>;

/** HTTP and Kafka calls a business system and an operator make, for e2e tests and tools. */
export class SealpostClient {
  constructor(private readonly suite: SealpostTarget) {}

  async onboard(webhookUrl: string, throughputMps = 1000, name = 'Acme'): Promise<OnboardedBusiness> {
    const res = await this.suite.admin('ingestion', '/admin/businesses', { method: 'POST', body: JSON.stringify({ name, webhook_url: webhookUrl, throughput_mps: throughputMps }) });
    if (res.status !== 201) throw new Error(`onboarding answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as OnboardedBusiness;
  }

  async registerDevice(phone: string, endpointUrl: string, publicKey: string): Promise<{ device_id: string; device_token: string }> {
    const res = await this.suite.admin('delivery', '/admin/devices', { method: 'POST', body: JSON.stringify({ phone, endpoint_url: endpointUrl, public_key: publicKey }) });
    if (res.status !== 201) throw new Error(`device registration answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { device_id: string; device_token: string };
  }

  /** A fresh valid number with one registered real device, added to `devices` (for the caller to stop). */
  async newRecipient(devices: FakeDevice[]): Promise<{ phone: string; device: FakeDevice; token: string }> {
    const phone = testPhone();
    const device = await FakeDevice.start();
    devices.push(device);
    const { device_token } = await this.registerDevice(phone, device.url, device.publicKey);
    return { phone, device, token: device_token };
  }

  /** POST /{version}/{phone_number_id}/messages with a raw body (so tests can send malformed ones). */
  sendRaw(business: Pick<OnboardedBusiness, 'phone_number_id' | 'access_token'>, body: string, headers: Record<string, string> = {}, version = 'v23.0'): Promise<Response> {
    return fetch(`${this.suite.url('ingestion')}/${version}/${business.phone_number_id}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${business.access_token}`, ...headers },
      body,
    });
  }

  async sendText(business: OnboardedBusiness, to: string, text: string, headers: Record<string, string> = {}): Promise<string> {
    const res = await this.sendRaw(business, JSON.stringify(textMessage(to, text)), headers);
    if (res.status !== 200) throw new Error(`send answered ${res.status}: ${await res.text()}`);
    return ((await res.json()) as { messages: { id: string }[] }).messages[0].id;
  }

  /** The Cloud API's mark-as-read on the send endpoint (CONTRACT §11), optionally showing typing. */
  markRead(business: Pick<OnboardedBusiness, 'phone_number_id' | 'access_token'>, messageId: string, typing = false): Promise<Response> {
    return this.sendRaw(business, JSON.stringify({ messaging_product: 'whatsapp', status: 'read', message_id: messageId, ...(typing && { typing_indicator: { type: 'text' } }) }));
  }

  async status(business: OnboardedBusiness, messageId: string): Promise<Response> {
    return fetch(`${this.suite.url('ingestion')}/v1/messages/${encodeURIComponent(messageId)}`, { headers: { authorization: `Bearer ${business.access_token}` } });
  }

  receipt(deviceToken: string, messageId: string): Promise<Response> {
    return fetch(`${this.suite.url('delivery')}/v1/receipts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${deviceToken}` },
      body: JSON.stringify({ message_id: messageId, status: 'read' }),
    });
  }
}

export function textMessage(to: string, body: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { messaging_product: 'whatsapp', recipient_type: 'individual', to, type: 'text', text: { body }, ...extra };
}

/** A business system producing to sealpost.messages.submit.v1 (CONTRACT §4). */
export class SubmitProducer {
  private constructor(private readonly producer: Producer) {}

  /** as the business principal, where the broker enforces identities */
  static async connect(endpoint: KafkaEndpoint): Promise<SubmitProducer> {
    const producer = kafkaClient(endpoint, 'business-system').producer();
    await producer.connect();
    return new SubmitProducer(producer);
  }

  /** signature: the app secret to sign with, a literal header value, or null for none */
  async submit(record: Record<string, unknown>, signature: { appSecret: string } | { header: string } | null): Promise<void> {
    const value = Buffer.from(JSON.stringify(record));
    const headers: Record<string, string> = {};
    if (signature && 'appSecret' in signature) headers['x-sealpost-signature'] = signSha256(signature.appSecret, value);
    if (signature && 'header' in signature) headers['x-sealpost-signature'] = signature.header;
    await this.producer.send({ topic: TOPICS.messagesSubmit, messages: [{ key: String(record.to ?? ''), value, headers }] });
  }

  async submitRaw(value: Buffer, headers: Record<string, string>): Promise<void> {
    await this.producer.send({ topic: TOPICS.messagesSubmit, messages: [{ key: 'raw', value, headers }] });
  }

  disconnect(): Promise<void> {
    return this.producer.disconnect();
  }
}
