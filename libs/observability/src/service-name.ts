/** Injection token for the running service's name (ingestion, keys, …). */
export const SERVICE_NAME = Symbol('SERVICE_NAME');
