import { Injectable } from '@nestjs/common';
import { createEvent, KeyEventPayload, TOPICS } from '@sealpost/contracts';
import { KafkaPublisher } from '@sealpost/kafka';

/** Key lifecycle on sealpost.keys.events.v1, keyed by business: metadata only, never material. */
@Injectable()
export class KeyEventsPublisher {
  constructor(private readonly publisher: KafkaPublisher) {}

  async publish(type: string, payload: KeyEventPayload, businessId?: string): Promise<void> {
    const event = createEvent(type, payload, { businessId });
    await this.publisher.publish(TOPICS.keysEvents, [{ key: businessId ?? 'all', value: event }]);
  }
}
