/** Clears a lease: the item is free again (and due at its next_attempt_at). */
export const RELEASED = { lease_until: new Date(0), lease_token: null } as const;
