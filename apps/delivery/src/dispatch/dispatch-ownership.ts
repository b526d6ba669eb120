import { createHash } from 'node:crypto';
import { TOPIC_SPECS, TOPICS } from '@sealpost/contracts';
import type { GroupMembershipListener } from '@sealpost/kafka';

/** One shard per partition of the accepted topic: the member consuming partition p dispatches shard p. */
export const DISPATCH_SHARDS = TOPIC_SPECS.find((t) => t.name === TOPICS.messagesAccepted)!.partitions;

/**
 * A member not confirmed by its group coordinator for this long may already have been replaced:
 * the coordinator evicts it after the 15 s session timeout and only then gives its partitions away.
 */
const CONFIRMED_WITHIN_MS = 10000;

/** Which shard a dispatch key (device endpoint, business id) belongs to; the same in every instance. */
export function shardOf(key: string): number {
  return createHash('sha256').update(key, 'utf8').digest().readUInt32BE(0) % DISPATCH_SHARDS;
}

/** What an instance may dispatch under one group generation; `holds()` turns false once that changes. */
export interface Tenure {
  shards: readonly number[];
  holds(): boolean;
}

/**
 * Who sends what, when several delivery instances share one store. The embedded store has no
 * atomic conditional update (FerretDB v1 reads, then writes back), so two instances racing
 * for the same due item could both lease it. Instead each instance dispatches only the shards
 * matching the accepted-topic partitions its consumer group gave it — Kafka's group protocol
 * makes those disjoint — and stops the moment it learns of a rebalance or stops hearing from
 * the coordinator. Leases still cover a batch already in flight when ownership moves.
 */
export class DispatchOwnership implements GroupMembershipListener {
  private shards: readonly number[] = [];
  private generation = 0;
  private confirmedAt = 0;

  /** `onJoined` wakes the dispatchers: the new shards may have work waiting */
  constructor(private readonly onJoined: () => void) {}

  joined(assignment: Readonly<Record<string, readonly number[]>>): void {
    this.shards = [...(assignment[TOPICS.messagesAccepted] ?? [])].filter((p) => p < DISPATCH_SHARDS).sort((a, b) => a - b);
    this.generation++;
    this.confirmedAt = Date.now();
    this.onJoined();
  }

  confirmed(): void {
    this.confirmedAt = Date.now();
  }

  left(): void {
    this.shards = [];
    this.generation++;
  }

  /** The shards this instance may dispatch now: none while its membership is unconfirmed. */
  tenure(): Tenure {
    const generation = this.generation;
    const holds = () => generation === this.generation && Date.now() - this.confirmedAt < CONFIRMED_WITHIN_MS;
    return { shards: holds() ? this.shards : [], holds };
  }
}
