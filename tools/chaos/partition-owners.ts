import { AssignerProtocol } from 'kafkajs';
import { consumerGroupPrefix, ServiceName, TopicName } from '@sealpost/contracts';
import { KafkaEndpoint, kafkaClient } from '@sealpost/testing';

/**
 * How the service's consumer group for `topic` splits the partitions right now: one entry per
 * live member (instance), with the partitions it owns. Empty while the group rebalances.
 */
export async function partitionOwners(kafka: KafkaEndpoint, service: ServiceName, topic: TopicName): Promise<number[][]> {
  const admin = kafkaClient(kafka, 'sealpost-chaos').admin();
  await admin.connect();
  try {
    const ids = (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith(consumerGroupPrefix(service)));
    const { groups } = await admin.describeGroups(ids);
    for (const group of groups.filter((g) => g.state === 'Stable')) {
      const owned = group.members.map((m) => AssignerProtocol.MemberAssignment.decode(m.memberAssignment)?.assignment[topic] ?? []);
      if (owned.some((partitions) => partitions.length > 0)) return owned.map((p) => [...p].sort((a, b) => a - b));
    }
    return [];
  } finally {
    await admin.disconnect();
  }
}
