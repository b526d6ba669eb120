/** A consistency proof asked for between sizes the log cannot prove: the caller's to fix. */
export class ProofRangeError extends Error {}
