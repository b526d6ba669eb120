import type { SASLOptions } from 'kafkajs';
import { KAFKA_SASL_MECHANISM } from '@sealpost/contracts';
import type { KafkaIdentity } from './kafka-options';

/** kafkajs SASL settings for an identity; none when the broker does not enforce identities. */
export function saslFor(identity: KafkaIdentity | undefined): SASLOptions | undefined {
  return identity && { mechanism: KAFKA_SASL_MECHANISM, username: identity.username, password: identity.password };
}
