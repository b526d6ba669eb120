import type { ServiceName } from '@sealpost/contracts';

/** A Kafka SCRAM identity and where its password came from (named in errors, never the password). */
export interface KafkaIdentity {
  username: string;
  password: string;
  /** the variable or file that holds the password */
  source: string;
}

export interface KafkaOptions {
  service: ServiceName;
  brokers: string[];
  /** absent: the broker does not enforce identities, and the service manages its own topics */
  identity?: KafkaIdentity;
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
