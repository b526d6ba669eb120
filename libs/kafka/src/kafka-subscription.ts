import type { KafkaMessage } from 'kafkajs';
import type { TopicName } from '@sealpost/contracts';
import type { PoisonRecordError } from './poison-record.error';

export interface IncomingRecord {
  topic: TopicName;
  partition: number;
  message: KafkaMessage;
}

/** A consumer a feature registers; the runtime starts it once Kafka is reachable. */
export interface KafkaSubscription {
  /** consumer group suffix: the group is `sealpost-<service>.<name>` */
  name: string;
  topics: TopicName[];
  fromBeginning?: boolean;
  /** runs per record; resolve only when the effect is durable (the offset is committed after) */
  handle(record: IncomingRecord): Promise<void>;
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
