import { Kafka, logLevel } from 'kafkajs';
import type { KafkaIdentity } from '@sealpost/kafka/kafka-options';
import { saslFor } from '@sealpost/kafka/kafka-sasl';

/** A broker and who to be on it: tests and tools act as a named principal (the admin, a business, a service). */
export interface KafkaEndpoint {
  brokers: string;
  /** absent where the broker does not enforce identities */
  identity?: KafkaIdentity;
}

export function kafkaClient(endpoint: KafkaEndpoint, clientId = 'sealpost-test'): Kafka {
  return new Kafka({ clientId, brokers: endpoint.brokers.split(','), sasl: saslFor(endpoint.identity), logLevel: logLevel.NOTHING });
}
