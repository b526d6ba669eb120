import { Provider } from '@nestjs/common';
import { createKafkaClient } from './kafka-client';
import { KAFKA_OPTIONS, KafkaOptions } from './kafka-options';

export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');

export const kafkaClientProvider: Provider = {
  provide: KAFKA_CLIENT,
  inject: [KAFKA_OPTIONS],
  useFactory: (options: KafkaOptions) => createKafkaClient(options),
};
