/** What may be logged of an unexpected error: its class and numeric code, never its text (it may quote data). */
export function errorSummary(error: unknown): { error: string; code?: number | string } {
  const err = error as { name?: string; code?: unknown } | undefined;
  const code = typeof err?.code === 'number' || (typeof err?.code === 'string' && /^[A-Z_\d]{1,40}$/.test(err.code)) ? err.code : undefined;
  return { error: typeof err?.name === 'string' ? err.name : 'unknown', ...(code !== undefined && { code }) };
}
