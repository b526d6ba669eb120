import type { AnnouncementBatch } from '../announcement-batch.schema';

type Marker = Pick<AnnouncementBatch, 'settled_job_tokens' | 'moves'>;

/**
 * The markers left to recover, and every lease token recovery must keep leased: those the
 * markers settle and those of this process's POSTs still under way. The POSTs under way are
 * taken first: a token leaves them only once its marker is stored, so every answered POST is in
 * one or the other. Taken after, a marker stored during the read would be in neither, and its
 * jobs, lapsed in a store outage, would reach their device twice.
 */
export async function keptLeased(postsUnderWay: () => readonly string[], readMarkers: () => Promise<Marker[]>): Promise<{ markers: Marker[]; tokens: string[] }> {
  const underWay = postsUnderWay();
  const markers = await readMarkers();
  return { markers, tokens: [...markers.flatMap((m) => m.settled_job_tokens ?? []), ...underWay] };
}
