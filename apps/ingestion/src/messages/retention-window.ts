/** The longest a message may be kept (CONTRACT §7): 30 days, for retransmission only. */
export const MAX_MESSAGE_AGE_MS = 30 * 24 * 60 * 60 * 1000;
