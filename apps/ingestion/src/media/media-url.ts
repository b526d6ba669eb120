import { createHmac, timingSafeEqual } from 'node:crypto';

/** how long a retrieved media URL can be fetched (the Cloud API's last 5 minutes) */
export const MEDIA_URL_TTL_MS = 5 * 60 * 1000;

function signature(mediaId: string, expires: number, urlSecret: string): Buffer {
  return createHmac('sha256', Buffer.from(urlSecret, 'base64url')).update(`${mediaId}.${expires}`).digest();
}

/** The path and query of a media's short-lived download URL; fetching it also needs the business's token. */
export function mediaDownloadPath(mediaId: string, urlSecret: string, now: number): string {
  const expires = Math.floor((now + MEDIA_URL_TTL_MS) / 1000);
  return `/v1/media/${mediaId}/content?expires=${expires}&signature=${signature(mediaId, expires, urlSecret).toString('base64url')}`;
}

/** Whether a download URL's `expires` and `signature` are the ones issued for this media, and not yet past. */
export function downloadAllowed(mediaId: string, urlSecret: string, query: { expires?: string; signature?: string }, now: number): boolean {
  const expires = Number(query.expires);
  if (!Number.isSafeInteger(expires) || expires * 1000 <= now || typeof query.signature !== 'string') return false;
  const expected = signature(mediaId, expires, urlSecret);
  const given = Buffer.from(query.signature, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function capability(mediaId: string, urlSecret: string): Buffer {
  return createHmac('sha256', Buffer.from(urlSecret, 'base64url')).update(`sealed.${mediaId}`).digest();
}

/** The path devices fetch a media's ciphertext at: a capability (no token), useless without the media key. */
export function sealedMediaPath(mediaId: string, urlSecret: string): string {
  return `/v1/media/${mediaId}/sealed/${capability(mediaId, urlSecret).toString('base64url')}`;
}

/** Whether `given` is this media's capability. */
export function sealedAllowed(mediaId: string, urlSecret: string, given: string): boolean {
  const expected = capability(mediaId, urlSecret);
  const presented = Buffer.from(given, 'base64url');
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}
