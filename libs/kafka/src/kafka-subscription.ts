import type { KafkaMessage } from 'kafkajs';
import type { TopicName } from '@sealpost/contracts';
import type { PoisonRecordError } from './poison-record.error';

export interface IncomingRecord {
  topic: TopicName;
  partition: number;
  message: KafkaMessage;
}

/** A record a batch handler cannot take, ever: the runtime hands it to `deadLetter` and moves on. */
export interface RecordRejection {
  record: IncomingRecord;
  error: PoisonRecordError;
}

/**
 * A consumer a feature registers; the runtime starts it once Kafka is reachable. The unit of work
 * is a Kafka batch: records of one partition, in offset order.
 */
export interface KafkaSubscription {
  /** consumer group suffix: the group is `sealpost-<service>.<name>` */
  name: string;
  topics: TopicName[];
  fromBeginning?: boolean;
  /**
   * Takes a batch (at most MAX_BATCH_RECORDS); resolve only when its effects are durable, since the
   * offsets are committed after. Returns the records set aside as poison. Anything thrown is
   * transient: the same batch is retried, so the handler must be idempotent.
   */
  handleBatch(records: readonly IncomingRecord[]): Promise<readonly RecordRejection[]>;
  partitionsConsumedConcurrently?: number;
  /** where a PoisonRecordError goes (e.g. a dead-letter topic); logged and skipped when absent */
  deadLetter?(record: IncomingRecord, error: PoisonRecordError): Promise<void>;
  /** told where this member stands in its consumer group, to fence work keyed to partitions */
  membership?: GroupMembershipListener;
}

/**
 * A consumer group member's standing. Between `left` and the next `joined` it owns no
 * partition; `confirmed` says the coordinator answered a heartbeat, i.e. it is still a member.
 */
export interface GroupMembershipListener {
  /** partitions assigned to this member, by topic, at the end of a rebalance */
  joined(assignment: Readonly<Record<string, readonly number[]>>): void;
  confirmed(): void;
  /** rebalancing, crashed, stopped or disconnected */
  left(): void;
}
