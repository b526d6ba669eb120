import type { ServiceName } from '@sealpost/contracts';

export interface KafkaOptions {
  service: ServiceName;
  brokers: string[];
}

export const KAFKA_OPTIONS = Symbol('KAFKA_OPTIONS');
