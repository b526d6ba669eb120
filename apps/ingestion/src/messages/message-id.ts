import { randomBytes } from 'node:crypto';

/** Message ids in the Cloud API's style: `wamid.` and an opaque, unguessable tail. */
export function newMessageId(): string {
  return `wamid.${randomBytes(24).toString('base64url')}`;
}
