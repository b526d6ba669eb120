import type { KafkaMessage } from 'kafkajs';
import { PoisonRecordError } from './poison-record.error';

/** A record's JSON value, or a PoisonRecordError that never echoes the bytes. */
export function parseJsonRecord<T>(message: KafkaMessage): T {
  try {
    const value: unknown = JSON.parse(message.value?.toString('utf8') ?? '');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as T;
  } catch {
    throw new PoisonRecordError('record value is not a JSON object');
  }
}
