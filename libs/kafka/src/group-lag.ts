import type { Admin } from 'kafkajs';

/** Records on `topics` a consumer group has not committed yet (0 when it is caught up). */
export async function groupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<number> {
  let lag = 0;
  for (const topic of topics) {
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const done = new Map((committed?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]));
    for (const end of ends) {
      // -1: nothing committed yet; the group starts from the earliest record still kept
      const from = Math.max(done.get(end.partition) ?? -1, Number(end.low));
      lag += Math.max(0, Number(end.high) - from);
    }
  }
  return lag;
}
