import type { Consumer } from 'kafkajs';
import type { GroupMembershipListener } from './kafka-subscription';

/** Forwards kafkajs's group events to a listener: joins with their assignment, heartbeats, departures. */
export function reportMembership(consumer: Consumer, listener: GroupMembershipListener): void {
  const { GROUP_JOIN, HEARTBEAT, REBALANCING, CRASH, STOP, DISCONNECT } = consumer.events;
  consumer.on(GROUP_JOIN, (event) => listener.joined(event.payload.memberAssignment));
  consumer.on(HEARTBEAT, () => listener.confirmed());
  for (const departure of [REBALANCING, CRASH, STOP, DISCONNECT] as const) consumer.on(departure, () => listener.left());
}
