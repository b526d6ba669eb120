import { parsePhoneNumberFromString } from 'libphonenumber-js';

const E164 = /^\+?([1-9]\d{1,14})$/;

/**
 * E.164 digits without '+' (the form pseudonyms are computed over, as ingestion does), or
 * undefined when the input is not E.164 or not a number that can exist.
 */
export function e164Digits(input: unknown): string | undefined {
  if (typeof input !== 'string') return undefined;
  const digits = E164.exec(input)?.[1];
  if (!digits) return undefined;
  const parsed = parsePhoneNumberFromString(`+${digits}`);
  return parsed?.isValid() ? parsed.number.slice(1) : undefined;
}
