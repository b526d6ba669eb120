import { Injectable } from '@nestjs/common';
import type { IHeaders, Producer } from 'kafkajs';
import type { TopicName } from '@sealpost/contracts';

export interface OutgoingRecord {
  key: string;
  value: Buffer | string | object;
  headers?: IHeaders;
}

/** Publishes records once the service's Kafka connection is up; acks from all in-sync replicas. */
@Injectable()
export class KafkaPublisher {
  private producer?: Producer;
  private readonly waiting: (() => void)[] = [];

  attach(producer: Producer): void {
    this.producer = producer;
    this.waiting.splice(0).forEach((wake) => wake());
  }

  async publish(topic: TopicName, records: OutgoingRecord[]): Promise<void> {
    if (records.length === 0) return;
    const producer = this.producer ?? (await new Promise<Producer>((resolve) => this.waiting.push(() => resolve(this.producer!))));
    await producer.send({
      topic,
      acks: -1,
      messages: records.map((r) => ({
        key: r.key,
        value: Buffer.isBuffer(r.value) || typeof r.value === 'string' ? r.value : JSON.stringify(r.value),
        headers: r.headers,
      })),
    });
  }
}
