import { Admin, ConfigResourceTypes } from 'kafkajs';
import { TOPIC_SEGMENT_MS, TopicSpec } from '@sealpost/contracts';

function configEntries(spec: TopicSpec): { name: string; value: string }[] {
  return [
    { name: 'retention.ms', value: String(spec.retentionMs) },
    { name: 'segment.ms', value: String(TOPIC_SEGMENT_MS) },
    { name: 'cleanup.policy', value: 'delete' },
  ];
}

/**
 * Creates missing topics with explicit partitions and retention, and re-applies the
 * retention bound to topics that already exist (an operator may have raised it).
 */
export async function ensureTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.name));
  if (missing.length > 0) {
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({ topic: s.name, numPartitions: s.partitions, configEntries: configEntries(s) })),
    });
  }
  const present = specs.filter((s) => existing.has(s.name));
  if (present.length > 0) {
    await admin.alterConfigs({
      validateOnly: false,
      resources: present.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.name, configEntries: configEntries(s) })),
    });
  }
}

/**
 * Where the broker enforces identities, topics belong to the admin who provisioned it: a
 * service only checks that the ones it needs exist (READ and WRITE grants imply DESCRIBE).
 */
export async function requireTopics(admin: Admin, specs: readonly TopicSpec[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.name)).map((s) => s.name);
  if (missing.length > 0) {
    throw new Error(`topic(s) ${missing.join(', ')} missing or not visible to this service; the admin creates them (npm run infra -- start, or the compose kafka-setup job)`);
  }
}
