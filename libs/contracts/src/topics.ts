/** Kafka topics of CONTRACT §10. Names ending in `.v1` change only by adding `.v2`. */
export const TOPICS = {
  messagesSubmit: 'sealpost.messages.submit.v1',
  messagesSubmitDlq: 'sealpost.messages.submit.dlq.v1',
  messagesAccepted: 'sealpost.messages.accepted.v1',
  messagesStatus: 'sealpost.messages.status.v1',
  keysEvents: 'sealpost.keys.events.v1',
  retentionCommands: 'sealpost.retention.commands.v1',
  retentionReports: 'sealpost.retention.reports.v1',
  auditEvents: 'sealpost.audit.events.v1',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const SERVICE_NAMES = ['ingestion', 'keys', 'delivery', 'retention', 'audit'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** The longest any record may stay in a topic: the product's 30-day promise. */
export const MAX_TOPIC_RETENTION_MS = 30 * DAY_MS;
/**
 * Kafka deletes whole segments only, so a record can outlive retention.ms by up to one
 * segment.ms. One day keeps the worst case at 31 days.
 */
export const TOPIC_SEGMENT_MS = DAY_MS;

export interface TopicSpec {
  name: TopicName;
  partitions: number;
  retentionMs: number;
  /** who produces it; services create the topics they produce at start-up */
  producers: readonly (ServiceName | 'business')[];
  consumers: readonly ServiceName[];
}

export const TOPIC_SPECS: readonly TopicSpec[] = [
  // business systems write plaintext here (CONTRACT §4); a short retention bounds how long Kafka holds it
  { name: TOPICS.messagesSubmit, partitions: 6, retentionMs: DAY_MS, producers: ['business'], consumers: ['ingestion'] },
  { name: TOPICS.messagesSubmitDlq, partitions: 1, retentionMs: 7 * DAY_MS, producers: ['ingestion'], consumers: [] },
  { name: TOPICS.messagesAccepted, partitions: 6, retentionMs: MAX_TOPIC_RETENTION_MS, producers: ['ingestion'], consumers: ['delivery'] },
  { name: TOPICS.messagesStatus, partitions: 6, retentionMs: 7 * DAY_MS, producers: ['delivery'], consumers: ['ingestion', 'audit'] },
  { name: TOPICS.keysEvents, partitions: 1, retentionMs: MAX_TOPIC_RETENTION_MS, producers: ['keys'], consumers: ['ingestion', 'delivery', 'retention'] },
  { name: TOPICS.retentionCommands, partitions: 1, retentionMs: 7 * DAY_MS, producers: ['retention'], consumers: ['ingestion', 'keys', 'delivery', 'audit'] },
  { name: TOPICS.retentionReports, partitions: 1, retentionMs: 7 * DAY_MS, producers: ['ingestion', 'keys', 'delivery', 'audit'], consumers: ['retention'] },
  { name: TOPICS.auditEvents, partitions: 1, retentionMs: 7 * DAY_MS, producers: ['ingestion', 'keys', 'delivery', 'retention', 'audit'], consumers: ['audit'] },
];

/** The topics a service must find at start: the ones it produces and the ones it consumes. */
export function topicsTouchedBy(service: ServiceName): TopicSpec[] {
  return TOPIC_SPECS.filter((t) => t.producers.includes(service) || t.consumers.includes(service));
}
