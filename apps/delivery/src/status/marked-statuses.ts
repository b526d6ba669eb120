import type { AnnouncementBatch } from './announcement-batch.schema';
import { statusSteps } from './status-steps';

/**
 * The webhook entries (`<message_id>:<status>`) that markers still announce: every step of
 * their moves. Until a marker is finished, an entry of it is neither sent from the outbox on
 * its own (its lease may have lapsed with its process) nor missing for good (recovery makes it).
 */
export function statusesOfMarkers(markers: readonly Pick<AnnouncementBatch, 'moves'>[]): Set<string> {
  return new Set(markers.flatMap((m) => (m.moves ?? []).flatMap(({ message_id, from, target }) => statusSteps(from, target).map((step) => `${message_id}:${step}`))));
}
