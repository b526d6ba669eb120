import { Logger } from '@nestjs/common';
import { Kafka, logLevel, LogEntry } from 'kafkajs';
import { KafkaOptions } from './kafka-options';
import { saslFor } from './kafka-sasl';

const LEVELS: Partial<Record<logLevel, 'error' | 'warn' | 'log' | 'debug'>> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'log',
  [logLevel.DEBUG]: 'debug',
};

/** kafkajs logs go through Nest's logger (structured, redacted) instead of the console. */
function nestLogCreator(): (entry: LogEntry) => void {
  const logger = new Logger('kafkajs');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    logger[LEVELS[level] ?? 'log']({ ...extra, message });
  };
}

export function createKafkaClient(options: KafkaOptions): Kafka {
  return new Kafka({
    clientId: `sealpost-${options.service}`,
    brokers: options.brokers,
    sasl: saslFor(options.identity),
    logLevel: logLevel.WARN,
    logCreator: () => nestLogCreator(),
    retry: { initialRetryTime: 300, retries: 8 },
  });
}
