import type { Agent } from 'node:http';
import { sealInbound } from '@sealpost/crypto';
import type { BusinessKey } from '@sealpost/testing';
import { postUntilAccepted, runWorkers } from './http-submitter';
import { Submitter } from './submitter';

/** A customer's device as the inbound mode drives it: its token, and the business key it fetched. */
export interface WritingDevice {
  deviceToken: string;
  /** the business key it seals to (GET /v1/businesses/{phone_number_id}/key) */
  key: Pick<BusinessKey, 'key_id' | 'public_key'>;
}

/** Where the devices write: POST {deliveryOrigin}/v1/messages, naming the business's number. */
export interface InboundTarget {
  deliveryOrigin: string;
  phoneNumberId: string;
}

/**
 * Customers writing back (CONTRACT §11): message i is written by device i % devices.length, each
 * device one message at a time, as a customer's app would, all devices at once over keep-alive
 * connections. Each message is sealed with HPKE to the business's key (inside the timed span: the
 * device's own work is part of device→webhook) under the client_message_id `tag(i)`; a 429, 5xx or
 * dropped connection is retried with the same body, which delivery answers with the first id.
 */
export class InboundSubmitter implements Submitter {
  readonly submittedAt: number[];
  readonly responseMs: number[] = [];
  /** retried attempts by status ("network" for no answer) */
  readonly retries: Record<string, number> = {};
  submitted = 0;
  lastAcceptedAt = NaN;
  readonly maxLagMs = 0;
  private stopped = false;

  constructor(
    private readonly target: InboundTarget,
    private readonly devices: readonly WritingDevice[],
    private readonly total: number,
    /** message i's client_message_id and the Cloud API inbound object it seals */
    private readonly message: (index: number) => { clientMessageId: string; content: object },
  ) {
    this.submittedAt = new Array<number>(total).fill(NaN);
  }

  run(): Promise<void> {
    return runWorkers(this.devices.length, (agent) => this.devices.map((device, d) => this.writer(agent, device, d)), () => this.stop());
  }

  stop(): void {
    this.stopped = true;
  }

  private async writer(agent: Agent, device: WritingDevice, first: number): Promise<void> {
    for (let i = first; i < this.total && !this.stopped; i += this.devices.length) {
      this.submittedAt[i] = Date.now();
      const { clientMessageId, content } = this.message(i);
      const sealed = await sealInbound(device.key.public_key, clientMessageId, Buffer.from(JSON.stringify(content), 'utf8'));
      const body = JSON.stringify({ phone_number_id: this.target.phoneNumberId, client_message_id: clientMessageId, key_id: device.key.key_id, sealed });
      await this.sendUntilAccepted(agent, device, clientMessageId, body);
    }
  }

  private async sendUntilAccepted(agent: Agent, device: WritingDevice, clientMessageId: string, body: string): Promise<void> {
    const url = new URL('/v1/messages', this.target.deliveryOrigin);
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${device.deviceToken}` };
    const tookMs = await postUntilAccepted({ agent, url, headers, body, accepted: 202, what: `inbound ${clientMessageId}` }, this.retries, () => this.stopped);
    if (tookMs === undefined) return;
    this.lastAcceptedAt = Date.now();
    this.responseMs.push(tookMs);
    this.submitted++;
  }
}
